#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "core/volume/Volume.h"

namespace crosscheck {

/// One level of a registration pyramid: a float copy of a volume block-averaged to about
/// `levelSpacingMm` per axis, with its own `indexToPatient` (LPS, mm) in the volume's frame.
///
/// Block averaging by an integer factor per axis is the anti-aliasing filter: it is cheap
/// and keeps the grid aligned with the source voxels (a block's centre is the mean of its
/// voxel centres). An axis already coarser than the level spacing is kept as it is.
/// When no axis needs averaging (the finest level of a fine volume) the level reads the
/// volume's own buffer instead of copying it: the volume must then outlive the level.
class RegistrationImage {
public:
    static RegistrationImage fromVolume(const Volume& volume, double levelSpacingMm);

    const Eigen::Vector3i& dims() const { return m_dims; }
    const Eigen::Matrix4d& indexToPatient() const { return m_indexToPatient; }
    const Eigen::Matrix4d& patientToIndex() const { return m_patientToIndex; }
    std::size_t voxelCount() const { return static_cast<std::size_t>(m_dims.prod()); }
    float at(int i, int j, int k) const {
        return valueAt((static_cast<std::size_t>(k) * m_dims[1] + static_cast<std::size_t>(j)) *
                           m_dims[0] +
                       static_cast<std::size_t>(i));
    }
    Eigen::Vector3d patientOf(int i, int j, int k) const {
        return m_indexToPatient.topLeftCorner<3, 3>() * Eigen::Vector3d(i, j, k) +
               m_indexToPatient.topRightCorner<3, 1>();
    }

    /// Trilinear value and its gradient (per unit of i, j, k) at a continuous index.
    /// False outside the grid (more than half a voxel beyond the outer voxel centres).
    bool sampleWithGradient(const Eigen::Vector3d& ijk, float& value,
                            Eigen::Vector3d& gradientIjk) const;

    /// The values at the given fractions (0..1) of the sorted voxel values.
    Eigen::Vector2d percentileRange(double lowFraction, double highFraction) const;
    /// Otsu's threshold between the two main intensity classes.
    double otsuThreshold() const;
    /// A threshold that separates the body from the background (air): the lower of Otsu's
    /// threshold and 15 % of the way from the 1st to the 99th percentile. Otsu alone
    /// splits a T1w image between fat and muscle when the air is a small part of it.
    double bodyThreshold() const;

private:
    Eigen::Vector3i m_dims = Eigen::Vector3i::Zero();
    Eigen::Matrix4d m_indexToPatient = Eigen::Matrix4d::Identity();
    Eigen::Matrix4d m_patientToIndex = Eigen::Matrix4d::Identity();
    float valueAt(std::size_t offset) const {
        switch (m_type) {
            case VoxelType::Int16:
                return static_cast<const std::int16_t*>(m_borrowed)[offset];
            case VoxelType::UInt16:
                return static_cast<const std::uint16_t*>(m_borrowed)[offset];
            case VoxelType::Float32:
            default:
                return m_borrowed ? static_cast<const float*>(m_borrowed)[offset]
                                  : m_values[offset];
        }
    }
    template <class T>
    void trilinear(const T* p, std::size_t sx, std::size_t sy, std::size_t sz, const double f[3],
                   float& value, Eigen::Vector3d& gradientIjk) const;
    /// The values at a stride that reads at most about 2 million of them.
    std::vector<float> valueSample() const;

    std::vector<float> m_values;            ///< owned voxels, when averaged
    const void* m_borrowed = nullptr;       ///< the volume's voxels, when not averaged
    VoxelType m_type = VoxelType::Float32;  ///< type of m_borrowed
};

}  // namespace crosscheck
