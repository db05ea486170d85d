#pragma once
/// Output sets that appear all together or not at all (a staging directory and a journal).

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

namespace wfm::io {

/// A command's output files, replaced as one set. add() writes each file into a staging
/// directory `.wfm-stage-<pid>-<n>` beside its target; commit() links the old files aside, writes
/// a journal, renames the new files into place and removes the staging. A failed rename rolls the
/// set back to the old files; a run killed after the journal is completed (or rolled back) by the
/// next run that writes into the same directory, which also removes stale staging directories.
/// A target that is a symlink is followed: the file it points to is replaced and the link stays.
/// A target that is an input (same device and inode), a directory, a device, a FIFO or a socket
/// is refused with file_error before anything is written.
class output_files {
public:
    output_files() = default;
    output_files(const output_files&) = delete;
    output_files& operator=(const output_files&) = delete;
    ~output_files();

    /// Registers a file the command reads; add() refuses it as a target. Absent files are ignored.
    void add_input(const std::filesystem::path& input);
    /// Writes `content` to a staged file for `target`; throws file_error on failure.
    void add(const std::filesystem::path& target, std::string_view content);
    /// Moves every staged file onto its target, all or none; throws file_error on failure.
    void commit();

private:
    struct entry {
        std::filesystem::path target; // resolved (symlinks followed)
        std::filesystem::path staged;
        std::filesystem::path backup; // empty when the target did not exist
    };
    std::filesystem::path stage_for(const std::filesystem::path& dir);
    std::vector<entry> entries_;
    std::vector<std::pair<std::filesystem::path, std::filesystem::path>> stages_; // {dir, stage}
    std::vector<std::pair<std::uint64_t, std::uint64_t>> inputs_;                 // {device, inode}
};

/// Writes one file atomically (staged + rename); refuses the same targets as output_files,
/// `inputs` included.
void write_file_atomic(const std::filesystem::path& target, std::string_view content,
                       const std::vector<std::filesystem::path>& inputs = {});

namespace detail {
/// Test hook, called before each step with a running step number and the step's name
/// (`stage`, `backup`, `journal`, `rename`, `clean`); it may throw (the step fails) or end
/// the process (a kill at that step). An empty function removes it.
void set_output_hook(std::function<void(int step, std::string_view what)> hook);
/// Completes or rolls back the commit of every dead process that staged files in `dir`, and
/// removes their staging directories and temporaries. add() calls it for each new directory.
void recover_outputs(const std::filesystem::path& dir);
} // namespace detail

} // namespace wfm::io
