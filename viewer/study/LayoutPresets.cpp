#include "viewer/study/LayoutPresets.h"

#include "core/model/Study.h"
#include "viewer/study/StudyPanes.h"

namespace crosscheck::viewer {

bool isPresetLayout(const QString& layoutName) {
    return layoutName == QLatin1String("2x2-3d");
}

std::vector<PaneAssignment> preset3dPaneAssignments(const Study& study) {
    std::vector<PaneAssignment> panes = defaultPaneAssignments(study, ViewState::kPaneCount);
    const SeriesRole roles[] = {SeriesRole::CT, SeriesRole::sCT, SeriesRole::T2w};
    for (std::size_t i = 0; i < 3; ++i) {
        if (const LoadedSeries* s = study.find(roles[i])) {
            panes[i] = PaneAssignment{QString::fromStdString(s->info.seriesInstanceUid),
                                      ViewOrientation::Sagittal, 0};
        }
    }
    const LoadedSeries* rendered = study.find(SeriesRole::CT);
    if (rendered == nullptr) {
        const auto order = defaultPaneOrder(study);
        rendered = order.empty() ? nullptr : order.front();
    }
    panes[3] = PaneAssignment{};
    if (rendered != nullptr) {
        panes[3].seriesInstanceUid = QString::fromStdString(rendered->info.seriesInstanceUid);
    }
    panes[3].kind = PaneKind::Volume3d;
    return panes;
}

}  // namespace crosscheck::viewer
