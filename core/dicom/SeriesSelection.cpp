#include "core/dicom/SeriesSelection.h"

#include "core/dicom/DicomError.h"

namespace crosscheck {

const SeriesInfo& selectSeries(const ScanResult& scan, const std::string& path,
                               const std::string& uid, std::optional<SeriesRole> role) {
    if (scan.series.empty()) {
        std::string why = "no loadable image series found";
        if (!scan.problems.empty()) {
            why += " (" + scan.problems.front().file + ": " + scan.problems.front().reason +
                   (scan.problems.size() > 1
                        ? "; and " + std::to_string(scan.problems.size() - 1) + " more"
                        : "") +
                   ")";
        }
        throw DicomError(path, why);
    }
    if (!uid.empty()) {
        for (const SeriesInfo& s : scan.series) {
            if (s.seriesInstanceUid == uid) {
                return s;
            }
        }
        throw DicomError(path, "no series with SeriesInstanceUID " + uid);
    }
    if (role) {
        const SeriesInfo* found = nullptr;
        for (const SeriesInfo& s : scan.series) {
            if (s.role == *role) {
                if (found != nullptr) {
                    throw DicomError(path, std::string("more than one series with role ") +
                                               toString(*role) + ": choose one with --series UID");
                }
                found = &s;
            }
        }
        if (found == nullptr) {
            throw DicomError(path, std::string("no series with role ") + toString(*role));
        }
        return *found;
    }
    if (scan.series.size() > 1) {
        throw DicomError(path,
                         std::to_string(scan.series.size()) +
                             " series found: choose one with --series UID or --role (see `scan`)");
    }
    return scan.series.front();
}

}  // namespace crosscheck
