#include <wfm/io/output_files.hpp>

#include "output_swap.hpp"

#include <wfm/core/error.hpp>

#include <fmt/format.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace wfm::io {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view stage_prefix = ".wfm-stage-";
constexpr std::string_view journal_magic = "wfm-output-journal 1";

std::function<void(int, std::string_view)>& hook() {
    static std::function<void(int, std::string_view)> h;
    return h;
}
int& hook_step() {
    static int step = 0;
    return step;
}
void step(std::string_view what) {
    if (hook()) {
        hook()(hook_step()++, what);
    }
}

[[noreturn]] void fail(const std::string& message) {
    throw file_error(message);
}

void write_plain(const fs::path& path, std::string_view content, const fs::path& shown) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) {
        fail(fmt::format("cannot write '{}': {}", shown.string(), std::strerror(errno)));
    }
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) {
        fail(fmt::format("cannot write '{}'", shown.string()));
    }
}

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A path in the journal: bytes up to space and `%` percent-encoded, so one record is one line.
std::string encode(const fs::path& p) {
    std::string out;
    for (char c : p.string()) {
        const auto b = static_cast<unsigned char>(c);
        out += b <= 0x20 || c == '%' ? fmt::format("%{:02X}", b) : std::string(1, c);
    }
    return out;
}
fs::path decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned byte = 0;
        if (s[i] == '%' && i + 2 < s.size() &&
            std::from_chars(s.data() + i + 1, s.data() + i + 3, byte, 16).ptr == s.data() + i + 3) {
            out += static_cast<char>(byte);
            i += 2;
        } else {
            out += s[i];
        }
    }
    return fs::path{out};
}

struct journal {
    std::vector<fs::path> stages; // the primary first
    struct file {
        fs::path staged, backup, target;
    };
    std::vector<file> files;
};

std::string format_journal(const journal& j) {
    std::string out = std::string{journal_magic} + "\n";
    for (const auto& s : j.stages) {
        out += "stage " + encode(s) + "\n";
    }
    for (const auto& f : j.files) {
        out +=
            fmt::format("file {} {} {}\n", encode(f.staged),
                        f.backup.empty() ? std::string{"-"} : encode(f.backup), encode(f.target));
    }
    return out + "end\n";
}

// Empty when the text is not a whole journal (it is renamed into place whole, so never).
std::optional<journal> parse_journal(const std::string& text) {
    std::istringstream in(text);
    std::string line;
    if (!std::getline(in, line) || line != journal_magic) {
        return std::nullopt;
    }
    journal j;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string kind, a, b, c;
        words >> kind >> a >> b >> c;
        if (kind == "end") {
            return j;
        }
        if (kind == "stage") {
            j.stages.push_back(decode(a));
        } else if (kind == "file") {
            j.files.push_back({decode(a), b == "-" ? fs::path{} : decode(b), decode(c)});
        }
    }
    return std::nullopt;
}

bool exists_no_follow(const fs::path& p) {
    std::error_code ec;
    return fs::symlink_status(p, ec).type() != fs::file_type::not_found && !ec;
}

// Removes the staging directories, the primary (holding the journal) last.
void clean(const journal& j) {
    step("clean");
    for (std::size_t k = j.stages.size(); k-- > 0;) {
        std::error_code ec;
        if (k == 0) {
            for (const auto& f : j.files) {
                fs::remove(f.staged, ec);
                if (!f.backup.empty()) {
                    fs::remove(f.backup, ec);
                }
            }
            fs::remove(j.stages[0] / "rollback", ec);
            fs::remove(j.stages[0] / "journal", ec);
        }
        fs::remove_all(j.stages[k], ec);
    }
}

