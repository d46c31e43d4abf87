#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace crosscheck {

/// The study folders of `cohort run STUDY...`: each STUDY, or each subfolder of a STUDY that
/// is a folder of studies (no DICOM Part 10 file at its top or one level down), sorted.
/// Throws std::invalid_argument for a path that is not a folder, or two studies with the
/// same folder name (their result files would collide). A subfolder that is `outDir` (the
/// results kept beside the studies) is not a study.
std::vector<std::filesystem::path> studyFolders(const std::vector<std::string>& paths,
                                                const std::filesystem::path& outDir);

}  // namespace crosscheck
