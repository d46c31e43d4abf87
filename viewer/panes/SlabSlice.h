#pragma once

#include <vtkImageReslice.h>
#include <vtkImageSlice.h>
#include <vtkImageSliceMapper.h>
#include <vtkNew.h>
#include <Eigen/Core>

#include "viewer/state/ViewState.h"

class vtkImageData;
class vtkImageProperty;

namespace crosscheck::viewer {

/// Where a pane's picture lies in plane coordinates (mm along the plane's right, up and
/// normal; 0 on the normal is the cursor's plane) and how plane coordinates map to the
/// series' voxel indices. Pixel (i, j) of the pane's image is at plane point
/// firstMm + (i, j) * pixelMm. The same layout serves the thin resampled slice and the slab.
struct PlaneLayout {
    Eigen::Matrix4d planeToIndex = Eigen::Matrix4d::Identity();
    Eigen::Vector2d firstMm = Eigen::Vector2d::Zero();
    double pixelMm = 1.0;
    int width = 1;
    int height = 1;
};

/// A thick slab of a series drawn in a pane: VTK's vtkImageReslice samples planes every
/// `stepMm` across the slab (from -thickness/2 to +thickness/2 about the cursor's plane,
/// along the pane's normal, trilinear), and combines them per pixel into their maximum
/// (MIP), minimum (MinIP) or mean; samples outside the volume take no part. Works for any
/// plane through any grid (axis-aligned, oblique, tilted, rotated by a registration): the
/// whole affine goes into the reslice axes. The input is the series' index-space image
/// (VolumeImageData), never copied; the output is shown by its own vtkImageSlice in plane
/// coordinates, as the pane's thin resampled slice is.
///
/// Only a picture: what the slab shows is not measured. The pane's probe and the ROIs
/// read the thin slice.
class SlabSlice {
public:
    /// At most this many planes per slab: a very thin step widens to keep within it.
    static constexpr int kMaxSamples = 201;

    SlabSlice();

    vtkImageSlice* prop() { return m_slice; }
    /// The series in index space (origin 0, spacing 1) and the value outside it.
    void setInput(vtkImageData* indexSpaceImage, double background);
    /// Shows the slab; `mode` must not be Thin.
    void show(const PlaneLayout& layout, SlabMode mode, double thicknessMm, double stepMm);
    void hide();
    /// How many planes the last slab combined, and how far apart (mm).
    int sampleCount() const { return m_reslice->GetSlabNumberOfSlices(); }
    double sampleStepMm() const { return m_stepMm; }

private:
    vtkNew<vtkImageReslice> m_reslice;
    vtkNew<vtkImageSliceMapper> m_mapper;
    vtkNew<vtkImageSlice> m_slice;
    vtkNew<vtkMatrix4x4> m_axes;
    double m_stepMm = 1.0;
};

}  // namespace crosscheck::viewer