// The old set back: a backup is a hard link of the old file (renaming it back is a no-op when
// the new file never got there); a target that had no old file is removed once renamed.
void roll_back(const journal& j) {
    std::error_code ec;
    try {
        write_plain(j.stages[0] / "rollback", "", j.stages[0] / "rollback");
    } catch (const file_error&) {
        // still roll back; a kill now would roll forward, also a whole set
    }
    for (const auto& f : j.files) {
        if (!f.backup.empty()) {
            if (exists_no_follow(f.backup)) {
                fs::rename(f.backup, f.target, ec);
            }
        } else if (!exists_no_follow(f.staged)) {
            fs::remove(f.target, ec);
        }
    }
    clean(j);
}

void roll_forward(const journal& j) {
    for (const auto& f : j.files) {
        std::error_code ec;
        if (exists_no_follow(f.staged)) {
            fs::rename(f.staged, f.target, ec);
        }
    }
    clean(j);
}

// The pid in `.wfm-stage-<pid>-<n>`, `.<dir>.wfm-new-<pid>-<n>` or `.<name>.tmp-<pid>-<n>` (older
// releases); 0 if none.
long owner_pid(const std::string& name) {
    std::size_t at = std::string::npos;
    if (long pid = 0; detail::sibling_name(name, pid)) {
        return pid;
    }
    if (name.rfind(stage_prefix, 0) == 0) {
        at = stage_prefix.size();
    } else if (name.size() > 1 && name[0] == '.') {
        const auto t = name.rfind(".tmp-");
        at = t == std::string::npos ? t : t + 5;
    }
    if (at == std::string::npos) {
        return 0;
    }
    const auto dash = name.find('-', at);
    if (dash == std::string::npos || dash == at || dash + 1 == name.size() ||
        name.find_first_not_of("0123456789", at) != dash ||
        name.find_first_not_of("0123456789", dash + 1) != std::string::npos) {
        return 0;
    }
    return std::stol(name.substr(at, dash - at));
}

bool alive(long pid) {
    return pid == ::getpid() || ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

void recover_stage(const fs::path& stage) {
    fs::path primary = stage;
    if (!fs::exists(stage / "journal") && fs::exists(stage / "primary")) {
        primary = fs::path{slurp(stage / "primary")};
    }
    const auto j =
        fs::exists(primary / "journal") ? parse_journal(slurp(primary / "journal")) : std::nullopt;
    if (!j || j->stages.empty()) {
        std::error_code ec;
        fs::remove_all(stage, ec); // never committed: the old set is intact
        return;
    }
    if (fs::exists(primary / "rollback")) {
        roll_back(*j);
    } else {
        roll_forward(*j);
    }
}

// The file a target names (a symlink followed), refused when it cannot be a set member.
fs::path resolve_target(const fs::path& target,
                        const std::vector<std::pair<std::uint64_t, std::uint64_t>>& inputs) {
    fs::path p = fs::absolute(target);
    struct stat st {};
    if (::lstat(p.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
        std::error_code ec;
        p = fs::canonical(p, ec);
        if (ec) {
            fail(fmt::format("refusing to write '{}': it is a symlink to nothing ({})",
                             target.string(), ec.message()));
        }
    }
    if (::stat(p.c_str(), &st) != 0) {
        return p; // a new file
    }
    const char* kind = S_ISDIR(st.st_mode)    ? "a directory"
                       : S_ISCHR(st.st_mode)  ? "a character device"
                       : S_ISBLK(st.st_mode)  ? "a block device"
                       : S_ISFIFO(st.st_mode) ? "a FIFO"
                       : S_ISSOCK(st.st_mode) ? "a socket"
                                              : nullptr;
    if (kind != nullptr) {
        fail(fmt::format("refusing to write '{}': it is {}, not a regular file", target.string(),
                         kind));
    }
    for (const auto& [dev, ino] : inputs) {
        if (dev == st.st_dev && ino == st.st_ino) {
            fail(fmt::format("refusing to write '{}': it is also an input of this command",
                             target.string()));
        }
    }
    return p;
}

void recover(const fs::path& dir, bool siblings_only);

// A new staging directory `.wfm-stage-<pid>-<n>` in `dir`.
fs::path make_stage(const fs::path& dir) {
    static std::atomic<unsigned> counter{0};
    fs::path stage;
    do {
        stage =
            dir / fmt::format("{}{}-{}", stage_prefix, static_cast<long>(::getpid()), counter++);
    } while (::mkdir(stage.c_str(), 0700) != 0 && errno == EEXIST);
    if (!fs::is_directory(stage)) {
        fail(fmt::format("cannot create a staging directory in '{}': {}", dir.string(),
                         std::strerror(errno)));
    }
    return stage;
}

void make_directories(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
        fail(fmt::format("cannot create directory '{}': {}", dir.string(), ec.message()));
    }
}

} // namespace

