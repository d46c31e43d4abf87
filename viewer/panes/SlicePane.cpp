#include "viewer/panes/SlicePane.h"

#include <Eigen/Geometry>
#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <vtkCamera.h>
#include <vtkImageData.h>
#include <vtkImageProperty.h>
#include <vtkImageReslice.h>
#include <vtkImageSlice.h>
#include <vtkImageSliceMapper.h>
#include <vtkMatrix4x4.h>

#include "core/volume/Volume.h"
#include "viewer/panes/VolumeImageData.h"

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

SlicePane::SlicePane(QWidget* parent) : VtkRenderWidget(parent) {
    m_reslice->SetOutputDimensionality(2);
    m_reslice->SetInterpolationModeToLinear();
    m_reslice->SetResliceAxes(m_resliceAxes);
    m_mapper->SetInputConnection(m_reslice->GetOutputPort());
    m_slice->SetMapper(m_mapper);
    m_slice->GetProperty()->SetInterpolationTypeToLinear();
    m_slice->VisibilityOff();
    renderer()->AddViewProp(m_slice);
    renderer()->GetActiveCamera()->ParallelProjectionOn();
}

SlicePane::~SlicePane() = default;

void SlicePane::setVolume(std::shared_ptr<const Volume> volume, const Eigen::Matrix4d& referenceToSeries) {
    m_volume = std::move(volume);
    m_referenceToSeries = referenceToSeries;
    if (!m_volume) {
        m_slice->VisibilityOff();
        update();
        return;
    }
    m_image = wrapVolume(m_volume);
    m_reslice->SetInputData(m_image);
    m_reslice->SetBackgroundLevel(backgroundFor(m_volume->voxelType()));
    m_slice->VisibilityOn();
    updateReslice();
    resetCamera();
    update();
}

void SlicePane::setOrientation(ViewOrientation orientation) {
    m_orientation = orientation;
    if (m_volume) {
        updateReslice();
        resetCamera();
    }
    update();
}

void SlicePane::setCursor(const PatientPoint& referenceCursor) {
    m_cursor = referenceCursor;
    if (m_volume) {
        updateReslice();
    }
    update();
}

void SlicePane::setWindowLevel(double window, double level) {
    m_slice->GetProperty()->SetColorWindow(window);
    m_slice->GetProperty()->SetColorLevel(level);
    update();
}

void SlicePane::resizeGL(int width, int height) {
    VtkRenderWidget::resizeGL(width, height);
    if (m_volume) {
        resetCamera();
    }
}

void SlicePane::updateReslice() {
    const ViewPlane plane = ViewPlane::standard(m_orientation);
    const auto& geometry = m_volume->geometry();
    const Eigen::Matrix4d planeToIndex =
        geometry.patientToIndex() * m_referenceToSeries * plane.planeToPatient(m_cursor);
    copyToVtk(planeToIndex, m_resliceAxes);

    // The output covers the projection of the whole volume onto the plane, at the finest
    // in-plane spacing of the volume, so every slice of one pane has the same extent.
    const Eigen::Matrix4d seriesToReference = m_referenceToSeries.inverse();
    Eigen::Vector2d lo(1e300, 1e300);
    Eigen::Vector2d hi(-1e300, -1e300);
    const auto& d = geometry.dims();
    for (int corner = 0; corner < 8; ++corner) {
        const Eigen::Vector3d ijk((corner & 1) ? d[0] - 0.5 : -0.5, (corner & 2) ? d[1] - 0.5 : -0.5,
                                  (corner & 4) ? d[2] - 0.5 : -0.5);
        const Eigen::Vector3d p =
            (seriesToReference * geometry.indexToPatient() * ijk.homogeneous()).head<3>();
        const Eigen::Vector2d uv(plane.right.dot(p), plane.up.dot(p));
        lo = lo.cwiseMin(uv);
        hi = hi.cwiseMax(uv);
    }
    const double spacing = std::max(0.1, geometry.spacingMm().minCoeff());
    const int nx = std::max(1, static_cast<int>(std::ceil((hi.x() - lo.x()) / spacing)));
    const int ny = std::max(1, static_cast<int>(std::ceil((hi.y() - lo.y()) / spacing)));
    m_reslice->SetOutputSpacing(spacing, spacing, 1.0);
    m_reslice->SetOutputOrigin(lo.x() + 0.5 * spacing, lo.y() + 0.5 * spacing, 0.0);
    m_reslice->SetOutputExtent(0, nx - 1, 0, ny - 1, 0, 0);
    m_reslice->Modified();
}

void SlicePane::resetCamera() {
    m_reslice->Update();
    double bounds[6];
    m_reslice->GetOutput()->GetBounds(bounds);
    const double cx = 0.5 * (bounds[0] + bounds[1]);
    const double cy = 0.5 * (bounds[2] + bounds[3]);
    vtkCamera* camera = renderer()->GetActiveCamera();
    camera->SetFocalPoint(cx, cy, 0.0);
    camera->SetPosition(cx, cy, 1000.0);
    camera->SetViewUp(0.0, 1.0, 0.0);
    camera->SetClippingRange(1.0, 2000.0);
    const double aspect = height() > 0 ? static_cast<double>(width()) / height() : 1.0;
    const double halfHeight = 0.5 * (bounds[3] - bounds[2]);
    const double halfWidth = 0.5 * (bounds[1] - bounds[0]);
    camera->SetParallelScale(std::max(halfHeight, halfWidth / std::max(aspect, 1e-3)) * 1.02);
}

}  // namespace crosscheck::viewer
