#include "core/model/StudyLoading.h"

#include <algorithm>
#include <exception>
#include <string>
#include <utility>

namespace crosscheck {

namespace {

std::string firstFileOf(const SeriesInfo& info) {
    return info.files.empty() ? info.seriesInstanceUid : info.files.front();
}

std::string messageOf(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "unknown error";
    }
}

}  // namespace

Study prepareStudy(const std::vector<std::filesystem::path>& paths, const Progress& progress,
                   bool fillPending) {
    Study study;
    ScanResult scan = scanPaths(paths, progress.subRange(0.0, 0.8));
    study.problems = scan.problems;
    for (const SeriesInfo& info : scan.series) {
        if (progress.cancelled()) {
            throw Cancelled();
        }
        if (info.volumeIndex != 0) {
            study.otherVolumes.push_back(LoadedSeries{info, nullptr, info.warningDetails});
            continue;
        }
        try {
            if (info.isColour()) {
                study.pictures.push_back(loadPicture(info));
            } else {
                study.series.push_back(LoadedSeries{info, allocateSeriesVolume(info, fillPending),
                                                    info.warningDetails});
            }
        } catch (const Cancelled&) {
            throw;
        } catch (const std::bad_alloc&) {
            study.problems.push_back({firstFileOf(info), "series " + info.seriesInstanceUid +
                                                             ": not enough memory to load it"});
        } catch (const std::exception& e) {
            study.problems.push_back({firstFileOf(info), e.what()});
        }
    }
    study.referenceFrameUid = chooseReferenceFrame(study.series);
    progress(1.0, "scanned");
    return study;
}

std::vector<SeriesFiller::Target> fillTargets(const Study& study) {
    std::vector<SeriesFiller::Target> targets;
    targets.reserve(study.series.size());
    for (const LoadedSeries& s : study.series) {
        targets.push_back({s.info, s.volume});
    }
    return targets;
}

int finishStudy(Study& study, const std::vector<SeriesFiller::Outcome>& outcomes) {
    int failed = 0;
    std::vector<LoadedSeries> kept;
    kept.reserve(study.series.size());
    for (std::size_t i = 0; i < study.series.size(); ++i) {
        LoadedSeries& s = study.series[i];
        if (i < outcomes.size() && outcomes[i].error) {
            study.problems.push_back({firstFileOf(s.info), messageOf(outcomes[i].error)});
            ++failed;
            continue;
        }
        if (i < outcomes.size()) {
            s.warnings.insert(s.warnings.end(), outcomes[i].warnings.begin(),
                              outcomes[i].warnings.end());
        }
        kept.push_back(std::move(s));
    }
    study.series = std::move(kept);
    const bool referenceLeft =
        std::none_of(study.series.begin(), study.series.end(), [&](const LoadedSeries& s) {
            return s.info.frameOfReferenceUid == study.referenceFrameUid;
        });
    if (referenceLeft) {
        study.referenceFrameUid = chooseReferenceFrame(study.series);
    }
    return failed;
}

Study loadStudy(const std::vector<std::filesystem::path>& paths, const Progress& progress) {
    Study study = prepareStudy(paths, progress.subRange(0.0, 0.1), false);
    SeriesFiller filler(fillTargets(study));
    finishStudy(study, filler.run(progress.subRange(0.1, 1.0)));
    progress(1.0, "loaded");
    return study;
}

}  // namespace crosscheck
