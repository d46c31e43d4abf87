#include "core/dicom/SeriesSelection.h"

#include <set>

#include "core/dicom/DicomError.h"

namespace crosscheck {

namespace {

// Volume `volume` (0 when not given) of the series `uid` in the scan.
const SeriesInfo& pickVolume(const ScanResult& scan, const std::string& path,
                             const std::string& uid, std::optional<int> volume) {
    const int wanted = volume.value_or(0);
    int count = 0;
    for (const SeriesInfo& s : scan.series) {
        if (s.seriesInstanceUid == uid) {
            count = s.volumeCount();
            if (s.volumeIndex == wanted) {
                return s;
            }
        }
    }
    throw DicomError(path, "series " + uid + " has " + std::to_string(count) +
                               " volume(s): --volume takes 0 to " + std::to_string(count - 1));
}

}  // namespace

const SeriesInfo& selectSeries(const ScanResult& scan, const std::string& path,
                               const std::string& uid, std::optional<SeriesRole> role,
                               std::optional<int> volume) {
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
                return pickVolume(scan, path, uid, volume);
            }
        }
        throw DicomError(path, "no series with SeriesInstanceUID " + uid);
    }
    if (role) {
        std::set<std::string> found;
        for (const SeriesInfo& s : scan.series) {
            if (s.role == *role) {
                found.insert(s.seriesInstanceUid);
            }
        }
        if (found.size() > 1) {
            throw DicomError(path, std::string("more than one series with role ") +
                                       toString(*role) + ": choose one with --series UID");
        }
        if (found.empty()) {
            throw DicomError(path, std::string("no series with role ") + toString(*role));
        }
        return pickVolume(scan, path, *found.begin(), volume);
    }
    std::set<std::string> uids;
    for (const SeriesInfo& s : scan.series) {
        uids.insert(s.seriesInstanceUid);
    }
    if (uids.size() > 1) {
        throw DicomError(path,
                         std::to_string(uids.size()) +
                             " series found: choose one with --series UID or --role (see `scan`)");
    }
    return pickVolume(scan, path, *uids.begin(), volume);
}

const SeriesInfo* findVolume(const ScanResult& scan, const std::string& uid, int volume) {
    for (const SeriesInfo& s : scan.series) {
        if (s.seriesInstanceUid == uid && s.volumeIndex == volume) {
            return &s;
        }
    }
    return nullptr;
}

}  // namespace crosscheck
