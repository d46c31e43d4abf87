#include "viewer/panes/SlicePane.h"

#include <vtkCamera.h>
#include <vtkDataArray.h>
#include <vtkImageData.h>
#include <vtkImageProperty.h>
#include <vtkPointData.h>
#include <vtkRenderer.h>
#include <Eigen/Geometry>
#include <Eigen/LU>
#include <QComboBox>
#include <algorithm>
#include <cmath>

#include "core/volume/Volume.h"
#include "core/volume/VolumeStatistics.h"
#include "viewer/panes/VolumeImageData.h"
#include "viewer/render/SliceAlignment.h"
#include "viewer/tools/ToolRegistry.h"

namespace crosscheck::viewer {

namespace {

void copyToVtk(const Eigen::Matrix4d& m, vtkMatrix4x4* out) {
    for (int r = 0; r < 4; ++r) {
        for (int c = 0; c < 4; ++c) {
            out->SetElement(r, c, m(r, c));
        }
    }
}

/// The lowest value of the voxel type, used outside the volume so it shows black.
double backgroundFor(VoxelType type) {
    switch (type) {
        case VoxelType::Int16:
            return -32768.0;
        case VoxelType::UInt16:
            return 0.0;
        case VoxelType::Float32:
            return -1e30;
    }
    return 0.0;
}

}  // namespace

SlicePane::SlicePane(ViewState* state, QWidget* parent)
    : VtkRenderWidget(parent),
      m_state(state),
      m_tool(ToolRegistry::create(AnnotationLayer::Tool::Navigate)) {
    m_mapper->SetInputData(m_planeImage);
    m_slice->SetMapper(m_mapper);
    m_slice->GetProperty()->SetInterpolationTypeToLinear();
    m_slice->VisibilityOff();
    renderer()->AddViewProp(m_slice);
    // Border on: the slice reaches the outer voxels' edges, as the reslice output does.
    m_nativeMapper->BorderOn();
    m_nativeMapper->SliceFacesCameraOff();
    m_nativeMapper->SliceAtFocalPointOff();
    m_nativeSlice->SetMapper(m_nativeMapper);
    m_nativeSlice->SetProperty(m_slice->GetProperty());
    m_nativeSlice->SetUserMatrix(m_nativeMatrix);
    m_nativeSlice->VisibilityOff();
    renderer()->AddViewProp(m_nativeSlice);
    m_slab.prop()->SetProperty(m_slice->GetProperty());
    renderer()->AddViewProp(m_slab.prop());

    renderer()->GetActiveCamera()->ParallelProjectionOn();
    setAcceptDrops(true);
    connect(m_state, &ViewState::changed, this, &SlicePane::onStateChanged);
}

SlicePane::~SlicePane() = default;

void SlicePane::setSeries(const PaneSeries& series) {
    // Re-showing the same volume (a new transform, a nudge) keeps its automatic window:
    // the percentiles take a sort of up to a million values.
    const bool sameVolume = series.volume && series.volume == m_series.volume;
    const QString previousUid = m_series.seriesInstanceUid;
    m_series = series;
    // The pane frame is the reference frame when the series is synchronized, else the
    // series' own frame.
    m_paneToSeries = m_series.referenceToSeries
                         ? FrameTransform(m_series.referenceFrameUid, m_series.frameOfReferenceUid,
                                          *m_series.referenceToSeries)
                         : FrameTransform::identity(m_series.frameOfReferenceUid);
    m_seriesToPane = m_paneToSeries.inverse();
    invalidateRasters();
    m_localZoomPan = ZoomPan{};
    m_localWindow.reset();
    markSceneChanged();
    if (!m_series.picture || m_series.seriesInstanceUid != previousUid) {
        m_pictureFrame = 0;
    }
    updateVolumeControl();
    if (!m_series.volume) {
        m_slice->VisibilityOff();
        m_nativeSlice->VisibilityOff();
        m_slab.hide();
        m_showsNative = false;
        m_showsSlab = false;
        update();
        return;
    }
    m_image = wrapVolume(m_series.volume);
    m_nativeMapper->SetInputData(m_image);
    m_slab.setInput(m_image, backgroundFor(m_series.volume->voxelType()));
    if (!sameVolume) {
        m_autoWindow.reset();
        m_filling = false;
    }
    // An unsynchronized pane starts at its own series' centre, in its own frame.
    m_localCursor = isSynchronized() ? m_state->cursor() : m_series.volume->geometry().center();
    computeImageBounds();
    updateReslice();
    updateWindow();
    updateCamera();
    update();
}

void SlicePane::refreshVoxels(bool complete) {
    if (!hasSeries()) {
        return;
    }
    m_filling = !complete;
    // MR has no fixed scale: its automatic window follows the voxels decoded so far.
    if (complete || !isHounsfield(m_series.role)) {
        m_autoWindow.reset();
        updateWindow();
    }
    m_image->GetPointData()->GetScalars()->Modified();
    m_image->Modified();
    m_planeStale = true;
    invalidateRasters();
    markSceneChanged();
    update();
}

void SlicePane::setOrientation(ViewOrientation orientation) {
    const bool changed = orientation != m_orientation;
    m_orientation = orientation;
    invalidateRasters();
    if (hasSeries()) {
        computeImageBounds();
        updateReslice();
        updateCamera();
    }
    update();
    if (changed) {
        emit orientationChanged(orientation);
    }
}

PatientPoint SlicePane::paneCursor() const {
    return isSynchronized() && m_state->linkCursor() ? m_state->cursor() : m_localCursor;
}

void SlicePane::setPaneCursor(const PatientPoint& paneCursor) {
    if (isSynchronized()) {
        // With the cursor link off, a pane moves its own cursor, as an unsynchronized one does.
        if (m_state->linkCursor()) {
            m_state->setCursor(paneCursor);
            return;
        }
    }
    m_localCursor = paneCursor;
    invalidateRasters();
    updateReslice();
    update();
}

ZoomPan SlicePane::currentZoomPan() const {
    return m_state->linkZoomPan() ? m_state->zoomPan(m_orientation) : m_localZoomPan;
}

void SlicePane::setZoomPan(const ZoomPan& zoomPan) {
    if (m_state->linkZoomPan()) {
        m_state->setZoomPan(m_orientation, zoomPan);
        return;
    }
    m_localZoomPan = zoomPan;
    updateCamera();
    update();
}

WindowLevel SlicePane::defaultWindow() const {
    if (isHounsfield(m_series.role)) {
        return ctWindowPresets()[2].window;  // bone: the spine at a glance, calcification included
    }
    return autoWindow();
}

const WindowLevel& SlicePane::autoWindow() const {
    if (!m_autoWindow) {
        m_autoWindow = automaticWindow(*m_series.volume);
    }
    return *m_autoWindow;
}

WindowLevel SlicePane::currentWindow() const {
    if (!m_state->linkWindow() && m_localWindow) {
        return *m_localWindow;
    }
    return m_state->window(windowGroupOf(m_series.role)).value_or(defaultWindow());
}

void SlicePane::setWindow(const WindowLevel& window) {
    if (m_state->linkWindow()) {
        m_state->setWindow(windowGroupOf(m_series.role), window);
        return;
    }
    m_localWindow = window;
    updateWindow();
    update();
}

void SlicePane::onStateChanged(unsigned changes) {
    if (!hasSeries()) {
        return;
    }
    if (changes &
        (ViewState::CursorChanged | ViewState::ZoomPanChanged | ViewState::LinksChanged)) {
        invalidateRasters();
    }
    if (changes & (ViewState::CursorChanged | ViewState::LinksChanged | ViewState::SlabChanged)) {
        updateReslice();
    }
    if (changes & (ViewState::ZoomPanChanged | ViewState::LinksChanged)) {
        updateCamera();
    }
    if (changes & (ViewState::WindowChanged | ViewState::LinksChanged)) {
        updateWindow();
    }
    // The mouse rests over this pane while the slice moves under it (wheel, keys): the
    // probe must read the new slice, not the point the mouse last moved over.
    if ((changes & (ViewState::CursorChanged | ViewState::ZoomPanChanged)) && m_hoverPixel &&
        isSynchronized()) {
        const PatientPoint underMouse = widgetToPane(*m_hoverPixel);
        if (!m_state->probe() || (m_state->probe()->mm - underMouse.mm).norm() > 1e-9) {
            m_state->setProbe(underMouse);
        }
    }
    update();
}

void SlicePane::computeImageBounds() {
    const auto [lo, hi] =
        ViewPlane::standard(m_orientation)
            .projectedBounds(m_series.volume->geometry(), m_seriesToPane.matrix());
    m_boundsLo = lo;
    m_boundsHi = hi;
}

ViewField SlicePane::viewField() const {
    // Synchronized panes share the reference series' field, so the same anatomy sits at
    // the same place and scale in each; a pane on its own fits its own series.
    if (isSynchronized()) {
        if (const auto shared = m_state->field(m_orientation)) {
            return *shared;
        }
    }
    return ViewField{m_boundsLo, m_boundsHi};
}

Eigen::Vector2d SlicePane::viewCentre() const {
    const ViewField f = viewField();
    const ZoomPan zp = currentZoomPan();
    return 0.5 * (f.lo + f.hi) + Eigen::Vector2d(zp.panRightMm, zp.panUpMm);
}

void SlicePane::updateReslice() {
    markSceneChanged();
    if (updateSlab()) {
        return;
    }
    m_showsNative = updateNativeSlice();
    m_slice->SetVisibility(!m_showsNative);
    if (m_showsNative) {
        return;
    }
    const PlaneLayout layout = planeLayout();
    const Eigen::Matrix4d& planeToIndex = layout.planeToIndex;
    const double spacing = layout.pixelMm;
    const Eigen::Vector2d& first = layout.firstMm;
    PlaneGrid grid;
    grid.width = layout.width;
    grid.height = layout.height;
    grid.origin = applyAffine(planeToIndex, Eigen::Vector3d(first.x(), first.y(), 0.0));
    grid.stepI = planeToIndex.topLeftCorner<3, 3>() * Eigen::Vector3d(spacing, 0.0, 0.0);
    grid.stepJ = planeToIndex.topLeftCorner<3, 3>() * Eigen::Vector3d(0.0, spacing, 0.0);
    const int scalarType = vtkScalarTypeOf(m_series.volume->voxelType());
    int* extent = m_planeImage->GetExtent();
    if (extent[1] != grid.width - 1 || extent[3] != grid.height - 1 ||
        m_planeImage->GetScalarType() != scalarType ||
        m_planeImage->GetPointData()->GetScalars() == nullptr) {
        m_planeImage->SetExtent(0, grid.width - 1, 0, grid.height - 1, 0, 0);
        m_planeImage->AllocateScalars(scalarType, 1);
    }
    m_planeImage->SetOrigin(first.x(), first.y(), 0.0);
    m_planeImage->SetSpacing(spacing, spacing, 1.0);
    m_planeGrid = grid;
    m_planeStale = true;
}

void SlicePane::prepareScene() {
    if (!m_planeStale || m_showsNative || m_showsSlab || !hasSeries()) {
        return;
    }
    const Volume& volume = *m_series.volume;
    const double background = backgroundFor(volume.voxelType());
    volume.visit([&](const auto* voxels) {
        using T = std::remove_const_t<std::remove_pointer_t<decltype(voxels)>>;
        samplePlane<T>(volume, m_planeGrid, static_cast<T>(background),
                       static_cast<T*>(m_planeImage->GetScalarPointer()));
    });
    m_planeImage->GetPointData()->GetScalars()->Modified();
    m_planeImage->Modified();
    m_planeStale = false;
}

bool SlicePane::updateNativeSlice() {
    const ViewPlane plane = ViewPlane::standard(m_orientation);
    const auto& geometry = m_series.volume->geometry();
    const auto axis = nativeSliceAxis(geometry, m_seriesToPane.matrix(), plane.normal);
    if (!axis) {
        m_nativeSlice->VisibilityOff();
        return false;
    }
    // The slice nearest the cursor; beyond the first or last slice (by more than half a
    // slice) the reslice would show only background, so nothing is drawn.
    const Eigen::Vector3d index =
        applyAffine(geometry.patientToIndex(), m_paneToSeries(paneCursor()).mm);
    const long slice = std::lround(index[*axis]);
    const bool inside = slice >= 0 && slice < geometry.dims()[*axis];
    copyToVtk(plane.planeToPatient(paneCursor()).inverse() * m_seriesToPane.matrix() *
                  geometry.indexToPatient(),
              m_nativeMatrix);
    m_nativeMapper->SetOrientation(*axis);
    m_nativeMapper->SetSliceNumber(static_cast<int>(inside ? slice : 0));
    m_nativeSlice->SetVisibility(inside);
    return true;
}

void SlicePane::updateWindow() {
    const WindowLevel w = currentWindow();
    m_slice->GetProperty()->SetColorWindow(w.width);
    m_slice->GetProperty()->SetColorLevel(w.level);
    markSceneChanged();
}

void SlicePane::updateCamera() {
    const Eigen::Vector2d centre = viewCentre();
    vtkCamera* camera = renderer()->GetActiveCamera();
    camera->SetFocalPoint(centre.x(), centre.y(), 0.0);
    camera->SetPosition(centre.x(), centre.y(), 1000.0);
    camera->SetViewUp(0.0, 1.0, 0.0);
    camera->SetClippingRange(1.0, 2000.0);
    camera->SetParallelScale(0.5 * std::max(1, height()) * mmPerPixel());
    markSceneChanged();
}

void SlicePane::resizeEvent(QResizeEvent* event) {
    VtkRenderWidget::resizeEvent(event);
    invalidateRasters();
    if (hasSeries()) {
        updateCamera();
    }
    if (m_volumeBox && m_volumeBox->isVisible()) {
        updateVolumeControl();  // keeps it at the right edge
    }
}

QString SlicePane::formatValue(double value) const {
    if (isHounsfield(m_series.role)) {
        return QStringLiteral("%1 HU").arg(std::lround(value));
    }
    return QString::number(std::lround(value));
}

void SlicePane::stepSlices(double count) {
    if (hasPicture()) {
        stepPictureFrames(count > 0 ? std::max(1, int(count)) : std::min(-1, int(count)));
        return;
    }
    if (!hasSeries()) {
        return;
    }
    const Eigen::Vector3d normal = ViewPlane::standard(m_orientation).normal;
    // Screen "up" through the stack moves towards the viewer's side of the plane.
    setPaneCursor(PatientPoint{paneCursor().mm + normal * (count * sliceStepMm())});
}

}  // namespace crosscheck::viewer
