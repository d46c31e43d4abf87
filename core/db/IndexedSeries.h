#pragma once

#include <string>

namespace crosscheck {

/// One series as the study database lists it, without touching its files: who, which
/// study, what series, its guessed role, how many instances and bytes are indexed, and how
/// many of them the last check found gone from disk.
struct IndexedSeries {
    std::string patientId, patientName, studyInstanceUid, studyDate, studyDescription,
        seriesInstanceUid, modality, description, role, frameOfReferenceUid;
    int seriesNumber = 0;
    int instances = 0;
    long long bytes = 0;
    int missing = 0;
};

}  // namespace crosscheck
