#include "viewer/study/StudyRegistration.h"

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

std::vector<const LoadedSeries*> unregisteredFrames(const Study& study) {
    std::vector<const LoadedSeries*> chosen;
    std::set<std::string> frames;
    for (SeriesRole preferred :
         {SeriesRole::T1w, SeriesRole::T2w, SeriesRole::sCT, SeriesRole::Other, SeriesRole::CT}) {
        for (const auto& s : study.series) {
            const std::string& frame = s.info.frameOfReferenceUid;
            if (s.info.role != preferred || frames.count(frame) != 0 ||
                study.transforms.transform(study.referenceFrameUid, frame)) {
                continue;
            }
            frames.insert(frame);
            chosen.push_back(&s);
        }
    }
    return chosen;
}

std::vector<FrameLink> registerFramesMi(const LoadedSeries& fixed,
                                        const std::vector<const LoadedSeries*>& moving,
                                        const Progress& progress) {
    std::vector<FrameLink> links;
    const auto n = static_cast<double>(moving.size());
    for (std::size_t i = 0; i < moving.size(); ++i) {
        const double from = static_cast<double>(i) / n;
        const RigidMiResult result = registerRigidMi(*fixed.volume, *moving[i]->volume, {},
                                                     progress.subRange(from, from + 1.0 / n));
        TransformProvenance provenance;
        provenance.basis = TransformBasis::AutomaticMi;
        provenance.metric = result.metric;
        provenance.iterations = result.iterations;
        links.push_back({moving[i]->info.frameOfReferenceUid, result.movingToFixed, provenance});
    }
    return links;
}

}  // namespace crosscheck::viewer
