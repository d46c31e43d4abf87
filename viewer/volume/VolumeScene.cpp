// The volume part of the 3D scene: the series' image, its transfer functions per preset,
// the sampling quality and the camera. The findings' surfaces are in VolumeSceneFindings.cpp.
#include "viewer/volume/VolumeScene.h"

#include <vtkCamera.h>
#include <vtkColorTransferFunction.h>
#include <vtkFixedPointVolumeRayCastMapper.h>
#include <vtkImageData.h>
#include <vtkImageShrink3D.h>
#include <vtkMatrix4x4.h>
#include <vtkPiecewiseFunction.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkVolume.h>
#include <vtkVolumeProperty.h>
#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>

#include "core/volume/Volume.h"
#include "core/volume/VolumeStatistics.h"
#include "viewer/panes/VolumeImageData.h"

namespace crosscheck::viewer {

namespace {

/// Above this many voxels the rendered copy is averaged down in-plane (a full-size CT,
/// 512 x 512 x 200, becomes 256 x 256 x 200).
constexpr double kMaxRenderedVoxels = 16.0e6;
/// Interactive frames cast one ray per kImageStep x kImageStep pixels and sample twice as
/// sparsely along it: about 18 times fewer samples.
constexpr double kInteractiveImageStep = 3.0;
constexpr double kInteractiveSampleFactor = 2.0;

vtkSmartPointer<vtkMatrix4x4> toVtk(const Eigen::Matrix4d& m) {
    auto matrix = vtkSmartPointer<vtkMatrix4x4>::New();
    for (int r = 0; r < 4; ++r) {
        for (int c = 0; c < 4; ++c) {
            matrix->SetElement(r, c, m(r, c));
        }
    }
    return matrix;
}

}  // namespace

const char* toString(VolumePreset preset) {
    switch (preset) {
        case VolumePreset::Bone:
            return "bone";
        case VolumePreset::SoftTissueAndBone:
            return "soft tissue + bone";
        case VolumePreset::Mip:
            return "MIP";
    }
    return "bone";
}

VolumeScene::VolumeScene(vtkRenderWindow* window, vtkRenderer* renderer) : m_renderer(renderer) {
    window->SetNumberOfLayers(2);
    m_overlay->SetLayer(1);
    m_overlay->SetActiveCamera(m_renderer->GetActiveCamera());
    m_overlay->InteractiveOff();
    window->AddRenderer(m_overlay);
    m_mapper->SetAutoAdjustSampleDistances(0);
    m_mapper->SetLockSampleDistanceToInputSpacing(0);
    m_prop->SetMapper(m_mapper);
    m_prop->GetProperty()->SetColor(m_colour);
    m_prop->GetProperty()->SetScalarOpacity(m_opacity);
    m_prop->GetProperty()->SetInterpolationTypeToLinear();
    m_prop->VisibilityOff();
    m_renderer->AddVolume(m_prop);
    m_renderer->GetActiveCamera()->ParallelProjectionOn();
}

VolumeScene::~VolumeScene() = default;

void VolumeScene::setVolume(const std::shared_ptr<const Volume>& volume,
                            const Eigen::Matrix4d& seriesToReference, SeriesRole role) {
    m_volume = volume;
    m_seriesToReference = seriesToReference;
    m_role = role;
    if (!volume) {
        m_image = nullptr;
        m_prop->VisibilityOff();
        m_lo = m_hi = Eigen::Vector3d::Zero();
        return;
    }
    const VolumeGeometry& g = volume->geometry();
    vtkSmartPointer<vtkImageData> image = wrapVolume(volume);
    const double voxels = double(g.dims().x()) * g.dims().y() * g.dims().z();
    const int shrink = voxels > kMaxRenderedVoxels ? 2 : 1;
    if (shrink > 1) {
        vtkNew<vtkImageShrink3D> shrinker;
        shrinker->SetInputData(image);
        shrinker->SetShrinkFactors(shrink, shrink, 1);
        shrinker->AveragingOn();
        shrinker->Update();
        image = shrinker->GetOutput();
    }
    // The image gets the voxel spacing (mm) and the prop's matrix only rotates and moves
    // it into the reference frame: the ray caster's shading is wrong under a scaling matrix
    // (its gradient normals come out dark).
    const Eigen::Vector3d spacing = g.spacingMm();
    m_image = vtkSmartPointer<vtkImageData>::New();
    m_image->ShallowCopy(image);
    double shrunkSpacing[3];
    image->GetSpacing(shrunkSpacing);
    double shrunkOrigin[3];
    image->GetOrigin(shrunkOrigin);
    m_image->SetSpacing(shrunkSpacing[0] * spacing.x(), shrunkSpacing[1] * spacing.y(),
                        shrunkSpacing[2] * spacing.z());
    m_image->SetOrigin(shrunkOrigin[0] * spacing.x(), shrunkOrigin[1] * spacing.y(),
                       shrunkOrigin[2] * spacing.z());
    m_mapper->SetInputData(m_image);
    const Eigen::Matrix4d indexToReference = seriesToReference * g.indexToPatient();
    Eigen::Matrix4d unscale = Eigen::Matrix4d::Identity();
    unscale.diagonal().head<3>() = spacing.cwiseInverse();
    m_prop->SetUserMatrix(toVtk(indexToReference * unscale));
    m_prop->VisibilityOn();
    m_sampleMm = std::max(0.5, std::min({spacing.x() * shrink, spacing.y() * shrink, spacing.z()}));
    // The bounding box of the corner voxel centres, in the reference frame.
    m_lo = Eigen::Vector3d::Constant(1e30);
    m_hi = Eigen::Vector3d::Constant(-1e30);
    for (int corner = 0; corner < 8; ++corner) {
        const Eigen::Vector4d index((corner & 1) ? g.dims().x() - 1 : 0,
                                    (corner & 2) ? g.dims().y() - 1 : 0,
                                    (corner & 4) ? g.dims().z() - 1 : 0, 1.0);
        const Eigen::Vector3d p = (indexToReference * index).head<3>();
        m_lo = m_lo.cwiseMin(p);
        m_hi = m_hi.cwiseMax(p);
    }
    if (!isHounsfield(role)) {
        const std::vector<double> range = volumePercentiles(*volume, {1.0, 99.5});
        m_valueLo = range[0];
        m_valueHi = std::max(range[1], range[0] + 1.0);
    }
    updateTransferFunctions();
    updateQuality();
}

void VolumeScene::voxelsChanged() {
    if (m_volume) {
        setVolume(std::shared_ptr<const Volume>(m_volume), Eigen::Matrix4d(m_seriesToReference),
                  m_role);
    }
}

void VolumeScene::setPreset(VolumePreset preset) {
    m_preset = preset;
    updateTransferFunctions();
}

void VolumeScene::setInteractive(bool interactive) {
    m_interactive = interactive;
    updateQuality();
}

void VolumeScene::updateQuality() {
    m_mapper->SetImageSampleDistance(m_interactive ? kInteractiveImageStep : 1.0);
    m_mapper->SetSampleDistance(
        static_cast<float>(m_interactive ? m_sampleMm * kInteractiveSampleFactor : m_sampleMm));
}

void VolumeScene::updateTransferFunctions() {
    m_colour->RemoveAllPoints();
    m_opacity->RemoveAllPoints();
    vtkVolumeProperty* property = m_prop->GetProperty();
    // HU for CT and sCT; other series map their value range onto the same ramps, as if
    // 1st percentile = -1000 and 99.5th = 1500.
    const bool hu = isHounsfield(m_role);
    auto v = [&](double huValue) {
        return hu ? huValue : m_valueLo + (huValue + 1000.0) / 2500.0 * (m_valueHi - m_valueLo);
    };
    switch (m_preset) {
        case VolumePreset::Bone:
            m_mapper->SetBlendModeToComposite();
            property->ShadeOn();
            m_opacity->AddPoint(v(-1000), 0.0);
            m_opacity->AddPoint(v(180), 0.0);
            m_opacity->AddPoint(v(350), 0.55);
            m_opacity->AddPoint(v(1000), 0.9);
            m_opacity->AddPoint(v(3000), 0.95);
            m_colour->AddRGBPoint(v(180), 0.80, 0.62, 0.45);
            m_colour->AddRGBPoint(v(400), 0.95, 0.88, 0.75);
            m_colour->AddRGBPoint(v(1200), 1.0, 1.0, 0.97);
            break;
        case VolumePreset::SoftTissueAndBone:
            m_mapper->SetBlendModeToComposite();
            property->ShadeOn();
            m_opacity->AddPoint(v(-1000), 0.0);
            m_opacity->AddPoint(v(-150), 0.0);
            m_opacity->AddPoint(v(20), 0.03);
            m_opacity->AddPoint(v(120), 0.05);
            m_opacity->AddPoint(v(250), 0.4);
            m_opacity->AddPoint(v(1000), 0.85);
            m_colour->AddRGBPoint(v(-150), 0.55, 0.25, 0.18);
            m_colour->AddRGBPoint(v(60), 0.85, 0.5, 0.4);
            m_colour->AddRGBPoint(v(250), 0.95, 0.88, 0.75);
            m_colour->AddRGBPoint(v(1200), 1.0, 1.0, 0.97);
            break;
        case VolumePreset::Mip:
            m_mapper->SetBlendModeToMaximumIntensity();
            property->ShadeOff();
            m_opacity->AddPoint(v(-1000), 0.0);
            m_opacity->AddPoint(v(-200), 0.0);
            m_opacity->AddPoint(v(1500), 1.0);
            m_colour->AddRGBPoint(v(-200), 0.0, 0.0, 0.0);
            m_colour->AddRGBPoint(v(1500), 1.0, 1.0, 1.0);
            break;
    }
    property->SetAmbient(0.3);
    property->SetDiffuse(0.7);
    property->SetSpecular(0.15);
}

Camera3d VolumeScene::fittedCamera(StandardView view, double aspect) const {
    const ViewDirections d = standardViewDirections(view);
    Camera3d camera;
    camera.focalMm = 0.5 * (m_lo + m_hi);
    camera.towardsViewer = d.towardsViewer;
    camera.viewUp = d.viewUp;
    const Eigen::Vector3d extent = m_hi - m_lo;
    const Eigen::Vector3d right = d.viewUp.cross(d.towardsViewer);
    const double halfHeight = 0.5 * std::abs(extent.dot(d.viewUp.cwiseAbs()));
    const double halfWidth = 0.5 * std::abs(extent.dot(right.cwiseAbs()));
    camera.parallelScaleMm = 1.05 * std::max({halfHeight, halfWidth / std::max(aspect, 0.1), 1.0});
    return camera;
}

void VolumeScene::applyCamera(const Camera3d& c) {
    vtkCamera* camera = m_renderer->GetActiveCamera();
    const double radius = std::max(0.5 * (m_hi - m_lo).norm(), 10.0);
    // Far enough that the whole series lies in front of the camera from any side.
    const double distance = 3.0 * radius + (c.focalMm - 0.5 * (m_lo + m_hi)).norm();
    const Eigen::Vector3d position = c.focalMm + distance * c.towardsViewer.normalized();
    camera->SetFocalPoint(c.focalMm.data());
    camera->SetPosition(position.data());
    camera->SetViewUp(c.viewUp.data());
    camera->OrthogonalizeViewUp();
    camera->ParallelProjectionOn();
    camera->SetParallelScale(c.parallelScaleMm);
    camera->SetClippingRange(std::max(1.0, distance - 2.5 * radius), distance + 2.5 * radius);
}

}  // namespace crosscheck::viewer
