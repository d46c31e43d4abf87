#pragma once
// Searching the local study database and a node alike, for the study browser: the same
// query (core/pacs PacsQuery), the same answer (studies with their series as PacsMatch).
// No widgets; the node search runs on a worker thread.
#include <filesystem>
#include <string>
#include <vector>

#include "core/pacs/PacsClient.h"
#include "core/pacs/PacsQuery.h"
#include "core/util/Progress.h"

namespace crosscheck::viewer {

/// One study found (a study-level match) and its series (series-level matches), which a
/// node search lists for the first kMaxStudiesWithSeries studies only.
struct FoundStudy {
    PacsMatch study;
    std::vector<PacsMatch> series;
    /// Comma-separated modalities of the series ("CT, MR").
    std::string modalities;
};

constexpr int kMaxStudiesWithSeries = 50;

/// The studies of the database that match (core/pacs QueryMatching), read from its index
/// only, with every series and the indexed instance counts. Throws std::runtime_error
/// naming the file when the database cannot be opened.
std::vector<FoundStudy> searchDatabase(const std::filesystem::path& databaseFile,
                                       const PacsQuery& query);

/// A study-level find on the node, then a series-level find per study (the first
/// kMaxStudiesWithSeries). Throws PacsError naming the node; Cancelled between finds.
std::vector<FoundStudy> searchNode(PacsClient& client, const PacsQuery& query,
                                   const Progress& progress);

/// Every indexed file of a study, series after series (StudyDatabase::seriesFiles): what
/// opening it from the database loads, without walking any folder.
std::vector<std::filesystem::path> indexedStudyFiles(const std::filesystem::path& databaseFile,
                                                     const std::string& studyInstanceUid);

}  // namespace crosscheck::viewer
