// The synthetic study of core/phantom, written to DICOM and read back: the scan finds the
// four series with the right roles and the loaded voxels are the generated ones.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>

#include "core/dicom/DicomScanner.h"
#include "core/dicom/NiftiWriter.h"
#include "core/dicom/SeriesLoader.h"
#include "core/dicom/VoxelSummary.h"
#include "core/phantom/PhantomStudy.h"
#include "core/phantom/PhantomWriter.h"
#include "tests/core/TestSupport.h"

using namespace crosscheck;
namespace fs = std::filesystem;

namespace {

const PhantomStudy& smallStudy() {
    static const PhantomStudy study = [] {
        PhantomOptions options;
        options.size = PhantomSize::Small;
        options.seed = 7;
        return generatePhantomStudy(options);
    }();
    return study;
}

struct NiftiGeometry {
    Eigen::Vector3i dims = Eigen::Vector3i::Zero();
    Eigen::Matrix4d sform = Eigen::Matrix4d::Identity();
};

// Reads dim[1..3] and srow_x/y/z of an uncompressed NIfTI-1 file (little endian).
NiftiGeometry readNifti(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    char header[348] = {};
    in.read(header, sizeof(header));
    REQUIRE(in.gcount() == 348);
    NiftiGeometry g;
    for (int a = 0; a < 3; ++a) {
        std::int16_t d = 0;
        std::memcpy(&d, header + 42 + 2 * a, 2);
        g.dims[a] = d;
    }
    float rows[12];
    std::memcpy(rows, header + 280, sizeof(rows));
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 4; ++c)
            g.sform(r, c) = rows[4 * r + c];
    return g;
}

}  // namespace

TEST_CASE("the phantom study scans as CT, T1w, T2w and sCT and loads to the generated voxels",
          "[dicom][phantom]") {
    const PhantomStudy& study = smallStudy();
    test::TempFolder dir;
    writePhantomStudy(dir.path(), study);

    const ScanResult scan = scanPaths({dir.path()});
    CHECK(scan.problems.size() == 1);  // ground_truth.json, not DICOM
    REQUIRE(scan.series.size() == 4);
    std::map<SeriesRole, const SeriesInfo*> byRole;
    for (const SeriesInfo& s : scan.series) {
        INFO(s.description << " " << toString(s.role));
        CHECK(s.warnings.empty());
        byRole[s.role] = &s;
    }
    REQUIRE(byRole.size() == 4);
    for (const PhantomSeries& generated : study.series) {
        INFO(generated.dir);
        REQUIRE(byRole.count(generated.role) == 1);
        const SeriesInfo& info = *byRole[generated.role];
        CHECK(info.seriesInstanceUid == generated.metadata.seriesInstanceUid);
        const LoadedSeries loaded = loadSeries(info);
        CHECK(loaded.volume->voxelType() == generated.volume->voxelType());
        CHECK(loaded.volume->geometry().dims() == generated.volume->geometry().dims());
        CHECK(loaded.volume->geometry().indexToPatient().isApprox(
            generated.volume->geometry().indexToPatient(), 1e-5));
        CHECK(summarizeVoxels(*loaded.volume).sha256 == summarizeVoxels(*generated.volume).sha256);
    }
}

TEST_CASE("convert gives dcm2niix's NIfTI affine on every phantom series",
          "[dicom][phantom][nifti]") {
    if (std::system("command -v dcm2niix > /dev/null 2>&1") != 0) {
        WARN("dcm2niix is not installed: comparison skipped");
        return;
    }
    test::TempFolder dir;
    writePhantomStudy(dir.path(), smallStudy());
    for (const PhantomSeries& generated : smallStudy().series) {
        INFO(generated.dir);
        const fs::path out = dir.path() / ("d2n_" + generated.dir);
        fs::create_directories(out);
        const std::string command = "dcm2niix -b n -z n -f out -o '" + out.string() + "' '" +
                                    (dir.path() / generated.dir).string() + "' > /dev/null 2>&1";
        REQUIRE(std::system(command.c_str()) == 0);
        const NiftiGeometry theirs = readNifti(out / "out.nii");

        const ScanResult scan = scanPaths({dir.path() / generated.dir});
        REQUIRE(scan.series.size() == 1);
        const LoadedSeries loaded = loadSeries(scan.series[0]);
        const NiftiLayout layout = scan.series[0].mrAcquisitionType == "3D" ? NiftiLayout::Canonical
                                                                            : NiftiLayout::FlipRows;
        const fs::path ours = dir.path() / (generated.dir + ".nii");
        writeNifti(*loaded.volume, ours.string(), layout);
        const NiftiGeometry mine = readNifti(ours);
        CHECK(mine.dims == theirs.dims);
        CHECK((mine.sform - theirs.sform).cwiseAbs().maxCoeff() < 0.01);
        CHECK((niftiIndexToRas(*loaded.volume, layout) - theirs.sform).cwiseAbs().maxCoeff() <
              0.01);
    }
}

TEST_CASE("a phantom CT copy with one slice removed is reported as a gap", "[dicom][phantom]") {
    test::TempFolder dir;
    writePhantomStudy(dir.path(), smallStudy());
    const PhantomSeries& ct = smallStudy().byRole(SeriesRole::CT);
    const DicomSeriesWriter writer(ct.metadata);
    const int slices = ct.volume->geometry().dims()[2];
    REQUIRE(fs::remove(dir.path() / "CT" / writer.fileName(slices / 2)));
    const ScanResult scan = scanPaths({dir.path() / "CT"});
    REQUIRE(scan.series.size() == 1);
    CHECK(scan.series[0].hasWarning("gap"));
    CHECK(scan.series[0].dims[2] == slices);
    CHECK(scan.series[0].files.size() == static_cast<std::size_t>(slices - 1));
}
