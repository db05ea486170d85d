#pragma once
/// Replacing a whole output directory at once: the new directory is built as a sibling and
/// exchanged with the old one by one `renameat2` (used by output_files for one-directory sets).

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace wfm::io::detail {

/// Runs the output test hook for a step (defined in output_files.cpp); may throw.
void output_step(std::string_view what);

/// True if `dir` (absolute, symlinks resolved) exists and may be swapped whole: not `/`, not the
/// working directory or an ancestor of it, on the same filesystem as its parent, without extended
/// attributes (ACLs) and holding only regular files and symlinks.
[[nodiscard]] bool swappable(const std::filesystem::path& dir);

/// Creates the empty sibling `<parent>/.<name>.wfm-new-<pid>-<n>` of `dir`; empty on failure.
[[nodiscard]] std::filesystem::path make_sibling(const std::filesystem::path& dir);

/// True if `name` is a sibling made by make_sibling; its pid goes to `pid`.
[[nodiscard]] bool sibling_name(const std::string& name, long& pid);

/// Puts `fresh` (a sibling holding the new files `names`) in place of `dir`: renamed when `dir`
/// does not exist, else given the mode and owner of `dir` and links of every other entry of it,
/// exchanged with it and the old directory removed. False, with `dir` untouched, when the
/// filesystem cannot; a failure thrown by the hook before the exchange propagates.
[[nodiscard]] bool swap_in(const std::filesystem::path& dir, const std::filesystem::path& fresh,
                           const std::vector<std::string>& names);

} // namespace wfm::io::detail
