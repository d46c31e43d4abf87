#include "viewer/tools/LandmarkTool.h"

#include <QMouseEvent>

#include "viewer/registration/LandmarkSet.h"
#include "viewer/tools/PaneView.h"

namespace crosscheck::viewer {

bool LandmarkTool::press(PaneView& view, const QMouseEvent& event) {
    if (event.button() != Qt::LeftButton) {
        return false;
    }
    place(view, view.widgetToPane(event.position()));
    return view.hasSeries();
}

bool LandmarkTool::place(PaneView& view, const PatientPoint& panePoint) {
    if (!view.landmarks() || !view.hasSeries()) {
        return false;
    }
    return view.landmarks()->add(view.series().frameOfReferenceUid, view.paneToSeries()(panePoint));
}

}  // namespace crosscheck::viewer
