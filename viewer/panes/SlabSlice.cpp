#include "viewer/panes/SlabSlice.h"

#include <vtkImageData.h>
#include <vtkMatrix4x4.h>
#include <algorithm>
#include <cmath>

namespace crosscheck::viewer {

SlabSlice::SlabSlice() {
    m_reslice->SetInterpolationModeToLinear();
    // The samples sit exactly `stepMm` apart: the output's z spacing is the step.
    m_reslice->SetSlabSliceSpacingFraction(1.0);
    m_reslice->SetResliceAxes(m_axes);
    // Not the permutation shortcut for axis-aligned planes: in VTK 9.1 it does not lay the
    // slab's samples where the general path does (they came out along another axis on the
    // phantom's sagittal CT); the general path samples exactly the planes asked for.
    m_reslice->OptimizationOff();
    m_mapper->SetInputConnection(m_reslice->GetOutputPort());
    // As the thin resampled slice: the image in plane coordinates, at z = 0 (the cursor).
    m_mapper->BorderOn();
    m_mapper->SliceFacesCameraOff();
    m_mapper->SliceAtFocalPointOff();
    m_slice->SetMapper(m_mapper);
    m_slice->VisibilityOff();
}

void SlabSlice::setInput(vtkImageData* indexSpaceImage, double background) {
    m_reslice->SetInputData(indexSpaceImage);
    m_reslice->SetBackgroundLevel(background);
}

void SlabSlice::show(const PlaneLayout& layout, SlabMode mode, double thicknessMm, double stepMm) {
    switch (mode) {
        case SlabMode::Max:
            m_reslice->SetSlabModeToMax();
            break;
        case SlabMode::Min:
            m_reslice->SetSlabModeToMin();
            break;
        case SlabMode::Mean:
        case SlabMode::Thin:
            m_reslice->SetSlabModeToMean();
            break;
    }
    // An odd count, so one sample lies on the cursor's plane and the rest pair up around
    // it: with the series' slice spacing as the step, an axis-aligned slab samples the
    // slices themselves.
    m_stepMm = std::max(stepMm, 1e-3);
    int half = static_cast<int>(std::lround(0.5 * thicknessMm / m_stepMm));
    if (2 * half + 1 > kMaxSamples) {
        half = (kMaxSamples - 1) / 2;
        m_stepMm = 0.5 * thicknessMm / half;
    }
    m_reslice->SetSlabNumberOfSlices(2 * half + 1);
    for (int r = 0; r < 4; ++r) {
        for (int c = 0; c < 4; ++c) {
            m_axes->SetElement(r, c, layout.planeToIndex(r, c));
        }
    }
    m_axes->Modified();
    m_reslice->SetOutputOrigin(layout.firstMm.x(), layout.firstMm.y(), 0.0);
    m_reslice->SetOutputSpacing(layout.pixelMm, layout.pixelMm, m_stepMm);
    m_reslice->SetOutputExtent(0, layout.width - 1, 0, layout.height - 1, 0, 0);
    m_reslice->Modified();
    m_slice->VisibilityOn();
}

void SlabSlice::hide() {
    m_slice->VisibilityOff();
}

}  // namespace crosscheck::viewer
