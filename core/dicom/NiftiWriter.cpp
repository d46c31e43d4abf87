#include "core/dicom/NiftiWriter.h"

#include <zlib.h>

#include <Eigen/Dense>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <vector>

namespace crosscheck {

namespace {

#pragma pack(push, 1)
struct Nifti1Header {
    std::int32_t sizeof_hdr = 348;
    char data_type[10] = {};
    char db_name[18] = {};
    std::int32_t extents = 0;
    std::int16_t session_error = 0;
    char regular = 'r';
    char dim_info = 0;
    std::int16_t dim[8] = {};
    float intent_p1 = 0, intent_p2 = 0, intent_p3 = 0;
    std::int16_t intent_code = 0;
    std::int16_t datatype = 0;
    std::int16_t bitpix = 0;
    std::int16_t slice_start = 0;
    float pixdim[8] = {};
    float vox_offset = 352;
    float scl_slope = 1, scl_inter = 0;
    std::int16_t slice_end = 0;
    char slice_code = 0;
    char xyzt_units = 10;  // mm and seconds
    float cal_max = 0, cal_min = 0, slice_duration = 0, toffset = 0;
    std::int32_t glmax = 0, glmin = 0;
    char descrip[80] = {};
    char aux_file[24] = {};
    std::int16_t qform_code = 1, sform_code = 1;
    float quatern_b = 0, quatern_c = 0, quatern_d = 0, qoffset_x = 0, qoffset_y = 0, qoffset_z = 0;
    float srow_x[4] = {}, srow_y[4] = {}, srow_z[4] = {};
    char intent_name[16] = {};
    char magic[4] = {'n', '+', '1', '\0'};
};
#pragma pack(pop)
static_assert(sizeof(Nifti1Header) == 348, "NIfTI-1 header must be 348 bytes");

// The qform quaternion of the rotation nearest to the matrix's direction part
// (the method of nifti1_io's nifti_mat44_to_quatern).
void setQuaternion(const Eigen::Matrix4d& m, Nifti1Header& h) {
    Eigen::Matrix3d r;
    for (int c = 0; c < 3; ++c) {
        r.col(c) = m.block<3, 1>(0, c).normalized();
    }
    // Nearest orthogonal matrix (polar decomposition), so shear does not break it.
    Eigen::JacobiSVD<Eigen::Matrix3d> svd(r, Eigen::ComputeFullU | Eigen::ComputeFullV);
    r = svd.matrixU() * svd.matrixV().transpose();
    double qfac = 1.0;
    if (r.determinant() < 0) {
        r.col(2) = -r.col(2);
        qfac = -1.0;
    }
    Eigen::Quaterniond q(r);
    q.normalize();
    if (q.w() < 0) {
        q.coeffs() = -q.coeffs();
    }
    h.quatern_b = static_cast<float>(q.x());
    h.quatern_c = static_cast<float>(q.y());
    h.quatern_d = static_cast<float>(q.z());
    h.qoffset_x = static_cast<float>(m(0, 3));
    h.qoffset_y = static_cast<float>(m(1, 3));
    h.qoffset_z = static_cast<float>(m(2, 3));
    h.pixdim[0] = static_cast<float>(qfac);
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
    std::int16_t datatype = 0;
};

void writeStored(const VolumeGeometry& geometry, const VoxelBuffer& buffer, const std::string& path,
                 NiftiLayout layout) {
    const auto& dims = geometry.dims();
    const StoredLayout stored = layoutFor(geometry, layout);
    Eigen::Vector3i storedDims;
    for (int a = 0; a < 3; ++a) {
        storedDims[a] = dims[stored.axis[static_cast<std::size_t>(a)]];
    }
    Nifti1Header h;
    h.dim[0] = 3;
    for (int a = 0; a < 3; ++a) {
        if (storedDims[a] > 32767) {
            throw std::runtime_error(path + ": dimension " + std::to_string(storedDims[a]) +
                                     " too large for NIfTI-1");
        }
        h.dim[a + 1] = static_cast<std::int16_t>(storedDims[a]);
    }
    h.dim[4] = h.dim[5] = h.dim[6] = h.dim[7] = 1;
    h.datatype = buffer.datatype;
    h.bitpix = static_cast<std::int16_t>(8 * buffer.voxelBytes);
    const Eigen::Matrix4d m = indexToRas(geometry, layout);
    setQuaternion(m, h);
    const Eigen::Vector3d spacing = geometry.spacingMm();
    for (int a = 0; a < 3; ++a) {
        h.pixdim[a + 1] = static_cast<float>(spacing[stored.axis[static_cast<std::size_t>(a)]]);
    }
    for (int c = 0; c < 4; ++c) {
        h.srow_x[c] = static_cast<float>(m(0, c));
        h.srow_y[c] = static_cast<float>(m(1, c));
        h.srow_z[c] = static_cast<float>(m(2, c));
    }
    std::strncpy(h.descrip, "crosscheck", sizeof(h.descrip) - 1);

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
            buffer.datatype = 4;
            break;
        case VoxelType::UInt16:
            buffer.datatype = 512;
            break;
        case VoxelType::Float32:
            buffer.datatype = 16;
            break;
    }
    writeStored(volume.geometry(), buffer, path, layout);
}

void writeNiftiMask(const VolumeGeometry& geometry, const std::vector<std::uint8_t>& mask,
                    const std::string& path, NiftiLayout layout) {
    if (mask.size() != geometry.voxelCount()) {
        throw std::invalid_argument(path + ": the mask does not match the grid");
    }
    writeStored(geometry, {mask.data(), 1, 2}, path, layout);  // 2: DT_UNSIGNED_CHAR
}

}  // namespace crosscheck
