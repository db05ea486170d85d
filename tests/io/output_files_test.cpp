// Output sets are all or nothing: a failed rename rolls back, a kill at any step leaves a state
// that the next run completes or rolls back, and special or input files are refused.
#include "output_test_util.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

namespace {
using namespace wfm_test;

// A set spread over two directories `a` and `b`: replaced through the journal.
const file_set old_set{
    {"a", "<dir>"}, {"b", "<dir>"}, {"a/a.csv", "old a\n"}, {"b/b.csv", "old b\n"}};
const file_set new_set{{"a", "<dir>"},
                       {"b", "<dir>"},
                       {"a/a.csv", "new a\n"},
                       {"b/b.csv", "new b\n"},
                       {"a/0.csv", "new 0\n"}};

std::string error_of(const fs::path& target, const fs::path& input = {}) {
    try {
        wfm::io::output_files out;
        if (!input.empty()) {
            out.add_input(input);
        }
        out.add(target, "x\n");
        out.commit();
    } catch (const wfm::io::file_error& e) {
        return e.what();
    }
    return "no error";
}

// What the next run into `a`, `b` and their parent does first.
void recover_all(const fs::path& dir) {
    wfm::io::detail::recover_outputs(dir / "a");
    wfm::io::detail::recover_outputs(dir / "b");
    wfm::io::detail::recover_outputs(dir);
}

} // namespace

TEST_CASE("output_files: a rename that fails leaves the old set and no temporaries", "[io]") {
    const auto dir = fresh_dir("rename_fails");
    write_set(dir, old_set);
    for (int k = 0; k < 3; ++k) {
        int renames = 0;
        wfm::io::detail::set_output_hook([&](int, std::string_view what) {
            if (what == "rename" && renames++ == k) {
                throw std::runtime_error("injected");
            }
        });
        CHECK_THROWS_AS(write_set(dir, new_set), wfm::io::file_error);
        wfm::io::detail::set_output_hook({});
        CHECK(renames == k + 1); // the failure was injected (and through the journal)
        CHECK(contents(dir) == old_set);
    }
    write_set(dir, new_set);
    CHECK(contents(dir) == new_set);
    fs::remove_all(dir);
}

TEST_CASE("output_files: after a kill at any step the next run finds the old or the new set",
          "[io]") {
    const auto dir = fresh_dir("killed");
    int olds = 0;
    int news = 0;
    const auto run = [&] { write_set(dir, new_set); };
    for (int k = 0;; ++k) {
        fs::remove_all(dir);
        fs::create_directories(dir);
        write_set(dir, old_set);
        const bool killed = killed_run(run, k);
        recover_all(dir);
        const file_set now = contents(dir);
        INFO("killed at step " << k);
        CHECK((now == old_set || now == new_set));
        olds += now == old_set ? 1 : 0;
        news += now == new_set ? 1 : 0;
        if (!killed) {
            break;
        }
        // A kill while rolling back a failed rename: the next run finishes the roll-back.
        fs::remove_all(dir);
        fs::create_directories(dir);
        write_set(dir, old_set);
        if (killed_run(run, k, "rename", 1)) {
            recover_all(dir);
            const file_set back = contents(dir);
            CHECK((back == old_set || back == new_set));
        }
    }
    CHECK(olds >= 4); // killed while staging, linking aside or writing the journal
    CHECK(news >= 4); // killed while renaming or cleaning, then completed; or not killed
    fs::remove_all(dir);
}

TEST_CASE("output_files: stale temporaries of dead runs are removed by the next run", "[io]") {
    const auto dir = fresh_dir("stale");
    const pid_t dead = ::fork();
    if (dead == 0) {
        ::_exit(0);
    }
    ::waitpid(dead, nullptr, 0);
    const std::string pid = std::to_string(dead);
    wfm::io::write_file_atomic(dir / (".forecast.csv.tmp-" + pid + "-0"), "half");
    fs::create_directories(dir / (".wfm-stage-" + pid + "-3"));
    wfm::io::write_file_atomic(dir / (".wfm-stage-" + pid + "-3") / "0.new", "half");
    wfm::io::write_file_atomic(dir / "keep.txt", "mine\n");
    const file_set set{{"a.csv", "new a\n"}, {"b.csv", "new b\n"}};
    write_set(dir, set);
    file_set expected = set;
    expected["keep.txt"] = "mine\n";
    CHECK(contents(dir) == expected);
    fs::remove_all(dir);
}

TEST_CASE("output_files: inputs, devices, FIFOs and directories are refused, links followed",
          "[io]") {
    const auto dir = fresh_dir("special");
    wfm::io::write_file_atomic(dir / "in.csv", "input\n");
    CHECK(error_of(dir / "in.csv", dir / "in.csv") == "refusing to write '" +
                                                          (dir / "in.csv").string() +
                                                          "': it is also an input of this command");
    CHECK(wfm::io::read_file(dir / "in.csv") == "input\n");
    CHECK(error_of("/dev/null") ==
          "refusing to write '/dev/null': it is a character device, not a regular file");
    REQUIRE(::mkfifo((dir / "fifo").c_str(), 0600) == 0);
    CHECK(error_of(dir / "fifo") ==
          "refusing to write '" + (dir / "fifo").string() + "': it is a FIFO, not a regular file");
    CHECK(error_of(dir) ==
          "refusing to write '" + dir.string() + "': it is a directory, not a regular file");
    fs::create_symlink(dir / "in.csv", dir / "link.csv");
    CHECK(error_of(dir / "link.csv", dir / "in.csv") ==
          "refusing to write '" + (dir / "link.csv").string() +
              "': it is also an input of this command");
    wfm::io::write_file_atomic(dir / "link.csv", "through the link\n");
    CHECK(fs::is_symlink(dir / "link.csv"));
    CHECK(wfm::io::read_file(dir / "in.csv") == "through the link\n");
    fs::create_symlink(dir / "nowhere", dir / "dangling.csv");
    CHECK_THAT(error_of(dir / "dangling.csv"),
               Catch::Matchers::StartsWith("refusing to write '" + (dir / "dangling.csv").string() +
                                           "': it is a symlink to nothing"));
    fs::remove_all(dir);
}
