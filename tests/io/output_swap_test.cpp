// A set in one directory is replaced by swapping the whole directory: a failure or a kill at any
// step leaves exactly the old or the new set in it, unrelated entries survive, and a concurrent
// reader never sees a mix.
#include "output_test_util.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <new>
#include <set>
#include <sys/mman.h>
#include <sys/stat.h>
#include <vector>

namespace {
using namespace wfm_test;

const file_set unrelated{{"keep.txt", "mine\n"}, {"keep.lnk", "-> keep.txt"}};
const file_set old_files{{"a.csv", "old a\n"}, {"b.csv", "old b\n"}};
const file_set new_files{{"a.csv", "new a\n"}, {"b.csv", "new b\n"}, {"0.csv", "new 0\n"}};

file_set with(file_set s, const file_set& more) { // `more` wins
    for (const auto& [name, text] : more) {
        s[name] = text;
    }
    return s;
}

// `base/out` holding the old set and the unrelated entries; `base` holds nothing else.
fs::path old_dir(const fs::path& base) {
    fs::remove_all(base);
    const fs::path dir = base / "out";
    fs::create_directories(dir);
    write_set(dir, old_files);
    wfm::io::write_file_atomic(dir / "keep.txt", "mine\n");
    fs::create_symlink("keep.txt", dir / "keep.lnk");
    return dir;
}

std::vector<std::string> steps_of(const std::function<void()>& run) {
    std::vector<std::string> steps;
    wfm::io::detail::set_output_hook([&](int, std::string_view what) { steps.emplace_back(what); });
    run();
    wfm::io::detail::set_output_hook({});
    return steps;
}

const file_set only_out{{"out", "<dir>"}};

} // namespace

TEST_CASE("output_swap: a failure at any step leaves exactly the old set", "[io]") {
    const auto base = fresh_dir("swap_fail");
    const auto dir = old_dir(base);
    const auto run = [&] { write_set(dir, new_files); };
    const auto steps = steps_of(run);
    CHECK(steps ==
          std::vector<std::string>{"stage", "stage", "stage", "link", "link", "exchange", "clean"});
    for (std::size_t k = 0; k < steps.size(); ++k) {
        old_dir(base);
        wfm::io::detail::set_output_hook([&](int step, std::string_view) {
            if (step == static_cast<int>(k)) {
                throw std::runtime_error("injected");
            }
        });
        INFO("failed at step " << k << " (" << steps[k] << ")");
        if (steps[k] == "clean") { // the new set is in place; only the old directory remains
            CHECK_NOTHROW(run());
            CHECK(contents(dir) == with(new_files, unrelated));
        } else {
            const std::string expected = steps[k] == "stage"
                                             ? std::string{"injected"}
                                             : "cannot replace the outputs in '" + dir.string() +
                                                   "': injected; the old files are kept";
            CHECK_THROWS_WITH(run(), expected);
            CHECK(contents(dir) == with(old_files, unrelated));
        }
        wfm::io::detail::set_output_hook({});
        CHECK(contents(base).size() == 1 + old_files.size() + unrelated.size() +
                                           (steps[k] == "clean" ? 1 : 0)); // no sibling left
    }
    fs::remove_all(base);
}

TEST_CASE("output_swap: after a kill at any step the directory holds one whole set", "[io]") {
    const auto base = fresh_dir("swap_kill");
    const fs::path dir = base / "out";
    const auto run = [&] { write_set(dir, new_files); };
    int olds = 0;
    int news = 0;
    for (int k = 0;; ++k) {
        old_dir(base);
        const bool killed = killed_run(run, k);
        INFO("killed at step " << k);
        const file_set now = contents(dir); // before any recovery: D is never half-written
        CHECK((now == with(old_files, unrelated) || now == with(new_files, unrelated)));
        olds += now == with(old_files, unrelated) ? 1 : 0;
        news += now == with(new_files, unrelated) ? 1 : 0;
        std::size_t siblings = 0;
        for (const auto& e : fs::directory_iterator(base)) {
            siblings += e.path().filename() == "out" ? 0 : 1;
        }
        CHECK(siblings == (killed ? 1U : 0U)); // only the stale sibling is left behind
        wfm::io::output_files next;            // the next run into the same parent
        next.add(base / "other" / "x.csv", "x\n");
        next.commit();
        CHECK(contents(base).count("other") == 1);
        CHECK(contents(base).size() == 1 + now.size() + 2); // out/…, other, other/x.csv: no sibling
        if (!killed) {
            break;
        }
    }
    CHECK(olds == 6); // staging three files, linking two entries, before the exchange
    CHECK(news == 2); // cleaning, not killed
    fs::remove_all(base);
}