namespace detail {

void set_output_hook(std::function<void(int, std::string_view)> h) {
    hook() = std::move(h);
    hook_step() = 0;
}

void output_step(std::string_view what) {
    step(what);
}

void recover_outputs(const fs::path& dir) {
    recover(dir, false);
}

} // namespace detail

namespace {

// The dead runs' leftovers in `dir`; only their new-directory siblings when `siblings_only`.
void recover(const fs::path& dir, bool siblings_only) {
    std::error_code ec;
    std::vector<fs::path> stale;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        long pid = 0;
        const bool sibling = detail::sibling_name(name, pid);
        pid = sibling || !siblings_only ? owner_pid(name) : 0;
        if (pid > 0 && !alive(pid)) {
            stale.push_back(it->path());
        }
    }
    for (const auto& p : stale) {
        const std::string name = p.filename().string();
        if (long pid = 0; detail::sibling_name(name, pid)) {
            fs::remove_all(p, ec); // never holds a journal: the old set is intact
        } else if (name.rfind(stage_prefix, 0) == 0) {
            recover_stage(p);
        } else {
            fs::remove(p, ec); // a temporary of an older release
        }
    }
}

} // namespace

output_files::~output_files() {
    for (const auto& s : stages_) {
        std::error_code ec;
        fs::remove_all(s.path, ec);
    }
}

void output_files::add_input(const fs::path& input) {
    struct stat st {};
    if (::stat(input.c_str(), &st) == 0) {
        inputs_.emplace_back(st.st_dev, st.st_ino);
    }
}

// A directory that can be swapped (or does not exist yet) gets a new sibling; any other a
// staging directory inside it.
output_files::stage& output_files::stage_for(const fs::path& dir) {
    for (auto& s : stages_) {
        if (s.dir == dir) {
            return s;
        }
    }
    std::error_code ec;
    const bool fresh = fs::symlink_status(dir, ec).type() == fs::file_type::not_found;
    if (fresh && dir.has_relative_path()) {
        make_directories(dir.parent_path());
    } else {
        make_directories(dir);
        detail::recover_outputs(dir);
    }
    if (dir.has_relative_path()) {
        recover(dir.parent_path(), true);
    }
    if (fresh || detail::swappable(dir)) {
        if (fs::path sibling = detail::make_sibling(dir); !sibling.empty()) {
            return stages_.emplace_back(stage{dir, sibling, true});
        }
    }
    make_directories(dir);
    return stages_.emplace_back(stage{dir, make_stage(dir), false});
}

// A sibling's files moved into a staging directory inside the (now created) target directory.
void output_files::to_journal_stage(stage& s) {
    make_directories(s.dir);
    const fs::path staging = make_stage(s.dir);
    const fs::path sibling = std::exchange(s.path, staging);
    s.sibling = false;
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        auto& e = entries_[i];
        if (e.staged.parent_path() != sibling) {
            continue;
        }
        const fs::path moved = staging / fmt::format("{}.new", i);
        std::error_code ec;
        fs::rename(e.staged, moved, ec);
        if (ec) {
            fs::remove_all(sibling, ec);
            fail(fmt::format("cannot stage output for '{}': {}", e.target.string(), ec.message()));
        }
        e.staged = moved;
    }
    std::error_code ec;
    fs::remove_all(sibling, ec);
}

