#include "viewer/study/SessionMapper.h"

#include "core/model/Study.h"
#include "core/session/SessionStudy.h"
#include "viewer/roi/AnnotationLayer.h"

namespace crosscheck::viewer {

namespace {

constexpr WindowGroup kWindowGroups[] = {WindowGroup::Hounsfield, WindowGroup::T1w,
                                         WindowGroup::T2w, WindowGroup::Other};

/// The session file's key for a window group: CT and sCT share the Hounsfield window,
/// saved under "CT"; the others under their role's name.
std::string windowKey(WindowGroup group) {
    switch (group) {
        case WindowGroup::Hounsfield:
            return toString(SeriesRole::CT);
        case WindowGroup::T1w:
            return toString(SeriesRole::T1w);
        case WindowGroup::T2w:
            return toString(SeriesRole::T2w);
        case WindowGroup::Other:
            return toString(SeriesRole::Other);
    }
    return toString(SeriesRole::Other);
}

/// A series or a colour picture of the study a pane may show.
bool hasSeries(const Study& study, const std::string& seriesInstanceUid) {
    return study.findByUid(seriesInstanceUid) || study.findPicture(seriesInstanceUid);
}

}  // namespace

SessionDocument sessionDocumentOf(const Study& study,
                                  const std::vector<std::filesystem::path>& studyPaths,
                                  const AnnotationLayer& annotations, const ViewState& state,
                                  const std::string& layout,
                                  const std::map<WindowGroup, WindowLevel>& shownWindows) {
    SessionDocument d;
    fillSessionStudy(d, study, studyPaths);
    d.annotations = annotations.history().annotations();
    d.layout = layout;
    for (int i = 0; i < ViewState::kPaneCount; ++i) {
        const PaneAssignment pane = state.paneAssignment(i);
        d.panes.push_back({pane.seriesInstanceUid.toStdString(), toString(pane.orientation),
                           pane.volume,
                           pane.kind == PaneKind::Volume3d ? std::string("3d") : "slice"});
    }
    for (WindowGroup group : kWindowGroups) {
        if (const auto w = state.window(group)) {
            d.windows[windowKey(group)] = {w->level, w->width};
        }
    }
    for (const auto& [group, w] : shownWindows) {
        d.windows.emplace(windowKey(group), SessionWindow{w.level, w.width});
    }
    d.cursorMm = state.cursor().mm;
    if (state.slab().isOn()) {
        d.slab = SessionSlab{state.slab().mode, state.slab().thicknessMm};
    }
    return d;
}

void applySessionDocument(const SessionDocument& document, const Study& study,
                          AnnotationLayer& annotations, ViewState& state) {
    // Showing the study started an empty history in the reference frame; the saved list
    // replaces it and counts as the saved state.
    annotations.history().reset(document.annotations);
    annotations.history().markSaved();
    for (std::size_t i = 0; i < document.panes.size(); ++i) {
        const SessionPane& pane = document.panes[i];
        const int index = static_cast<int>(i);
        if (!pane.seriesInstanceUid.empty() && hasSeries(study, pane.seriesInstanceUid)) {
            state.setPaneSeries(index, QString::fromStdString(pane.seriesInstanceUid));
            if (study.findVolume(pane.seriesInstanceUid, pane.volume)) {
                state.setPaneVolume(index, pane.volume);  // loaded when the pane asks
            }
        }
        if (const auto orientation = viewOrientationFromString(pane.orientation)) {
            state.setPaneOrientation(index, *orientation);
        }
        state.setPaneKind(index, pane.kind == "3d" ? PaneKind::Volume3d : PaneKind::Slice);
    }
    for (const auto& [key, window] : document.windows) {
        if (const auto role = seriesRoleFromString(key)) {
            state.setWindow(windowGroupOf(*role), WindowLevel{window.width, window.center});
        }
    }
    if (document.cursorMm) {
        state.setCursor(PatientPoint{*document.cursorMm});
    }
    // A session saved without a slab shows thin slices, whatever was on before.
    state.setSlab(document.slab ? Slab{document.slab->mode, document.slab->thicknessMm} : Slab{});
    state.flush();
}

}  // namespace crosscheck::viewer
