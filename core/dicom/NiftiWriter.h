#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

#include "core/geometry/VolumeGeometry.h"
#include "core/volume/Volume.h"

namespace crosscheck {

/// How the voxels are laid out in the file, following dcm2niix's defaults: a 2D
/// acquisition keeps the DICOM order with rows stored bottom-up (dcm2niix flips y); a 3D
/// acquisition (MRAcquisitionType 3D) is turned to the closest canonical RAS order, as
/// dcm2niix does unless run with `-x i`.
enum class NiftiLayout { FlipRows, Canonical };

/// Writes a volume as NIfTI-1 (.nii, or gzip-compressed .nii.gz) with dcm2niix's
/// orientation convention, so the two tools' files can be compared: qform and sform
/// (code 1, scanner) map the stored index to RAS millimetres. The sform keeps a tilted stack's
/// shear; the qform, which cannot, holds its nearest rotation. Values are written as stored in the
/// volume (int16, uint16 or float32; slope 1, intercept 0). The file is written under a
/// temporary name and renamed, so a failure never leaves a partial file. Throws
/// std::runtime_error naming the file on failure. niftilib (nifti1_io) builds the header
/// and the qform quaternion; the bytes are written here rather than by nifti_image_write,
/// which reports no error, picks compression from the file's name (the temporary name would
/// need the final extension) and wants the whole reordered volume in one buffer.
void writeNifti(const Volume& volume, const std::string& path,
                NiftiLayout layout = NiftiLayout::FlipRows);

/// Writes a byte mask on `geometry` (one byte per voxel in the grid's order, 0 or 1) as a
/// NIfTI-1 uint8 volume, with the same layout, orientation and atomic write as writeNifti:
/// the analysis mask next to the CT that writeNifti (or dcm2niix) wrote.
void writeNiftiMask(const VolumeGeometry& geometry, const std::vector<std::uint8_t>& mask,
                    const std::string& path, NiftiLayout layout = NiftiLayout::FlipRows);

/// The 4x4 stored-index-to-RAS matrix writeNifti puts in the sform, for tests and JSON.
Eigen::Matrix4d niftiIndexToRas(const Volume& volume, NiftiLayout layout = NiftiLayout::FlipRows);

}  // namespace crosscheck