void output_files::add(const fs::path& target, std::string_view content) {
    fs::path resolved = resolve_target(target, inputs_);
    resolved = fs::weakly_canonical(resolved.parent_path()) / resolved.filename();
    for (const auto& e : entries_) {
        if (e.target == resolved) {
            fail(fmt::format("refusing to write '{}' twice in one output set", target.string()));
        }
    }
    const stage& s = stage_for(resolved.parent_path());
    step("stage");
    const fs::path staged = s.path / (s.sibling ? resolved.filename()
                                                : fs::path{fmt::format("{}.new", entries_.size())});
    write_plain(staged, content, target);
    entries_.push_back({resolved, staged, {}});
}

void output_files::commit() {
    if (entries_.empty()) {
        return;
    }
    if (stages_.size() != 1 || !stages_.front().sibling || entries_.size() < 2 || !swap_commit()) {
        for (auto& s : stages_) {
            if (s.sibling) {
                to_journal_stage(s);
            }
        }
        journal_commit();
    }
    stages_.clear();
    entries_.clear();
}

// The one directory exchanged whole; false (nothing visible changed) when it cannot be.
bool output_files::swap_commit() {
    const stage& s = stages_.front();
    std::vector<std::string> names;
    for (const auto& e : entries_) {
        names.push_back(e.target.filename().string());
    }
    try {
        if (!detail::swap_in(s.dir, s.path, names)) {
            return false;
        }
    } catch (const std::exception& e) { // a failure injected by the test hook
        fail(fmt::format("cannot replace the outputs in '{}': {}; the old files are kept",
                         s.dir.string(), e.what()));
    }
    std::error_code ec;
    fs::remove_all(s.path, ec); // the old directory, if cleaning it failed
    return true;
}

void output_files::journal_commit() {
    journal j;
    for (std::size_t k = 0; k < stages_.size(); ++k) {
        j.stages.push_back(stages_[k].path);
        if (k > 0) {
            write_plain(stages_[k].path / "primary", stages_.front().path.string(),
                        stages_[k].path);
        }
    }
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        auto& e = entries_[i];
        if (fs::exists(e.target)) {
            step("backup");
            e.backup = e.staged.parent_path() / fmt::format("{}.old", i);
            std::error_code ec;
            fs::create_hard_link(e.target, e.backup, ec);
            if (ec) {
                fs::copy_file(e.target, e.backup, ec);
            }
            if (ec) {
                fail(fmt::format("cannot keep the old '{}' aside: {}", e.target.string(),
                                 ec.message()));
            }
        }
        j.files.push_back({e.staged, e.backup, e.target});
    }
    step("journal");
    write_plain(j.stages[0] / "journal.tmp", format_journal(j), j.stages[0] / "journal");
    std::error_code ec;
    fs::rename(j.stages[0] / "journal.tmp", j.stages[0] / "journal", ec);
    if (ec) {
        fail(fmt::format("cannot write the output journal in '{}': {}",
                         j.stages[0].parent_path().string(), ec.message()));
    }
    for (const auto& f : j.files) {
        try {
            step("rename");
            fs::rename(f.staged, f.target, ec);
        } catch (const std::exception&) {
            ec = std::make_error_code(std::errc::io_error); // a failure injected by the test hook
        }
        if (ec) {
            roll_back(j);
            stages_.clear();
            entries_.clear();
            fail(fmt::format("cannot move output into '{}': {}; the old files are kept",
                             f.target.string(), ec.message()));
        }
    }
    clean(j);
}

void write_file_atomic(const fs::path& target, std::string_view content,
                       const std::vector<fs::path>& inputs) {
    output_files out;
    for (const auto& input : inputs) {
        out.add_input(input);
    }
    out.add(target, content);
    out.commit();
}

} // namespace wfm::io
