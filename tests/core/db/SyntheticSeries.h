#pragma once
// Series headers made up in memory for the study database tests: what the scanner would
// have read, without writing thousands of files.

#include <string>
#include <vector>

#include "core/dicom/SeriesInfo.h"

namespace crosscheck::test {

/// `count` series of `instancesEach` instances, spread over `patients` patients with one
/// study each; series n is "1.2.826.0.1.3680043.10.1.<tag>.<n>", its files
/// "<folder>/<n>/<i>.dcm" (not written), each 1000 bytes.
inline std::vector<SeriesInfo> syntheticSeries(int count, int instancesEach, int patients,
                                               const std::string& tag,
                                               const std::string& folder = "/nonexistent") {
    std::vector<SeriesInfo> out;
    out.reserve(static_cast<std::size_t>(count));
    for (int n = 0; n < count; ++n) {
        SeriesInfo s;
        const int p = n % patients;
        const std::string uid = "1.2.826.0.1.3680043.10.1." + tag + "." + std::to_string(n);
        s.seriesInstanceUid = uid;
        s.studyInstanceUid = "1.2.826.0.1.3680043.10.2." + tag + "." + std::to_string(p);
        s.patientId = "P" + std::to_string(p);
        s.patientName = "SYNTHETIC^PATIENT" + std::to_string(p);
        s.studyDate = "20250102";
        s.modality = n % 2 ? "MR" : "CT";
        s.role = n % 2 ? SeriesRole::T1w : SeriesRole::CT;
        s.seriesNumber = n;
        for (int i = 0; i < instancesEach; ++i) {
            SliceRef r;
            r.file = folder + "/" + std::to_string(n) + "/" + std::to_string(i) + ".dcm";
            r.sopInstanceUid = uid + "." + std::to_string(i + 1);
            r.fileSize = 1000;
            s.slices.push_back(r);
        }
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace crosscheck::test
