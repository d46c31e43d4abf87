#pragma once
// Opening a study the database indexes without rescanning its folder: only the files the
// database lists for the study are read (their headers, then their voxels), so a folder
// that holds many other studies, or a stray broken file, costs nothing.

#include <string>

#include "core/db/StudyDatabase.h"
#include "core/model/StudyLoading.h"

namespace crosscheck {

/// Step 1 of core/model/StudyLoading.h for an indexed study: prepareStudy over the files
/// StudyDatabase::studyFiles lists (steps 2 and 3, fillTargets and finishStudy, are the
/// same as for a folder). Files indexed but gone since are reported in `problems` by the
/// scan, like any unreadable file. Throws std::runtime_error naming the database when it
/// indexes no file of that study.
Study prepareIndexedStudy(const StudyDatabase& db, const std::string& studyInstanceUid,
                          const Progress& progress, bool fillPending);

/// All three steps at once (loadStudy for an indexed study): the same series, voxels and
/// reference frame as loading the study's own folder.
Study loadIndexedStudy(const StudyDatabase& db, const std::string& studyInstanceUid,
                       const Progress& progress = {});

}  // namespace crosscheck
