#include "core/analysis/StudyComparison.h"

#include "core/model/Study.h"
#include "core/volume/Volume.h"

namespace crosscheck {

namespace {

bool holdsHounsfieldInt16(const LoadedSeries& series) {
    return series.volume && series.volume->voxelType() == VoxelType::Int16;
}

void addMrViews(const Study& study, StudyComparison& comparison) {
    const std::string& ctFrame = comparison.ct->info.frameOfReferenceUid;
    for (SeriesRole role : {SeriesRole::T1w, SeriesRole::T2w}) {
        const LoadedSeries* mr = study.find(role);
        if (!mr || !mr->volume) {
            continue;
        }
        const auto ctToMr = study.transforms.between(ctFrame, mr->info.frameOfReferenceUid);
        if (!ctToMr) {
            comparison.notes.push_back(std::string(toString(role)) + " " +
                                       mr->info.seriesInstanceUid +
                                       " is in a frame with no known transform to the CT: not "
                                       "used for visible_on_mr");
            continue;
        }
        comparison.inputs->mr.push_back({toString(role), mr->volume.get(), *ctToMr});
    }
}

}  // namespace

StudyComparison comparisonInputs(const Study& study) {
    StudyComparison comparison;
    comparison.ct = study.find(SeriesRole::CT);
    comparison.sct = study.find(SeriesRole::sCT);
    if (!comparison.ct || !comparison.sct) {
        comparison.whyNot = !comparison.ct && !comparison.sct ? "the study has no CT and no sCT"
                            : !comparison.ct                  ? "the study has no CT"
                                                              : "the study has no sCT";
        return comparison;
    }
    if (!holdsHounsfieldInt16(*comparison.ct) || !holdsHounsfieldInt16(*comparison.sct)) {
        comparison.whyNot = "the CT or the sCT does not hold int16 Hounsfield units";
        return comparison;
    }
    const auto ctToSct = study.transforms.between(comparison.ct->info.frameOfReferenceUid,
                                                  comparison.sct->info.frameOfReferenceUid);
    if (!ctToSct) {
        comparison.whyNot = "no known transform between the CT and the sCT";
        comparison.needsRegistration = true;
        return comparison;
    }
    comparison.inputs.emplace();
    comparison.inputs->ct = comparison.ct->volume;
    comparison.inputs->sct = comparison.sct->volume;
    comparison.inputs->ctToSct = *ctToSct;
    addMrViews(study, comparison);
    return comparison;
}

}  // namespace crosscheck
