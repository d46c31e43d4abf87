#include "core/cohort/PatientWork.h"

#include <chrono>
#include <stdexcept>

#include "core/analysis/DiscrepancyAnalysis.h"
#include "core/analysis/StudyComparison.h"
#include "core/cohort/DatabaseStudies.h"
#include "core/cohort/PatientSession.h"
#include "core/dicom/DicomScanner.h"
#include "core/findings/FindingMeasurement.h"
#include "core/geometry/RigidTransform.h"
#include "core/registration/RigidMiRegistration.h"
#include "core/session/SessionFile.h"

namespace crosscheck {

namespace {

/// Thrown inside runPatient to end it with a failed result and this reason.
struct PatientFailure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

const SeriesInfo& firstOfRole(const ScanResult& scan, SeriesRole role, const std::string& where) {
    for (const SeriesInfo& s : scan.series) {
        if (s.role == role) {
            return s;
        }
    }
    std::string why = "no " + std::string(toString(role)) + " series in " + where;
    int unreadable = 0;
    const ScanProblem* first = nullptr;
    for (const ScanProblem& problem : scan.problems) {
        if (!isNotDicom(problem)) {
            ++unreadable;
            first = first ? first : &problem;
        }
    }
    if (first) {
        why += " (" + std::to_string(unreadable) +
               " DICOM file(s) unreadable, first: " + first->file + ": " + first->reason + ")";
    }
    throw PatientFailure(why);
}

/// A file in the series' folder that the scan could not read makes the series unreadable:
/// measuring what is left (a CT with a gap) would silently change the result.
void requireWholeSeries(const ScanResult& scan, const SeriesInfo& info, SeriesRole role) {
    if (info.files.empty()) {
        return;
    }
    const std::filesystem::path folder = std::filesystem::path(info.files.front()).parent_path();
    int unreadable = 0;
    const ScanProblem* first = nullptr;
    for (const ScanProblem& problem : scan.problems) {
        if (!isNotDicom(problem) && std::filesystem::path(problem.file).parent_path() == folder) {
            ++unreadable;
            first = first ? first : &problem;
        }
    }
    if (first) {
        throw PatientFailure("unreadable " + std::string(toString(role)) + " series " +
                             info.seriesInstanceUid + ": " + std::to_string(unreadable) +
                             " file(s) in " + folder.string() + " could not be read (" +
                             first->file + ": " + first->reason + ")");
    }
}

LoadedSeries loadAs(const SeriesInfo& info, SeriesRole role) {
    LoadedSeries loaded;
    try {
        loaded = loadSeries(info);
    } catch (const std::exception& e) {
        throw PatientFailure("unreadable " + std::string(toString(role)) + " series " +
                             info.seriesInstanceUid + ": " + e.what());
    }
    if (loaded.volume->voxelType() != VoxelType::Int16) {
        throw PatientFailure("the " + std::string(toString(role)) + " series " +
                             info.seriesInstanceUid + " does not hold int16 Hounsfield units");
    }
    loaded.info.role = role;
    return loaded;
}

const RoiMeasurement* rowOf(const MeasuredFinding& finding, SeriesRole role) {
    for (const SeriesMeasurement& row : finding.measurements) {
        if (row.role == role && row.measurement.hasNumbers) {
            return &row.measurement;
        }
    }
    return nullptr;
}

/// Fills the sizes of one plane (axial or sagittal) from its measured finding.
void takeSizes(const MeasuredFinding& finding, PatientResult& r) {
    const bool axial = finding.plane == FindingPlane::Axial;
    PairedValue& longMm = axial ? r.axialLongMm : r.sagittalLongMm;
    PairedValue& shortMm = axial ? r.axialShortMm : r.sagittalShortMm;
    for (const SeriesRole role : {SeriesRole::CT, SeriesRole::sCT}) {
        const RoiMeasurement* m = rowOf(finding, role);
        if (!m) {
            continue;
        }
        const auto& size = axial ? m->visibleAxialMm : m->visibleSagittalMm;
        if (!size) {
            continue;
        }
        const bool ct = role == SeriesRole::CT;
        (ct ? longMm.ct : longMm.sct) = (*size)[0];
        (ct ? shortMm.ct : shortMm.sct) = (*size)[1];
        if ((*size)[0] > 0.0) {
            (ct ? r.visibleOnCt : r.visibleOnSct) = true;
        }
    }
}

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point& since) {
    const Clock::time_point now = Clock::now();
    const double ms = std::chrono::duration<double, std::milli>(now - since).count();
    since = now;
    return ms;
}

/// What one patient's work reads: the scan of its series, where they were found (for
/// messages), and its saved session if it has one.
struct PatientInput {
    ScanResult scan;
    std::string where;
    std::optional<std::filesystem::path> session;
};

/// A study folder: walked; a database study: only the files the database indexes for it.
PatientInput readInput(const std::string& study) {
    PatientInput input;
    if (isDatabaseStudy(study)) {
        const DatabaseStudy db = parseDatabaseStudy(study);
        std::vector<std::filesystem::path> files;
        try {
            files = databaseStudyFiles(db);
        } catch (const std::exception& e) {
            throw PatientFailure(e.what());
        }
        input.scan = scanPaths(files);
        input.where = "study " + db.studyInstanceUid + " of " + db.database.string();
        return input;
    }
    input.scan = scanPaths({std::filesystem::path(study)});
    input.where = study;
    try {
        input.session = findPatientSession(study);
    } catch (const std::exception& e) {
        throw PatientFailure(e.what());
    }
    return input;
}

/// The patient's saved session's ROIs; false when it has none to measure.
bool measureSession(const std::filesystem::path& file, Study& study, PatientResult& r) {
    try {
        return measureSessionRois(loadSession(file).document, file, study, r);
    } catch (const std::exception& e) {
        throw PatientFailure(e.what());
    }
}

void analysePatient(const std::string& source, PatientResult& r) {
    Clock::time_point stage = Clock::now();
    const PatientInput input = readInput(source);
    const ScanResult& scan = input.scan;
    const SeriesInfo& ctInfo = firstOfRole(scan, SeriesRole::CT, input.where);
    const SeriesInfo& sctInfo = firstOfRole(scan, SeriesRole::sCT, input.where);
    r.ctSeriesUid = ctInfo.seriesInstanceUid;
    r.sctSeriesUid = sctInfo.seriesInstanceUid;
    requireWholeSeries(scan, ctInfo, SeriesRole::CT);
    requireWholeSeries(scan, sctInfo, SeriesRole::sCT);

    Study study;
    study.referenceFrameUid = ctInfo.frameOfReferenceUid;
    study.series = {loadAs(ctInfo, SeriesRole::CT), loadAs(sctInfo, SeriesRole::sCT)};
    for (const LoadedSeries& s : study.series) {
        for (const std::string& warning : s.warnings) {
            r.warnings.push_back(std::string(toString(s.info.role)) + ": " + warning);
        }
    }
    r.timingsMs.load = msSince(stage);
    const std::string& ctFrame = ctInfo.frameOfReferenceUid;
    const std::string& sctFrame = sctInfo.frameOfReferenceUid;
    r.registration = "same-frame";
    r.ctToSct = Eigen::Matrix4d::Identity();
    if (ctFrame.empty() || ctFrame != sctFrame) {
        r.registration = "rigid-mi";
        try {
            const RigidMiResult reg =
                registerRigidMi(*study.series[0].volume, *study.series[1].volume);
            TransformProvenance provenance;
            provenance.basis = TransformBasis::AutomaticMi;
            r.ctToSct = rigidInverse(reg.movingToFixed);
            study.transforms.set(ctFrame, sctFrame, *r.ctToSct, provenance);
        } catch (const std::exception& e) {
            r.ctToSct.reset();
            throw PatientFailure(std::string("registration of the sCT onto the CT failed: ") +
                                 e.what());
        }
        r.timingsMs.registration = msSince(stage);
    }
    const StudyComparison comparison = comparisonInputs(study);
    if (!comparison.inputs) {
        throw PatientFailure(comparison.whyNot);
    }
    const DiscrepancyResult result = analyzeDiscrepancy(*comparison.inputs);
    r.timingsMs.analysis = msSince(stage);
    r.metrics = toJson(result.difference->metrics());
    for (const DiscrepancyRegion& region : result.regions) {
        r.flags.push_back(toJson(region));
    }
    if (input.session && measureSession(*input.session, study, r)) {
        r.timingsMs.measurement = msSince(stage);
        return;
    }
    const DiscrepancyRegion* top = nullptr;
    for (const DiscrepancyRegion& region : result.regions) {
        if (region.kind == DiscrepancyKind::CtDenseSctNot) {
            top = &region;
            break;
        }
    }
    if (!top) {
        return;
    }
    r.hasFinding = true;
    r.roiSource = "finding";
    if (top->attenuation) {
        r.meanHu = {top->attenuation->ctMeanHu, top->attenuation->sctMeanHu};
    }
    const std::vector<MeasuredFinding> measured =
        measureFindings({*top}, study, comparison.inputs->ct->geometry(), ctFrame);
    for (const MeasuredFinding& finding : measured) {
        takeSizes(finding, r);
    }
    r.timingsMs.measurement = msSince(stage);
}

}  // namespace

