#include "output_swap.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE (1U << 0)
#endif
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1U << 1)
#endif

namespace wfm::io::detail {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view sibling_tag = ".wfm-new-";

int rename2(const fs::path& from, const fs::path& to, unsigned flags) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 28))
    return ::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), flags);
#elif defined(SYS_renameat2)
    return static_cast<int>(
        ::syscall(SYS_renameat2, AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), flags));
#else
    (void)from, (void)to, (void)flags;
    errno = ENOSYS;
    return -1;
#endif
}

bool same_file(const struct stat& a, const struct stat& b) {
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

// `dir` is the working directory or one of its ancestors: swapping it would strand the cwd.
bool holds_cwd(const fs::path& dir) {
    std::error_code ec;
    const fs::path cwd = fs::canonical(fs::current_path(ec), ec);
    if (ec) {
        return true; // unknown: do not risk it
    }
    const auto [d, c] = std::mismatch(dir.begin(), dir.end(), cwd.begin(), cwd.end());
    return d == dir.end();
}

// Extended attributes other than `security.*` (an SELinux label, say) would be lost.
bool has_attributes(const fs::path& dir) {
    const ssize_t size = ::llistxattr(dir.c_str(), nullptr, 0);
    if (size <= 0) {
        return false;
    }
    std::string names(static_cast<std::size_t>(size), '\0');
    const ssize_t got = ::llistxattr(dir.c_str(), names.data(), names.size());
    for (std::size_t at = 0; got > 0 && at < static_cast<std::size_t>(got);) {
        const std::string name = names.c_str() + at;
        if (name.rfind("security.", 0) != 0) {
            return true;
        }
        at += name.size() + 1;
    }
    return got < 0;
}

// Every entry of `dir` not in `names` linked (or else copied) into `fresh`; false if one cannot
// be, or is not a regular file or a symlink.
bool link_others(const fs::path& dir, const fs::path& fresh,
                 const std::vector<std::string>& names) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; it != end; it.increment(ec)) {
        const fs::path from = it->path();
        const std::string name = from.filename().string();
        if (std::find(names.begin(), names.end(), name) != names.end()) {
            continue;
        }
        struct stat st {};
        if (::lstat(from.c_str(), &st) != 0 || !(S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))) {
            return false;
        }
        output_step("link");
        const fs::path to = fresh / name;
        if (::linkat(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), 0) != 0) {
            std::error_code copy_ec;
            if (S_ISLNK(st.st_mode)) {
                fs::copy_symlink(from, to, copy_ec);
            } else {
                fs::copy_file(from, to, copy_ec);
            }
            if (copy_ec) {
                return false;
            }
        }
    }
    return !ec;
}

// Entries the user put into (or replaced in) the old directory after link_others looked.
void keep_late_entries(const fs::path& old_dir, const fs::path& dir,
                       const std::vector<std::string>& names) {
    std::error_code ec;
    std::vector<fs::path> late;
    for (fs::directory_iterator it(old_dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        struct stat was {};
        struct stat now {};
        if (std::find(names.begin(), names.end(), name) == names.end() &&
            ::lstat(it->path().c_str(), &was) == 0 &&
            (::lstat((dir / name).c_str(), &now) != 0 || !same_file(was, now))) {
            late.push_back(it->path());
        }
    }
    for (const auto& p : late) {
        fs::rename(p, dir / p.filename(), ec);
    }
}

// The mode and owner of `dir` given to `fresh`; false if they cannot be.
bool copy_attributes(const fs::path& dir, const fs::path& fresh) {
    struct stat d {};
    struct stat f {};
    if (::stat(dir.c_str(), &d) != 0 || ::stat(fresh.c_str(), &f) != 0) {
        return false;
    }
    if ((d.st_uid != f.st_uid || d.st_gid != f.st_gid) &&
        ::chown(fresh.c_str(), d.st_uid, d.st_gid) != 0) {
        return false;
    }
    return ::chmod(fresh.c_str(), d.st_mode & 07777) == 0;
}

} // namespace

bool swappable(const fs::path& dir) {
    struct stat d {};
    struct stat p {};
    if (!dir.has_relative_path() || ::lstat(dir.c_str(), &d) != 0 || !S_ISDIR(d.st_mode) ||
        ::stat(dir.parent_path().c_str(), &p) != 0 || d.st_dev != p.st_dev || holds_cwd(dir) ||
        has_attributes(dir)) {
        return false;
    }
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; it != end; it.increment(ec)) {
        const auto type = it->symlink_status(ec).type();
        if (ec || (type != fs::file_type::regular && type != fs::file_type::symlink)) {
            return false;
        }
    }
    return !ec;
}

fs::path make_sibling(const fs::path& dir) {
    static std::atomic<unsigned> counter{0};
    while (true) {
        const fs::path sibling =
            dir.parent_path() / fmt::format(".{}{}{}-{}", dir.filename().string(), sibling_tag,
                                            static_cast<long>(::getpid()), counter++);
        if (::mkdir(sibling.c_str(), 0777) == 0) {
            return sibling;
        }
        if (errno != EEXIST) {
            return {};
        }
    }
}

bool sibling_name(const std::string& name, long& pid) {
    const auto tag = name.rfind(sibling_tag);
    if (name.size() < 2 || name[0] != '.' || tag == std::string::npos || tag < 1) {
        return false;
    }
    const auto at = tag + sibling_tag.size();
    const auto dash = name.find('-', at);
    if (dash == std::string::npos || dash == at || dash + 1 == name.size() ||
        name.find_first_not_of("0123456789", at) != dash ||
        name.find_first_not_of("0123456789", dash + 1) != std::string::npos || dash - at > 9) {
        return false;
    }
    pid = std::stol(name.substr(at, dash - at));
    return pid > 0;
}

bool swap_in(const fs::path& dir, const fs::path& fresh, const std::vector<std::string>& names) {
    struct stat st {};
    if (::lstat(dir.c_str(), &st) != 0) {
        if (errno != ENOENT) {
            return false;
        }
        output_step("rename");
        if (rename2(fresh, dir, RENAME_NOREPLACE) == 0) {
            return true;
        }
        if (errno != EEXIST) {
            return false; // else someone made `dir` meanwhile: exchange with it
        }
    }
    if (!swappable(dir) || !copy_attributes(dir, fresh) || !link_others(dir, fresh, names)) {
        return false;
    }
    output_step("exchange");
    if (rename2(fresh, dir, RENAME_EXCHANGE) != 0) {
        return false;
    }
    keep_late_entries(fresh, dir, names);
    try {
        output_step("clean");
    } catch (const std::exception&) {
        return true; // the new set is in place; the caller or the next run removes the old one
    }
    std::error_code ec;
    fs::remove_all(fresh, ec);
    return true;
}

} // namespace wfm::io::detail
