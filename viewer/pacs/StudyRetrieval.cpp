#include "viewer/pacs/StudyRetrieval.h"

#include "viewer/pacs/PacsClientFactory.h"

namespace crosscheck::viewer {

std::filesystem::path defaultStoreLocation() {
    return StudyDatabase::defaultLocation().parent_path() / "store";
}

RetrievalOutcome retrieveIntoDatabase(const ConfiguredNode& node,
                                      const std::string& studyInstanceUid,
                                      const std::string& seriesInstanceUid,
                                      const std::filesystem::path& store,
                                      const std::filesystem::path& databaseFile,
                                      const Progress& progress) {
    const auto client = makePacsClient(node);
    RetrievalOutcome outcome;
    outcome.node = client->address();
    RetrieveRequest request;
    request.studyInstanceUid = studyInstanceUid;
    request.seriesInstanceUid = seriesInstanceUid;
    request.outDir = store;
    outcome.retrieved = client->retrieve(request, progress.subRange(0.0, 0.9));
    if (progress.cancelled()) {
        throw Cancelled();
    }
    std::vector<std::filesystem::path> files(outcome.retrieved.files.begin(),
                                             outcome.retrieved.files.end());
    StudyDatabase database(databaseFile);
    outcome.imported = database.importPaths(files, progress.subRange(0.9, 1.0));
    return outcome;
}

}  // namespace crosscheck::viewer
