#include "core/phantom/PhantomWriter.h"

#include <fstream>
#include <system_error>

#include "core/dicom/DicomSeriesWriter.h"
#include "core/phantom/PhantomCohort.h"

namespace crosscheck {

namespace {
namespace fs = std::filesystem;

const char* const kSeriesDirs[] = {"CT", "T1w", "T2w", "sCT"};
constexpr const char* kTruthFile = "ground_truth.json";

bool nonEmptyDir(const fs::path& p) {
    std::error_code ec;
    return fs::is_directory(p, ec) && fs::directory_iterator(p, ec) != fs::directory_iterator();
}

/// Removes, on destruction unless released, the folders and files a writer created.
class Rollback {
public:
    void add(const fs::path& p) { m_paths.push_back(p); }
    void release() { m_paths.clear(); }
    ~Rollback() {
        for (const auto& p : m_paths) {
            std::error_code ec;
            fs::remove_all(p, ec);
        }
    }

private:
    std::vector<fs::path> m_paths;
};

}  // namespace

void checkPhantomTarget(const fs::path& studyDir) {
    std::error_code ec;
    if (fs::exists(studyDir, ec) && !fs::is_directory(studyDir, ec)) {
        throw PhantomOutputError(studyDir.string() + ": exists and is not a folder");
    }
    for (const char* dir : kSeriesDirs) {
        const fs::path p = studyDir / dir;
        if (fs::exists(p, ec) && (!fs::is_directory(p, ec) || nonEmptyDir(p))) {
            throw PhantomOutputError(
                p.string() +
                ": already exists and is not empty; refusing to mix a new phantom "
                "series with existing files (choose an empty OUTDIR)");
        }
    }
    if (fs::exists(studyDir / kTruthFile, ec)) {
        throw PhantomOutputError((studyDir / kTruthFile).string() +
                                 ": already exists; refusing to overwrite it");
    }
}

void writePhantomStudy(const fs::path& studyDir, const PhantomStudy& study,
                       const Progress& progress) {
    checkPhantomTarget(studyDir);
    Rollback rollback;
    std::error_code ec;
    if (!fs::exists(studyDir, ec)) {
        fs::create_directories(studyDir, ec);
        if (ec) {
            throw PhantomOutputError(studyDir.string() + ": cannot create folder: " + ec.message());
        }
        rollback.add(studyDir);
    }
    std::size_t totalSlices = 0, doneSlices = 0;
    for (const auto& s : study.series) {
        totalSlices += static_cast<std::size_t>(s.volume->geometry().dims()[2]);
    }
    for (const auto& s : study.series) {
        const fs::path dir = studyDir / s.dir;
        rollback.add(dir);
        const std::size_t n = static_cast<std::size_t>(s.volume->geometry().dims()[2]);
        const double from = static_cast<double>(doneSlices) / totalSlices;
        const double to = static_cast<double>(doneSlices + n) / totalSlices;
        try {
            DicomSeriesWriter(s.metadata)
                .write(*s.volume, dir, progress.subRange(from, to), study.options.threads);
        } catch (const Cancelled&) {
            throw;
        } catch (const std::exception& e) {
            throw PhantomOutputError(e.what());
        }
        doneSlices += n;
    }
    const fs::path truthPath = studyDir / kTruthFile;
    const fs::path tmp = studyDir / (std::string(kTruthFile) + ".tmp");
    rollback.add(tmp);
    rollback.add(truthPath);
    {
        std::ofstream out(tmp);
        out << toJson(study.truth).dump(2) << "\n";
        if (!out) {
            throw PhantomOutputError(tmp.string() + ": cannot write");
        }
    }
    fs::rename(tmp, truthPath, ec);
    if (ec) {
        throw PhantomOutputError(truthPath.string() + ": cannot write: " + ec.message());
    }
    rollback.release();
}

std::vector<PhantomGroundTruth> writePhantomStudy(const fs::path& outDir,
                                                  const PhantomOptions& options,
                                                  const Progress& progress) {
    std::vector<PhantomGroundTruth> truths;
    if (options.patients <= 0) {
        checkPhantomTarget(outDir);
        const PhantomStudy study = generatePhantomStudy(options, progress.subRange(0.0, 0.7));
        writePhantomStudy(outDir, study, progress.subRange(0.7, 1.0));
        truths.push_back(study.truth);
        return truths;
    }
    const int n = options.patients;
    for (int p = 1; p <= n; ++p) {
        checkPhantomTarget(outDir / cohortPatientFolder(p));
    }
    for (int p = 1; p <= n; ++p) {
        const double from = static_cast<double>(p - 1) / n, to = static_cast<double>(p) / n;
        const PhantomOptions patient = cohortPatientOptions(options, p, n);
        const PhantomStudy study =
            generatePhantomStudy(patient, progress.subRange(from, from + 0.7 * (to - from)));
        writePhantomStudy(outDir / cohortPatientFolder(p), study,
                          progress.subRange(from + 0.7 * (to - from), to));
        truths.push_back(study.truth);
    }
    return truths;
}

}  // namespace crosscheck
