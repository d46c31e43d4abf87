#include "core/session/SessionStudy.h"

#include "core/model/StudyLoading.h"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace crosscheck {

namespace fs = std::filesystem;

namespace {

fs::path normalized(const fs::path& p) {
    std::error_code ec;
    fs::path out = fs::absolute(p, ec);
    out = (ec ? p : out).lexically_normal();
    // "/data/ab/" names the same folder as "/data/ab"; keep one spelling.
    if (!out.has_filename() && out.has_relative_path()) {
        out = out.parent_path();
    }
    return out;
}

/// True when `inner` is `outer` or lies below it (compared component by component, so
/// /data/ab is not inside /data/a).
bool isWithin(const fs::path& inner, const fs::path& outer) {
    auto o = outer.begin();
    auto i = inner.begin();
    for (; o != outer.end(); ++o, ++i) {
        if (i == inner.end() || *i != *o) {
            return false;
        }
    }
    return true;
}

}  // namespace

fs::path resolveSeriesPath(const SessionSeries& series, const fs::path& sessionPath) {
    fs::path p = series.path;
    std::error_code ec;
    if (p.is_relative() && !fs::exists(p, ec)) {
        p = sessionPath.parent_path() / p;
    }
    return p;
}

SessionStudy prepareSessionStudy(const SessionDocument& document, const fs::path& sessionPath,
                                 const Progress& progress, bool fillPending) {
    SessionStudy out;
    std::set<std::string> wanted;
    for (const SessionSeries& s : document.series) {
        const fs::path p = resolveSeriesPath(s, sessionPath);
        if (std::find(out.paths.begin(), out.paths.end(), p) == out.paths.end()) {
            out.paths.push_back(p);
        }
        wanted.insert(s.seriesInstanceUid);
    }
    // Series the session does not list are dropped before a voxel is read.
    Study study = prepareStudy(out.paths, progress, fillPending);
    std::vector<LoadedSeries> kept;
    std::set<std::string> found;
    for (LoadedSeries& s : study.series) {
        for (const SessionSeries& saved : document.series) {
            if (saved.seriesInstanceUid == s.info.seriesInstanceUid) {
                s.info.role = saved.role;
                found.insert(saved.seriesInstanceUid);
                kept.push_back(std::move(s));
                break;
            }
        }
    }
    for (const SessionSeries& s : document.series) {
        if (!found.count(s.seriesInstanceUid) &&
            std::find(out.missingSeriesUids.begin(), out.missingSeriesUids.end(),
                      s.seriesInstanceUid) == out.missingSeriesUids.end()) {
            out.missingSeriesUids.push_back(s.seriesInstanceUid);
        }
    }
    study.series = std::move(kept);
    for (std::size_t i = 0; i < document.transforms.size(); ++i) {
        const FrameLink& link = document.transforms[i];
        try {
            if (link.name.empty()) {
                study.transforms.set(link.fromFrame, link.toFrame, link.fromToTo, link.provenance);
            } else {
                study.transforms.addLocal(link);
            }
        } catch (const std::invalid_argument& e) {
            throw SessionFormatError(sessionPath.string() + ": transforms[" + std::to_string(i) +
                                     "]: " + e.what());
        }
    }
    for (std::size_t i = 0; i < document.transformPicks.size(); ++i) {
        const FramePick& p = document.transformPicks[i];
        try {
            study.transforms.pick(p.frameA, p.frameB, p.pick);
        } catch (const std::invalid_argument& e) {
            throw SessionFormatError(sessionPath.string() + ": transform_picks[" +
                                     std::to_string(i) + "]: " + e.what());
        }
    }
    study.referenceFrameUid = document.referenceFrameUid.empty()
                                  ? chooseReferenceFrame(study.series)
                                  : document.referenceFrameUid;
    out.study = std::move(study);
    return out;
}

SessionStudy loadSessionStudy(const SessionDocument& document, const fs::path& sessionPath,
                              const Progress& progress) {
    SessionStudy out =
        prepareSessionStudy(document, sessionPath, progress.subRange(0.0, 0.1), false);
    SeriesFiller filler(fillTargets(out.study));
    finishStudy(out.study, filler.run(progress.subRange(0.1, 1.0)));
    return out;
}

fs::path openedPathOf(const SeriesInfo& series, const std::vector<fs::path>& openedPaths) {
    if (series.files.empty()) {
        return openedPaths.empty() ? fs::path() : normalized(openedPaths.front());
    }
    const fs::path first = normalized(series.files.front());
    for (const fs::path& opened : openedPaths) {
        const fs::path candidate = normalized(opened);
        if (isWithin(first, candidate)) {
            return candidate;
        }
    }
    return first.parent_path();
}

void fillSessionStudy(SessionDocument& document, const Study& study,
                      const std::vector<fs::path>& openedPaths) {
    document.series.clear();
    for (const LoadedSeries& s : study.series) {
        SessionSeries saved;
        saved.seriesInstanceUid = s.info.seriesInstanceUid;
        saved.frameOfReferenceUid = s.info.frameOfReferenceUid;
        saved.path = openedPathOf(s.info, openedPaths).string();
        saved.role = s.info.role;
        document.series.push_back(saved);
    }
    document.referenceFrameUid = study.referenceFrameUid;
    document.transforms = study.transforms.allLinks();
    document.transformPicks = study.transforms.picks();
}

}  // namespace crosscheck
