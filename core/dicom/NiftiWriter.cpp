#include "core/dicom/NiftiWriter.h"

#include <nifti2_io.h>
#include <zlib.h>

#include <Eigen/Dense>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <vector>

namespace crosscheck {

namespace {

/// niftilib's image description, freed with it.
using NiftiImage = std::unique_ptr<nifti_image, void (*)(nifti_image*)>;

/// The NIfTI-1 header of a single-file image, built by niftilib: dims and spacing in stored
/// order, qform and sform (code 1, scanner) from the stored-index-to-RAS matrix (niftilib's
/// nifti_dmat44_to_quatern turns it into the nearest rotation's quaternion, so a tilted
/// stack's shear stays in the sform only), mm and seconds, slope 1, intercept 0.
nifti_1_header niftiHeader(const Eigen::Vector3i& storedDims, const Eigen::Vector3d& storedSpacing,
                           const Eigen::Matrix4d& indexToRas, int datatype,
                           const std::string& path) {
    const std::int64_t dims[8] = {3, storedDims[0], storedDims[1], storedDims[2], 1, 1, 1, 1};
    NiftiImage nim(nifti_make_new_nim(dims, datatype, 0), &nifti_image_free);
    if (!nim) {
        throw std::runtime_error(path + ": niftilib cannot describe the image");
    }
    nim->nifti_type = NIFTI_FTYPE_NIFTI1_1;
    nim->dx = nim->pixdim[1] = static_cast<float>(storedSpacing[0]);
    nim->dy = nim->pixdim[2] = static_cast<float>(storedSpacing[1]);
    nim->dz = nim->pixdim[3] = static_cast<float>(storedSpacing[2]);
    nim->xyz_units = NIFTI_UNITS_MM;
    nim->time_units = NIFTI_UNITS_SEC;
    nim->scl_slope = 1.0f;
    nim->scl_inter = 0.0f;
    nim->qform_code = NIFTI_XFORM_SCANNER_ANAT;
    nim->sform_code = NIFTI_XFORM_SCANNER_ANAT;
    nifti_dmat44 m;
    for (int r = 0; r < 4; ++r) {
        for (int c = 0; c < 4; ++c) {
            // The header stores floats: round here so that qform and sform agree with it.
            m.m[r][c] = static_cast<float>(indexToRas(r, c));
        }
    }
    nim->sto_xyz = m;
    nifti_dmat44_to_quatern(m, &nim->quatern_b, &nim->quatern_c, &nim->quatern_d, &nim->qoffset_x,
                            &nim->qoffset_y, &nim->qoffset_z, nullptr, nullptr, nullptr,
                            &nim->qfac);
    nim->qto_xyz = nifti_quatern_to_dmat44(nim->quatern_b, nim->quatern_c, nim->quatern_d,
                                           nim->qoffset_x, nim->qoffset_y, nim->qoffset_z, nim->dx,
                                           nim->dy, nim->dz, nim->qfac);
    std::strncpy(nim->descrip, "crosscheck", sizeof(nim->descrip) - 1);
    nifti_set_iname_offset(nim.get(), 1);
    nifti_1_header header{};
    if (nifti_convert_nim2n1hdr(nim.get(), &header) != 0) {
        throw std::runtime_error(path + ": niftilib cannot describe the image");
    }
    // niftilib leaves the unused dims 0; dcm2niix (and the spec's advice) writes 1.
    for (int d = 4; d < 8; ++d) {
        header.dim[d] = 1;
    }
    if (header.vox_offset != 352.0f) {
        throw std::runtime_error(path + ": unexpected NIfTI data offset");
    }
    return header;
}

// The stored layout as a map from stored index (n0 fastest) to volume index: stored axis
// a reads volume axis axis[a], reversed when flip[a].
struct StoredLayout {
    std::array<int, 3> axis{0, 1, 2};
    std::array<bool, 3> flip{false, false, false};
};

StoredLayout layoutFor(const VolumeGeometry& geometry, NiftiLayout layout) {
    StoredLayout l;
    if (layout == NiftiLayout::FlipRows) {
        l.flip[1] = true;
        return l;
    }
    // Closest canonical: the permutation whose diagonal carries most of the direction
    // cosines, each axis then pointing to +R, +A, +S.
    const Eigen::Matrix4d lps = geometry.indexToPatient();
    Eigen::Matrix3d ras;
    for (int c = 0; c < 3; ++c) {
        const Eigen::Vector3d d = lps.block<3, 1>(0, c).normalized();
        ras.col(c) = Eigen::Vector3d(-d.x(), -d.y(), d.z());
    }
    std::array<int, 3> perm{0, 1, 2};
    std::array<int, 3> best = perm;
    double bestScore = -1.0;
    do {
        double score = 0.0;
        for (int r = 0; r < 3; ++r) {
            score += std::abs(ras(r, perm[static_cast<std::size_t>(r)]));
        }
        if (score > bestScore + 1e-12) {
            bestScore = score;
            best = perm;
        }
    } while (std::next_permutation(perm.begin(), perm.end()));
    for (int r = 0; r < 3; ++r) {
        const auto a = static_cast<std::size_t>(r);
        l.axis[a] = best[a];
        l.flip[a] = ras(r, best[a]) < 0.0;
    }
    return l;
}

Eigen::Matrix4d storedToVolumeIndex(const VolumeGeometry& geometry, const StoredLayout& l) {
    Eigen::Matrix4d m = Eigen::Matrix4d::Zero();
    m(3, 3) = 1.0;
    const auto& dims = geometry.dims();
    for (int a = 0; a < 3; ++a) {
        const int v = l.axis[static_cast<std::size_t>(a)];
        const bool f = l.flip[static_cast<std::size_t>(a)];
        m(v, a) = f ? -1.0 : 1.0;
        m(v, 3) = f ? dims[v] - 1 : 0.0;
    }
    return m;
}

Eigen::Matrix4d indexToRas(const VolumeGeometry& geometry, NiftiLayout layout) {
    Eigen::Matrix4d lpsToRas = Eigen::Matrix4d::Identity();
    lpsToRas(0, 0) = -1.0;
    lpsToRas(1, 1) = -1.0;
    return lpsToRas * geometry.indexToPatient() *
           storedToVolumeIndex(geometry, layoutFor(geometry, layout));
}

/// The voxels of one grid, `voxelBytes` each in the grid's order, with NIfTI `datatype`.
struct VoxelBuffer {
    const unsigned char* data = nullptr;
    std::size_t voxelBytes = 0;
    int datatype = 0;  ///< niftilib's DT_* code
};

void writeStored(const VolumeGeometry& geometry, const VoxelBuffer& buffer, const std::string& path,
                 NiftiLayout layout) {
    const auto& dims = geometry.dims();
    const StoredLayout stored = layoutFor(geometry, layout);
    Eigen::Vector3i storedDims;
    for (int a = 0; a < 3; ++a) {
        storedDims[a] = dims[stored.axis[static_cast<std::size_t>(a)]];
    }
    Eigen::Vector3d storedSpacing;
    for (int a = 0; a < 3; ++a) {
        if (storedDims[a] > 32767) {
            throw std::runtime_error(path + ": dimension " + std::to_string(storedDims[a]) +
                                     " too large for NIfTI-1");
        }
        storedSpacing[a] = geometry.spacingMm()[stored.axis[static_cast<std::size_t>(a)]];
    }
    const nifti_1_header h =
        niftiHeader(storedDims, storedSpacing, indexToRas(geometry, layout), buffer.datatype, path);

    const bool gz = path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
    const std::string temporary = path + ".part";
    gzFile out = gzopen(temporary.c_str(), gz ? "wb6" : "wbT");
    if (out == nullptr) {
        throw std::runtime_error(path + ": cannot open for writing");
    }
    bool ok = gzwrite(out, &h, sizeof(h)) == static_cast<int>(sizeof(h));
    const char extension[4] = {0, 0, 0, 0};
    ok = ok && gzwrite(out, extension, 4) == 4;
    // One stored row at a time, gathered from the volume along stored axis 0.
    const std::size_t voxelBytes = buffer.voxelBytes;
    const unsigned char* data = buffer.data;
    const Eigen::Matrix4d toVolume = storedToVolumeIndex(geometry, stored);
    const std::array<long long, 3> volumeStride = {1, dims[0],
                                                   static_cast<long long>(dims[0]) * dims[1]};
    long long step0 = 0;
    for (int v = 0; v < 3; ++v) {
        step0 += static_cast<long long>(toVolume(v, 0)) * volumeStride[static_cast<std::size_t>(v)];
    }
    std::vector<unsigned char> row(static_cast<std::size_t>(storedDims[0]) * voxelBytes);
    for (int n2 = 0; n2 < storedDims[2] && ok; ++n2) {
        for (int n1 = 0; n1 < storedDims[1] && ok; ++n1) {
            const Eigen::Vector4d start = toVolume * Eigen::Vector4d(0, n1, n2, 1);
            long long offset = 0;
            for (int v = 0; v < 3; ++v) {
                offset += std::llround(start[v]) * volumeStride[static_cast<std::size_t>(v)];
            }
            for (int n0 = 0; n0 < storedDims[0]; ++n0, offset += step0) {
                std::memcpy(row.data() + static_cast<std::size_t>(n0) * voxelBytes,
                            data + static_cast<std::size_t>(offset) * voxelBytes, voxelBytes);
            }
            ok = gzwrite(out, row.data(), static_cast<unsigned>(row.size())) ==
                 static_cast<int>(row.size());
        }
    }
    ok = gzclose(out) == Z_OK && ok;
    std::error_code ec;
    if (!ok) {
        std::filesystem::remove(temporary, ec);
        throw std::runtime_error(path + ": write failed");
    }
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        std::filesystem::remove(temporary, ec);
        throw std::runtime_error(path + ": cannot rename the finished file: " + ec.message());
    }
}

}  // namespace

Eigen::Matrix4d niftiIndexToRas(const Volume& volume, NiftiLayout layout) {
    return indexToRas(volume.geometry(), layout);
}

void writeNifti(const Volume& volume, const std::string& path, NiftiLayout layout) {
    VoxelBuffer buffer;
    buffer.data = static_cast<const unsigned char*>(volume.data());
    buffer.voxelBytes = bytesPerVoxel(volume.voxelType());
    switch (volume.voxelType()) {
        case VoxelType::Int16:
            buffer.datatype = DT_INT16;
            break;
        case VoxelType::UInt16:
            buffer.datatype = DT_UINT16;
            break;
        case VoxelType::Float32:
            buffer.datatype = DT_FLOAT32;
            break;
    }
    writeStored(volume.geometry(), buffer, path, layout);
}

void writeNiftiMask(const VolumeGeometry& geometry, const std::vector<std::uint8_t>& mask,
                    const std::string& path, NiftiLayout layout) {
    if (mask.size() != geometry.voxelCount()) {
        throw std::invalid_argument(path + ": the mask does not match the grid");
    }
    writeStored(geometry, {mask.data(), 1, DT_UINT8}, path, layout);
}

}  // namespace crosscheck
