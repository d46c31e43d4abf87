#pragma once

#include <unistd.h>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "core/model/Study.h"
#include "core/phantom/PhantomStudy.h"
#include "core/phantom/PhantomWriter.h"
#include "core/report/ReportBuilder.h"
#include "core/roi/Roi.h"

// Helpers of the report tests: the small phantom written as DICOM once per test process
// (the SR must reference real files), loaded as a Study with the ground-truth CT -> MR link,
// and two ROIs on the tumour (an ellipse in the CT slice through it and a sphere).
namespace crosscheck::test {

/// A fresh folder under the system temp folder, removed with everything in it on destruction.
class ReportTempDir {
public:
    explicit ReportTempDir(const std::string& name) {
        m_path = std::filesystem::temp_directory_path() /
                 ("crosscheck-report-" + name + "-" + std::to_string(getpid()));
        std::filesystem::remove_all(m_path);
        std::filesystem::create_directories(m_path);
    }
    ~ReportTempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    ReportTempDir(const ReportTempDir&) = delete;
    ReportTempDir& operator=(const ReportTempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

struct ReportFixture {
    ReportTempDir dir{"phantom"};
    PhantomStudy phantom;
    Study study;
    std::vector<ReportRoiInput> rois;
};

inline ReportFixture& reportFixture() {
    static std::unique_ptr<ReportFixture> f;
    if (!f) {
        f = std::make_unique<ReportFixture>();
        PhantomOptions o;
        o.size = PhantomSize::Small;
        f->phantom = generatePhantomStudy(o);
        writePhantomStudy(f->dir.path() / "study", f->phantom);
        f->study = loadStudy({f->dir.path() / "study"});
        const PhantomGroundTruth& t = f->phantom.truth;
        f->study.transforms.set(t.ctFrameUid, t.mrFrameUid, t.ctToMr,
                                TransformProvenance{TransformBasis::Landmarks, 0.5});
        // The ellipse lies in the CT slice nearest the tumour's centre, as a user draws it.
        const Volume& ct = *f->study.find(SeriesRole::CT)->volume;
        Eigen::Vector3d ijk = ct.geometry().toIndex(PatientPoint{t.tumor.centerCtMm}).ijk;
        ijk.z() = std::round(ijk.z());
        const Eigen::Vector3d onSlice = ct.geometry().toPatient(VoxelIndex{ijk}).mm;
        f->rois.push_back({"1", "tumour, ellipse",
                           Roi::ellipse(t.ctFrameUid, onSlice, Eigen::Vector3d::UnitX(),
                                        Eigen::Vector3d::UnitY(), Eigen::Vector2d(4.0, 3.0))});
        f->rois.push_back(
            {"2", "tumour sphere", Roi::sphere(t.ctFrameUid, t.tumor.centerCtMm, 4.0)});
    }
    return *f;
}

inline std::string readWholeFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace crosscheck::test
