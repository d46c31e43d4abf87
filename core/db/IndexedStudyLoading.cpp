#include "core/db/IndexedStudyLoading.h"

#include <filesystem>
#include <stdexcept>
#include <vector>

namespace crosscheck {

Study prepareIndexedStudy(const StudyDatabase& db, const std::string& studyInstanceUid,
                          const Progress& progress, bool fillPending) {
    const std::vector<std::string> files = db.studyFiles(studyInstanceUid);
    if (files.empty()) {
        throw std::runtime_error(db.file().string() + ": no study " + studyInstanceUid +
                                 " is indexed");
    }
    const std::vector<std::filesystem::path> paths(files.begin(), files.end());
    return prepareStudy(paths, progress, fillPending);
}

Study loadIndexedStudy(const StudyDatabase& db, const std::string& studyInstanceUid,
                       const Progress& progress) {
    Study study = prepareIndexedStudy(db, studyInstanceUid, progress.subRange(0.0, 0.1), false);
    SeriesFiller filler(fillTargets(study));
    finishStudy(study, filler.run(progress.subRange(0.1, 1.0)));
    progress(1.0, "loaded");
    return study;
}

}  // namespace crosscheck
