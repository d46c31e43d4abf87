// Writes the load benchmark's CT series: 512 x 512 x N slices (default 300) of int16 HU,
// a noisy body ellipse with a spine-like dense core, as single-frame Explicit VR Little
// Endian files. Usage: make_bench_series OUTDIR [SLICES]
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <random>

#include "core/dicom/DicomSeriesWriter.h"
#include "core/util/ParallelFor.h"

using namespace crosscheck;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: make_bench_series OUTDIR [SLICES]\n";
        return 2;
    }
    const int slices = argc > 2 ? std::atoi(argv[2]) : 300;
    const Eigen::Vector3i dims(512, 512, slices);
    Eigen::Matrix4d m = Eigen::Matrix4d::Identity();
    m(0, 0) = m(1, 1) = 0.7;
    m(2, 2) = 1.0;
    m.block<3, 1>(0, 3) = Eigen::Vector3d(-179.0, -179.0, -150.0);
    Volume v(VolumeGeometry(dims, m), VoxelType::Int16);
    parallelFor(slices, [&](int begin, int end) {
        for (int k = begin; k < end; ++k) {
            std::mt19937 random(static_cast<unsigned>(k));
            std::normal_distribution<double> noise(0.0, 12.0);
            auto* p = v.voxels<std::int16_t>() + v.offset(0, 0, k);
            for (int j = 0; j < 512; ++j) {
                for (int i = 0; i < 512; ++i) {
                    const double x = (i - 256) / 200.0, y = (j - 256) / 150.0;
                    const double r2 = x * x + y * y;
                    const double bx = (i - 256) / 30.0, by = (j - 330) / 30.0;
                    double hu = r2 < 1.0 ? 40.0 : -1000.0;
                    if (bx * bx + by * by < 1.0) {
                        hu = 700.0 + 200.0 * std::sin(k * 0.2);
                    }
                    p[j * 512 + i] = static_cast<std::int16_t>(
                        std::lround(hu + (r2 < 1.0 ? noise(random) : 0.0)));
                }
            }
        }
    });
    DicomSeriesMetadata meta;
    meta.kind = DicomImageKind::CT;
    meta.patientName = "BENCH^LOAD";
    meta.patientId = "BENCH";
    meta.studyInstanceUid = "1.2.826.0.1.3680043.2.1125.99";
    meta.seriesInstanceUid = "1.2.826.0.1.3680043.2.1125.99.1";
    meta.frameOfReferenceUid = "1.2.826.0.1.3680043.2.1125.99.2";
    meta.sopInstanceUidPrefix = "1.2.826.0.1.3680043.2.1125.99.1";
    meta.seriesDescription = "bench CT 512x512";
    meta.imageType = "ORIGINAL\\PRIMARY\\AXIAL";
    meta.rescaleIntercept = -1024.0;
    DicomSeriesWriter(meta).write(v, argv[1]);
    return 0;
}