std::string patientName(const std::filesystem::path& studyFolder) {
    const std::string text = studyFolder.string();
    if (isDatabaseStudy(text)) {
        // "db:UID@FILE" names UID (parsed by hand: a name must never throw).
        const std::size_t from = std::string(kDatabaseStudyPrefix).size();
        return text.substr(from, text.find('@', from) - from);
    }
    std::filesystem::path p = studyFolder;
    if (p.filename().empty()) {
        p = p.parent_path();  // "P001/" names P001
    }
    return p.filename().string();
}

PatientResult runPatient(const std::filesystem::path& studyFolder) {
    const auto start = std::chrono::steady_clock::now();
    PatientResult r;
    r.patient = patientName(studyFolder);
    r.study = studyFolder.string();
    try {
        if (isDatabaseStudy(r.study)) {
            const DatabaseStudy db = parseDatabaseStudy(r.study);
            r.study = kDatabaseStudyPrefix + db.studyInstanceUid;
            r.database = db.database.string();
        }
        analysePatient(studyFolder.string(), r);
        r.done = true;
    } catch (const std::exception& e) {
        r.done = false;
        r.reason = e.what();
        r.hasFinding = false;
        r.axialLongMm = r.axialShortMm = r.sagittalLongMm = r.sagittalShortMm = r.meanHu = {};
        r.visibleOnCt = r.visibleOnSct = false;
        r.ctToSct.reset();
        r.roiSource.clear();
        r.sessionFile.clear();
    }
    r.ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return r;
}

}  // namespace crosscheck