TEST_CASE("output_swap: a new directory appears whole, mode, links and a symlinked D are kept",
          "[io]") {
    const auto base = fresh_dir("swap_new");
    const fs::path dir = base / "out";
    CHECK(steps_of([&] { write_set(dir, new_files); }) ==
          std::vector<std::string>{"stage", "stage", "stage", "rename"});
    CHECK(contents(base) ==
          with(only_out,
               {{"out/a.csv", "new a\n"}, {"out/b.csv", "new b\n"}, {"out/0.csv", "new 0\n"}}));
    fs::remove_all(dir);
    CHECK_FALSE(killed_run([&] { write_set(dir, new_files); }, -1, "rename", 0)); // fails
    CHECK(fs::is_empty(base));
    killed_run([&] { write_set(dir, new_files); }, 3); // killed before the rename
    CHECK_FALSE(fs::exists(dir));

    old_dir(base);
    fs::permissions(dir, fs::perms(0750));
    fs::create_symlink("out", base / "link");
    write_set(base / "link", new_files);
    CHECK(fs::is_symlink(base / "link"));
    CHECK(fs::status(dir).permissions() == fs::perms(0750));
    CHECK(contents(dir) == with(new_files, unrelated));
    CHECK(fs::read_symlink(dir / "keep.lnk") == "keep.txt");
    // An output that is a symlink inside D: the file it names is replaced, the link stays.
    write_set(dir, {{"keep.lnk", "through\n"}, {"a.csv", "a\n"}});
    CHECK(wfm::io::read_file(dir / "keep.txt") == "through\n");
    CHECK(fs::is_symlink(dir / "keep.lnk"));
    fs::remove_all(base);
}

TEST_CASE("output_swap: a directory holding a subdirectory is replaced through the journal",
          "[io]") {
    const auto base = fresh_dir("swap_fallback");
    const auto dir = old_dir(base);
    fs::create_directories(dir / "sub");
    const auto steps = steps_of([&] { write_set(dir, new_files); });
    CHECK(std::count(steps.begin(), steps.end(), "journal") == 1);
    CHECK(std::count(steps.begin(), steps.end(), "exchange") == 0);
    CHECK(contents(dir) == with(with(new_files, unrelated), {{"sub", "<dir>"}}));
    CHECK(contents(base).size() == 1 + new_files.size() + unrelated.size() + 1);
    // The working directory is never swapped (nor its ancestors).
    fs::remove_all(dir / "sub");
    const fs::path cwd = fs::current_path();
    fs::current_path(dir);
    const auto in_cwd = steps_of([&] { write_set(dir, old_files); });
    fs::current_path(cwd);
    CHECK(std::count(in_cwd.begin(), in_cwd.end(), "journal") == 1);
    CHECK(contents(dir) == with(with(new_files, old_files), unrelated));
    fs::remove_all(base);
}

namespace {

struct reader_counts {
    std::atomic<int> stop, sets, generations, mixes, lost;
};

// Reads the set through one handle of D again and again; counts whole sets and mixes.
void read_sets(const fs::path& dir, const std::vector<std::string>& names, reader_counts& c) {
    std::string last;
    while (c.stop.load() == 0) {
        const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
        if (fd < 0) {
            ++c.lost; // D must always exist
            continue;
        }
        std::set<std::string> seen;
        bool gone = false; // the old directory removed under us: read again
        for (const auto& name : names) {
            const int f = ::openat(fd, name.c_str(), O_RDONLY);
            if (f < 0) {
                gone = true;
                break;
            }
            char buf[64] = {};
            const auto n = ::read(f, buf, sizeof buf - 1);
            ::close(f);
            seen.insert(std::string(buf, n > 0 ? static_cast<std::size_t>(n) : 0));
        }
        ::close(fd);
        if (!gone) {
            ++c.sets;
            c.mixes += seen.size() == 1 ? 0 : 1;
            c.generations += *seen.begin() == last ? 0 : 1;
            last = *seen.begin();
        }
    }
}

} // namespace

TEST_CASE("output_swap: a reader never sees a mix of two sets", "[io]") {
    const auto base = fresh_dir("swap_reader");
    const fs::path dir = base / "out";
    const std::vector<std::string> names{"forecast.csv", "requirements.csv", "schedule.csv",
                                         "coverage.csv", "report.json",      "report.txt",
                                         "report.html"};
    const auto write_generation = [&](int g) {
        file_set s;
        for (const auto& n : names) {
            s[n] = "generation " + std::to_string(g) + "\n";
        }
        write_set(dir, s);
    };
    write_generation(0);
    void* shared = ::mmap(nullptr, sizeof(reader_counts), PROT_READ | PROT_WRITE,
                          MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    REQUIRE(shared != MAP_FAILED);
    auto* counts = new (shared) reader_counts{};
    const pid_t reader = ::fork();
    if (reader == 0) {
        read_sets(dir, names, *counts);
        ::_exit(0);
    }
    int g = 1;
    for (; g < 2000 && (g < 100 || counts->generations.load() < 20); ++g) {
        write_generation(g);
    }
    counts->stop = 1;
    ::waitpid(reader, nullptr, 0);
    INFO(g << " commits, " << counts->sets << " sets read");
    CHECK(counts->mixes == 0);
    CHECK(counts->lost == 0);
    CHECK(counts->generations >= 20); // the reader did read across many commits
    ::munmap(shared, sizeof(reader_counts));
    fs::remove_all(base);
}
