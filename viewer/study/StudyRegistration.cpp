#include "viewer/study/StudyRegistration.h"

#include <algorithm>
#include <set>

#include "core/model/Study.h"
#include "core/registration/RigidMiRegistration.h"

namespace crosscheck::viewer {

const LoadedSeries* referenceSeries(const Study& study) {
    for (SeriesRole role :
         {SeriesRole::CT, SeriesRole::sCT, SeriesRole::T1w, SeriesRole::T2w, SeriesRole::Other}) {
        for (const auto& s : study.series) {
            if (s.info.role == role && s.info.frameOfReferenceUid == study.referenceFrameUid) {
                return &s;
            }
        }
    }
    return nullptr;
}

std::vector<const LoadedSeries*> otherFrames(const Study& study) {
    std::vector<const LoadedSeries*> chosen;
    std::set<std::string> frames{study.referenceFrameUid};
    for (SeriesRole preferred :
         {SeriesRole::T1w, SeriesRole::T2w, SeriesRole::sCT, SeriesRole::Other, SeriesRole::CT}) {
        for (const auto& s : study.series) {
            const std::string& frame = s.info.frameOfReferenceUid;
            if (s.info.role == preferred && frames.insert(frame).second) {
                chosen.push_back(&s);
            }
        }
    }
    return chosen;
}

std::vector<const LoadedSeries*> unregisteredFrames(const Study& study) {
    std::vector<const LoadedSeries*> chosen = otherFrames(study);
    chosen.erase(std::remove_if(chosen.begin(), chosen.end(),
                                [&study](const LoadedSeries* s) {
                                    return study.transforms
                                        .transform(study.referenceFrameUid,
                                                   s->info.frameOfReferenceUid)
                                        .has_value();
                                }),
                 chosen.end());
    return chosen;
}

std::vector<RegionLink> registerFramesMi(const Study& study, const LoadedSeries& fixed,
                                         const std::vector<const LoadedSeries*>& moving,
                                         const std::optional<RegistrationRegion>& region,
                                         const Progress& progress) {
    std::vector<RegionLink> links;
    const auto n = static_cast<double>(moving.size());
    for (std::size_t i = 0; i < moving.size(); ++i) {
        const double from = static_cast<double>(i) / n;
        const std::string& frame = moving[i]->info.frameOfReferenceUid;
        RigidMiOptions options;
        options.region = region;
        options.initialMovingToFixed = study.transforms.transform(frame, study.referenceFrameUid);
        const RigidMiResult result = registerRigidMi(*fixed.volume, *moving[i]->volume, options,
                                                     progress.subRange(from, from + 1.0 / n));
        TransformProvenance provenance;
        provenance.basis = TransformBasis::AutomaticMi;
        provenance.metric = result.metric;
        provenance.iterations = result.iterations;
        if (region) {
            provenance.regionCentreMm = region->centreMm;
            provenance.regionRadiusMm = region->radiusMm;
        }
        links.push_back({{frame, result.movingToFixed, provenance}, result.quality});
    }
    return links;
}

}  // namespace crosscheck::viewer
