#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/model/Study.h"
#include "core/session/SessionDocument.h"
#include "core/util/Progress.h"

namespace crosscheck {

/// The study of a saved session as found again on disk, and what could not be found.
///
/// A session names its series by SeriesInstanceUID and the path (folder or file) each was
/// opened from. Loading scans each distinct path once, keeps only the series the session
/// lists, and gives them the saved roles, transforms and reference frame. Shared by the
/// viewer (File > Open session) and `crosscheck-cli report --session`.
struct SessionStudy {
    Study study;
    /// The paths scanned, as resolved (see resolveSeriesPath), in the session's order.
    std::vector<std::filesystem::path> paths;
    /// SeriesInstanceUIDs the session lists that were not found under their paths.
    std::vector<std::string> missingSeriesUids;
};

/// Where a session's series is looked for: its saved path; a relative path that does not
/// exist from the working directory is taken relative to the session file's folder.
std::filesystem::path resolveSeriesPath(const SessionSeries& series,
                                        const std::filesystem::path& sessionPath);

/// Loads the series of a session (see SessionStudy). Files that could not be used are in
/// study.problems, as with loadStudy. Throws SessionFormatError naming the session file when
/// a saved transform is not a valid rigid link; Cancelled when progress.cancel is set.
SessionStudy loadSessionStudy(const SessionDocument& document,
                              const std::filesystem::path& sessionPath,
                              const Progress& progress = {});

/// loadSessionStudy's first step, for a viewer that shows the study while it loads: the
/// series are found and allocated, none decoded (core/model/StudyLoading.h has the rest).
SessionStudy prepareSessionStudy(const SessionDocument& document,
                                 const std::filesystem::path& sessionPath, const Progress& progress,
                                 bool fillPending);

/// The path a series was opened from: the first of `openedPaths` that is the series' first
/// file or a folder holding it; else the folder of its first file. Absolute and normalized.
std::filesystem::path openedPathOf(const SeriesInfo& series,
                                   const std::vector<std::filesystem::path>& openedPaths);

/// Fills the study part of a session document from a loaded study: the series (UID, frame,
/// opened path, role), the reference frame and the transforms with their provenance.
void fillSessionStudy(SessionDocument& document, const Study& study,
                      const std::vector<std::filesystem::path>& openedPaths);

}  // namespace crosscheck
