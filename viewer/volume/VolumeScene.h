#pragma once

#include <vtkNew.h>
#include <vtkSmartPointer.h>
#include <Eigen/Core>
#include <memory>
#include <vector>

#include "core/analysis/DiscrepancyRegion.h"
#include "core/vocabulary/SeriesRole.h"
#include "viewer/state/ViewState.h"
#include "viewer/volume/StandardView.h"

class vtkActor;
class vtkColorTransferFunction;
class vtkFixedPointVolumeRayCastMapper;
class vtkImageData;
class vtkPiecewiseFunction;
class vtkRenderWindow;
class vtkRenderer;
class vtkVolume;

namespace crosscheck {
class Volume;
}

namespace crosscheck::viewer {

/// How the volume is rendered: bone alone (opaque, shaded), soft tissue faintly with the
/// bone, or a maximum-intensity projection.
enum class VolumePreset { Bone, SoftTissueAndBone, Mip };
const char* toString(VolumePreset preset);

/// The VTK contents of a 3D view of one series, built once and fed new inputs: the volume
/// (CPU ray casting, vtkFixedPointVolumeRayCastMapper, which is what runs well on Mesa's
/// software renderer) with a preset's transfer functions, and the CT-vs-sCT findings as
/// coloured surfaces in a second renderer layer drawn over the volume, so a missed region
/// inside bone (a tumour in the canal) shows from every side. Everything is placed in the
/// reference frame (LPS, mm); the camera is a Camera3d with a parallel projection.
///
/// Used by the 3D pane (viewer/volume/VolumePane) and offscreen for report key images.
/// Large volumes are averaged down in-plane for rendering (at most about 16 million
/// voxels): the picture loses little, the ray casting a lot. Caveat: shear in a series'
/// geometry is applied through the prop's matrix, which VTK's ray caster honours.
class VolumeScene {
public:
    /// Adds its props to `renderer` (layer 0) and an overlay renderer (layer 1) to `window`.
    VolumeScene(vtkRenderWindow* window, vtkRenderer* renderer);
    ~VolumeScene();
    VolumeScene(const VolumeScene&) = delete;
    VolumeScene& operator=(const VolumeScene&) = delete;

    /// The series to render (null clears); `seriesToReference` maps its patient coordinates
    /// into the reference frame. HU presets apply to CT and sCT; other roles get ramps over
    /// their own value range.
    void setVolume(const std::shared_ptr<const Volume>& volume,
                   const Eigen::Matrix4d& seriesToReference, SeriesRole role);
    bool hasVolume() const { return m_volume != nullptr; }
    /// The volume's voxels changed in place (a study that finished filling): the ray
    /// caster's caches (gradients, empty-space tables) are made again.
    void voxelsChanged();
    /// The flagged regions: the label volume (rank per voxel, CT grid), the regions (for
    /// their kinds) and the labels' map into the reference frame. `onlyRank` > 0 shows that
    /// region alone. A null label volume clears them.
    void setFindings(const std::shared_ptr<const Volume>& labels,
                     const std::vector<DiscrepancyRegion>& regions,
                     const Eigen::Matrix4d& labelsToReference, int onlyRank = 0);
    void setPreset(VolumePreset preset);
    VolumePreset preset() const { return m_preset; }
    /// Coarser sampling while the camera moves (about 10 times fewer samples), full quality
    /// otherwise.
    void setInteractive(bool interactive);
    bool isInteractive() const { return m_interactive; }

    /// The reference-frame bounding box of the rendered series (empty box without one).
    const Eigen::Vector3d& boundsLo() const { return m_lo; }
    const Eigen::Vector3d& boundsHi() const { return m_hi; }
    /// A camera on a standard view that fits the series into a viewport of this aspect
    /// (width / height).
    Camera3d fittedCamera(StandardView view, double aspect) const;
    /// Puts the camera into the renderers (and sets the clipping range around the series).
    void applyCamera(const Camera3d& camera);

    /// The findings' colours, also used by tests: dense on CT but not on sCT (what the sCT
    /// misses) magenta as the 2D outlines, dense on sCT but not on CT cyan, large
    /// differences orange.
    static Eigen::Vector3d findingColour(DiscrepancyKind kind);

private:
    void updateTransferFunctions();
    void updateQuality();

    vtkRenderer* m_renderer;
    vtkNew<vtkRenderer> m_overlay;
    vtkNew<vtkFixedPointVolumeRayCastMapper> m_mapper;
    vtkNew<vtkVolume> m_prop;
    vtkNew<vtkColorTransferFunction> m_colour;
    vtkNew<vtkPiecewiseFunction> m_opacity;
    vtkSmartPointer<vtkImageData> m_image;
    std::vector<vtkSmartPointer<vtkActor>> m_findingActors;
    std::shared_ptr<const Volume> m_volume;
    Eigen::Matrix4d m_seriesToReference = Eigen::Matrix4d::Identity();
    SeriesRole m_role = SeriesRole::Other;
    /// The value range of a non-HU series, for its ramps (1st and 99.5th percentile).
    double m_valueLo = 0.0;
    double m_valueHi = 1.0;
    VolumePreset m_preset = VolumePreset::Bone;
    bool m_interactive = false;
    /// Sample spacing along rays at full quality (mm, the rendered grid's finest spacing).
    double m_sampleMm = 1.0;
    Eigen::Vector3d m_lo = Eigen::Vector3d::Zero();
    Eigen::Vector3d m_hi = Eigen::Vector3d::Zero();
};

}  // namespace crosscheck::viewer
