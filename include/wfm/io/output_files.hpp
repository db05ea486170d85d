#pragma once
/// Output sets that appear all together or not at all (a directory swap, else a journal).

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

namespace wfm::io {

/// A command's output files, replaced as one set. When every target lives in one directory D
/// that can be swapped (see docs/formats.md, "Output files"), add() writes each file into a new
/// sibling directory `.<D>.wfm-new-<pid>-<n>` and commit() links every other entry of D into it
/// and exchanges it with D in one `renameat2` (or renames it into place when D is new), so that a
/// reader of D sees the old set or the new set, never a mix. Otherwise add() writes into a staging
/// directory `.wfm-stage-<pid>-<n>` beside each target and commit() links the old files aside,
/// writes a journal and renames the new files into place; a failed rename rolls the set back, and
/// a run killed after the journal is completed (or rolled back) by the next run that writes into
/// the same directory. Each run removes the staging and sibling directories of dead runs there and
/// in its parent. A target that is a symlink is followed: the file it points to is replaced and
/// the link stays. A target that is an input (same device and inode), a directory, a device, a
/// FIFO or a socket is refused with file_error before anything is written.
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
    struct stage {
        std::filesystem::path dir;  // the targets' directory (symlinks resolved)
        std::filesystem::path path; // the staging directory, or the new sibling of `dir`
        bool sibling = false;       // `path` is the whole new `dir`, files under their names
    };
    stage& stage_for(const std::filesystem::path& dir);
    void to_journal_stage(stage& s);
    bool swap_commit();
    void journal_commit();
    std::vector<entry> entries_;
    std::vector<stage> stages_;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> inputs_; // {device, inode}
};

/// Writes one file atomically (staged + rename); refuses the same targets as output_files,
/// `inputs` included.
void write_file_atomic(const std::filesystem::path& target, std::string_view content,
                       const std::vector<std::filesystem::path>& inputs = {});

namespace detail {
/// Test hook, called before each step with a running step number and the step's name: `stage`
/// (each file written by add()); for a directory swap `link` (each other entry of D), `exchange`
/// or, when D is new, `rename`, and `clean`; for a journal `backup`, `journal`, `rename` and
/// `clean`. It may throw (the step fails) or end the process (a kill at that step). An empty
/// function removes it.
void set_output_hook(std::function<void(int step, std::string_view what)> hook);
/// Completes or rolls back the commit of every dead process that staged files in `dir`, and
/// removes their staging directories, new-directory siblings and temporaries. add() calls it for
/// each new directory (and removes the dead siblings in that directory's parent).
void recover_outputs(const std::filesystem::path& dir);
} // namespace detail

} // namespace wfm::io
