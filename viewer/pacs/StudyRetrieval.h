#pragma once
// Retrieving a study (or one series) from a configured node into the local store and
// indexing it in the study database: the study browser's Retrieve, without widgets.
#include <filesystem>
#include <string>

#include "core/db/StudyDatabase.h"
#include "core/pacs/ConfiguredNode.h"
#include "core/pacs/PacsClient.h"
#include "core/util/Progress.h"

namespace crosscheck::viewer {

/// What a retrieve brought and what indexing it added.
struct RetrievalOutcome {
    std::string node;  // the node's address (no credentials)
    RetrieveResult retrieved;
    ImportSummary imported;
};

/// $XDG_DATA_HOME/crosscheck/store (or ~/.local/share/crosscheck/store): beside the study
/// database, where retrieved studies are kept.
std::filesystem::path defaultStoreLocation();

/// C-GET (DIMSE) or WADO-RS (DICOMweb) of the study (or only `seriesInstanceUid` when not
/// empty) into `store/<SeriesInstanceUID>/<SOPInstanceUID>.dcm` (complete files only, see
/// core's RetrievedFiles), then indexes exactly the files received in the database. Runs
/// on a worker thread: the client and the database connection are its own. Progress:
/// retrieving to 90 %, indexing after; Cancelled between instances. Throws PacsError
/// naming the node, std::runtime_error naming the database file.
RetrievalOutcome retrieveIntoDatabase(const ConfiguredNode& node,
                                      const std::string& studyInstanceUid,
                                      const std::string& seriesInstanceUid,
                                      const std::filesystem::path& store,
                                      const std::filesystem::path& databaseFile,
                                      const Progress& progress);

}  // namespace crosscheck::viewer
