#include "core/model/Study.h"

#include <Eigen/LU>

#include "core/dicom/DicomError.h"

namespace crosscheck {

const LoadedSeries* Study::find(SeriesRole role) const {
    for (const auto& s : series) {
        if (s.info.role == role) {
            return &s;
        }
    }
    return nullptr;
}

std::optional<Eigen::Matrix4d> Study::referenceToSeries(const LoadedSeries& s) const {
    return transforms.transform(referenceFrameUid, s.info.frameOfReferenceUid);
}

std::string chooseReferenceFrame(const std::vector<LoadedSeries>& series) {
    for (const auto& s : series) {
        if (s.info.role == SeriesRole::CT) {
            return s.info.frameOfReferenceUid;
        }
    }
    return series.empty() ? std::string() : series.front().info.frameOfReferenceUid;
}

namespace {

/// Progress of one stage mapped into [from, to] of the whole.
Progress subProgress(const Progress& whole, double from, double to) {
    Progress part;
    part.cancel = whole.cancel;
    if (whole.report) {
        part.report = [whole, from, to](double fraction, const std::string& stage) {
            whole(from + (to - from) * fraction, stage);
        };
    }
    return part;
}

}  // namespace

Study loadStudy(const std::vector<std::filesystem::path>& paths, const Progress& progress) {
    Study study;
    constexpr double kScanShare = 0.1;
    ScanResult scan = scanPaths(paths, subProgress(progress, 0.0, kScanShare));
    study.problems = scan.problems;
    const double perSeries =
        (1.0 - kScanShare) / static_cast<double>(std::max<std::size_t>(1, scan.series.size()));
    for (std::size_t i = 0; i < scan.series.size(); ++i) {
        if (progress.cancelled()) {
            throw Cancelled();
        }
        const double from = kScanShare + perSeries * static_cast<double>(i);
        try {
            study.series.push_back(
                loadSeries(scan.series[i], subProgress(progress, from, from + perSeries)));
        } catch (const Cancelled&) {
            throw;
        } catch (const std::exception& e) {
            const auto& info = scan.series[i];
            study.problems.push_back(
                {info.files.empty() ? info.seriesInstanceUid : info.files.front(), e.what()});
        }
    }
    study.referenceFrameUid = chooseReferenceFrame(study.series);
    progress(1.0, "loaded");
    return study;
}

}  // namespace crosscheck
