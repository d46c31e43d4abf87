#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

#include "core/geometry/VolumeGeometry.h"

namespace crosscheck {

enum class VoxelType { Int16, UInt16, Float32 };
const char* toString(VoxelType type);
std::size_t bytesPerVoxel(VoxelType type);

/// One 3D image: a contiguous voxel buffer (i fastest, then j, then k) and its geometry.
///
/// Values are final (rescale slope/intercept applied): HU for CT and sCT, scanner
/// intensity for MR. The buffer is allocated without being zero-filled, because a
/// loader writes every voxel anyway; whoever creates a Volume must fill all of it.
/// Not copyable (a volume can be hundreds of MiB); share it through shared_ptr.
class Volume {
public:
    Volume(const VolumeGeometry& geometry, VoxelType type);
    Volume(const Volume&) = delete;
    Volume& operator=(const Volume&) = delete;

    const VolumeGeometry& geometry() const { return m_geometry; }
    VoxelType voxelType() const { return m_type; }
    std::size_t byteCount() const { return m_geometry.voxelCount() * bytesPerVoxel(m_type); }

    void* data() { return m_data.get(); }
    const void* data() const { return m_data.get(); }
    template <class T>
    T* voxels() {
        return reinterpret_cast<T*>(m_data.get());
    }
    template <class T>
    const T* voxels() const {
        return reinterpret_cast<const T*>(m_data.get());
    }

    std::size_t offset(int i, int j, int k) const;
    /// The value of one voxel, which must lie inside the grid.
    double value(int i, int j, int k) const;
    /// Trilinear interpolation at a continuous index; empty outside the grid (half a
    /// voxel beyond the outer centres is clamped to the edge voxel).
    std::optional<double> sampleLinear(const VoxelIndex& index) const;
    std::optional<double> sampleLinear(const PatientPoint& point) const;
    /// The value of the voxel that contains the point; empty outside the grid.
    std::optional<double> sampleNearest(const PatientPoint& point) const;

    /// Calls f with a typed pointer to the voxels: f(const std::int16_t*), etc.
    template <class F>
    decltype(auto) visit(F&& f) const {
        switch (m_type) {
            case VoxelType::Int16:
                return f(voxels<std::int16_t>());
            case VoxelType::UInt16:
                return f(voxels<std::uint16_t>());
            case VoxelType::Float32:
            default:
                return f(voxels<float>());
        }
    }

private:
    VolumeGeometry m_geometry;
    VoxelType m_type;
    std::unique_ptr<std::byte[]> m_data;
};

}  // namespace crosscheck
