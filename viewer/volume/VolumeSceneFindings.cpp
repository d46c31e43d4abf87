// The findings part of the 3D scene: each kind of flagged region as one surface of its
// colour, in the overlay layer so that bone in front of it does not hide it.
#include <vtkActor.h>
#include <vtkDiscreteFlyingEdges3D.h>
#include <vtkExtractVOI.h>
#include <vtkImageData.h>
#include <vtkMatrix4x4.h>
#include <vtkPolyDataMapper.h>
#include <vtkPolyDataNormals.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <algorithm>
#include <cstdint>
#include <map>

#include "core/volume/Volume.h"
#include "viewer/panes/VolumeImageData.h"
#include "viewer/volume/VolumeScene.h"

namespace crosscheck::viewer {

namespace {

/// The index box (inclusive) of the voxels whose label is in `ranks`; empty box
/// (lo > hi) when there is none.
void labelBox(const Volume& labels, const std::map<int, DiscrepancyKind>& ranks, int lo[3],
              int hi[3]) {
    const Eigen::Vector3i dims = labels.geometry().dims();
    for (int a = 0; a < 3; ++a) {
        lo[a] = dims[a];
        hi[a] = -1;
    }
    const auto* v = labels.voxels<std::uint16_t>();
    std::size_t n = 0;
    for (int k = 0; k < dims.z(); ++k) {
        for (int j = 0; j < dims.y(); ++j) {
            for (int i = 0; i < dims.x(); ++i, ++n) {
                if (v[n] != 0 && ranks.count(v[n]) != 0) {
                    lo[0] = std::min(lo[0], i), hi[0] = std::max(hi[0], i);
                    lo[1] = std::min(lo[1], j), hi[1] = std::max(hi[1], j);
                    lo[2] = std::min(lo[2], k), hi[2] = std::max(hi[2], k);
                }
            }
        }
    }
}

}  // namespace

Eigen::Vector3d VolumeScene::findingColour(DiscrepancyKind kind) {
    switch (kind) {
        case DiscrepancyKind::CtDenseSctNot:
            return {1.0, 40.0 / 255.0, 200.0 / 255.0};
        case DiscrepancyKind::SctDenseCtNot:
            return {40.0 / 255.0, 200.0 / 255.0, 1.0};
        case DiscrepancyKind::LargeDifference:
            return {1.0, 160.0 / 255.0, 0.0};
    }
    return {1.0, 1.0, 1.0};
}

void VolumeScene::setFindings(const std::shared_ptr<const Volume>& labels,
                              const std::vector<DiscrepancyRegion>& regions,
                              const Eigen::Matrix4d& labelsToReference, int onlyRank) {
    for (const auto& actor : m_findingActors) {
        m_overlay->RemoveActor(actor);
    }
    m_findingActors.clear();
    if (!labels || labels->voxelType() != VoxelType::UInt16) {
        return;
    }
    std::map<int, DiscrepancyKind> ranks;
    for (const DiscrepancyRegion& r : regions) {
        if (onlyRank <= 0 || r.rank == onlyRank) {
            ranks[r.rank] = r.kind;
        }
    }
    int lo[3];
    int hi[3];
    labelBox(*labels, ranks, lo, hi);
    if (lo[0] > hi[0]) {
        return;
    }
    const Eigen::Vector3i dims = labels->geometry().dims();
    // A voxel of margin so the surfaces close at the box's faces.
    vtkNew<vtkExtractVOI> box;
    box->SetInputData(wrapVolume(labels));
    box->SetVOI(std::max(lo[0] - 1, 0), std::min(hi[0] + 1, dims.x() - 1), std::max(lo[1] - 1, 0),
                std::min(hi[1] + 1, dims.y() - 1), std::max(lo[2] - 1, 0),
                std::min(hi[2] + 1, dims.z() - 1));
    box->Update();
    vtkNew<vtkMatrix4x4> placement;
    const Eigen::Matrix4d indexToReference =
        labelsToReference * labels->geometry().indexToPatient();
    for (int r = 0; r < 4; ++r) {
        for (int c = 0; c < 4; ++c) {
            placement->SetElement(r, c, indexToReference(r, c));
        }
    }
    for (DiscrepancyKind kind : {DiscrepancyKind::CtDenseSctNot, DiscrepancyKind::SctDenseCtNot,
                                 DiscrepancyKind::LargeDifference}) {
        vtkNew<vtkDiscreteFlyingEdges3D> surface;
        surface->SetInputConnection(box->GetOutputPort());
        int n = 0;
        for (const auto& [rank, k] : ranks) {
            if (k == kind) {
                surface->SetValue(n++, rank);
            }
        }
        if (n == 0) {
            continue;
        }
        surface->ComputeScalarsOff();
        surface->ComputeNormalsOff();
        vtkNew<vtkPolyDataNormals> normals;
        normals->SetInputConnection(surface->GetOutputPort());
        normals->SetFeatureAngle(80.0);
        normals->Update();
        vtkNew<vtkPolyDataMapper> mapper;
        mapper->SetInputData(normals->GetOutput());
        mapper->ScalarVisibilityOff();
        auto actor = vtkSmartPointer<vtkActor>::New();
        actor->SetMapper(mapper);
        actor->SetUserMatrix(placement);
        const Eigen::Vector3d colour = findingColour(kind);
        vtkProperty* property = actor->GetProperty();
        property->SetColor(colour.x(), colour.y(), colour.z());
        // Mostly ambient: the colour stays recognisable from every side (and to the tests).
        property->SetAmbient(0.6);
        property->SetDiffuse(0.45);
        property->SetSpecular(0.1);
        m_overlay->AddActor(actor);
        m_findingActors.push_back(actor);
    }
}

}  // namespace crosscheck::viewer
