#include "core/report/ReportBuilder.h"

#include <chrono>
#include <ctime>

#include "core/Version.h"
#include "core/analysis/DifferenceVolume.h"
#include "core/analysis/DiscrepancyAnalysis.h"
#include "core/analysis/StudyComparison.h"
#include "core/report/ReportDicomHeader.h"
#include "core/report/ReportImageLocator.h"
#include "core/roi/RoiDrawing.h"
#include "core/roi/StudyMeasurement.h"

namespace crosscheck {

namespace {

std::string utcNow() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

/// A tracking UID derived from the study and the ROI's position in the list: stable for
/// the same export input, distinct per ROI. 2.25 + decimal digits (PS3.5 B.2).
std::string trackingUid(const std::string& studyUid, std::size_t index) {
    const std::size_t h1 = std::hash<std::string>{}(studyUid + "#roi#" + std::to_string(index));
    const std::size_t h2 =
        std::hash<std::string>{}(std::to_string(index) + "#tracking#" + studyUid);
    return "2.25." + std::to_string(h1 | (std::size_t{1} << 63)) +
           std::to_string(h2 % 10000000000000000000ull);
}

void fillPatientAndStudy(const Study& study, ReportModel& model) {
    for (const LoadedSeries& s : study.series) {
        for (const SliceRef& slice : s.info.slices) {
            if (slice.missing || slice.file.empty()) {
                continue;
            }
            if (const auto h = readReportDicomHeader(slice.file)) {
                model.patient = {h->patientName, h->patientId, h->patientBirthDate, h->patientSex};
                model.study = {h->studyInstanceUid, h->studyDate,       h->studyTime,
                               h->studyDescription, h->accessionNumber, h->studyId};
                return;
            }
        }
    }
    // No readable file (a study built in memory): what the scan kept.
    if (!study.series.empty()) {
        const SeriesInfo& i = study.series.front().info;
        model.patient = {i.patientName, i.patientId, {}, {}};
        model.study.studyInstanceUid = i.studyInstanceUid;
        model.study.studyDate = i.studyDate;
        model.study.description = i.studyDescription;
    }
}

/// The table "sCT agreement per structure" over the imported ROIs, or empty when none was
/// imported. The same computation as `measure --labels` (structureAgreement on the CT and
/// the sCT that comparisonInputs picks).
std::optional<ReportStructureAgreement> structureAgreementOf(
    const Study& study, const std::vector<ReportRoiInput>& rois) {
    std::vector<ImportedRoi> structures;
    for (const ReportRoiInput& input : rois) {
        if (input.roi.importedFrom) {
            structures.push_back({input.label.empty() ? input.id : input.label, input.roi});
        }
    }
    if (structures.empty()) {
        return std::nullopt;
    }
    ReportStructureAgreement out;
    const StudyComparison pair = comparisonInputs(study);
    if (!pair.inputs) {
        out.whyNot = pair.whyNot;
        return out;
    }
    out.ctSeriesInstanceUid = pair.ct->info.seriesInstanceUid;
    out.sctSeriesInstanceUid = pair.sct->info.seriesInstanceUid;
    try {
        const auto difference = DifferenceVolume::compute(pair.inputs->ct, *pair.inputs->sct,
                                                          pair.inputs->ctToSct.matrix());
        out.rows = structureAgreement(*difference, structures, study.transforms,
                                      pair.ct->info.frameOfReferenceUid);
    } catch (const std::exception& e) {
        out.whyNot = e.what();
    }
    return out;
}

}  // namespace

const ReportSeries* ReportModel::findSeries(const std::string& uid) const {
    for (const auto& s : series) {
        if (s.seriesInstanceUid == uid) {
            return &s;
        }
    }
    return nullptr;
}

ReportModel buildReport(const Study& study, const std::vector<ReportRoiInput>& rois,
                        const ReportOptions& options,
                        const std::optional<ReportDiscrepancy>& discrepancy) {
    ReportModel model;
    fillPatientAndStudy(study, model);
    model.referenceFrameUid = study.referenceFrameUid;
    for (const LoadedSeries& s : study.series) {
        ReportSeries r;
        r.role = s.info.role;
        r.seriesInstanceUid = s.info.seriesInstanceUid;
        r.studyInstanceUid = s.info.studyInstanceUid;
        r.frameOfReferenceUid = s.info.frameOfReferenceUid;
        r.modality = s.info.modality;
        r.description = s.info.description;
        r.syncBasis = study.transforms.badge(s.info.frameOfReferenceUid, study.referenceFrameUid);
        r.imageCount = static_cast<int>(s.info.files.size());
        model.series.push_back(r);
    }
    for (std::size_t n = 0; n < rois.size(); ++n) {
        const ReportRoiInput& input = rois[n];
        ReportRoi roi;
        roi.id = input.id.empty() ? std::to_string(n + 1) : input.id;
        roi.label = input.label.empty() ? "ROI " + roi.id : input.label;
        roi.trackingUid = trackingUid(model.study.studyInstanceUid, n);
        roi.roi = input.roi;
        roi.centerMm = roiAnchorMm(input.roi);
        const std::vector<SeriesMeasurement> rows =
            measureInStudy(input.roi, study, options.measure);
        // The transforms the ROI was measured through (a "nearest" pick: nearest the ROI).
        const FrameTransforms transforms = roiTransforms(input.roi, study.transforms);
        for (std::size_t i = 0; i < rows.size() && i < study.series.size(); ++i) {
            const LoadedSeries& series = study.series[i];
            ReportMeasurement m;
            m.row = rows[i];
            m.transform =
                transforms.badge(input.roi.frameOfReferenceUid, series.info.frameOfReferenceUid);
            m.transformLinks =
                transforms.path(input.roi.frameOfReferenceUid, series.info.frameOfReferenceUid)
                    .value_or(std::vector<FrameLink>{});
            if (rows[i].measurement.hasNumbers) {
                if (const auto toSeries = transforms.transform(input.roi.frameOfReferenceUid,
                                                               series.info.frameOfReferenceUid)) {
                    m.image = locateReportImage(
                        input.roi.transformed(*toSeries, series.info.frameOfReferenceUid), series);
                }
            }
            roi.measurements.push_back(m);
        }
        roi.ctMinusSct = compareCtSct(rows);
        model.rois.push_back(roi);
    }
    model.discrepancy = discrepancy;
    model.structureAgreement = structureAgreementOf(study, rois);
    model.provenance.version = versionString();
    model.provenance.gitCommit = gitCommit();
    model.provenance.createdAt = options.createdAt.empty() ? utcNow() : options.createdAt;
    model.provenance.measureOptions = options.measure;
    return model;
}

std::optional<ReportDiscrepancy> runReportDiscrepancy(const Study& study,
                                                      const DiscrepancyThresholds& thresholds,
                                                      std::string* whyNot,
                                                      const Progress& progress) {
    auto fail = [whyNot](const std::string& reason) {
        if (whyNot) {
            *whyNot = reason;
        }
        return std::nullopt;
    };
    const StudyComparison comparison = comparisonInputs(study);
    if (!comparison.inputs) {
        return fail(comparison.whyNot);
    }
    const DiscrepancyResult result =
        analyzeDiscrepancy(*comparison.inputs, thresholds, {}, progress);
    return reportDiscrepancyOf(study, result, thresholds);
}

std::optional<ReportDiscrepancy> reportDiscrepancyOf(const Study& study,
                                                     const DiscrepancyResult& result,
                                                     const DiscrepancyThresholds& thresholds) {
    const StudyComparison comparison = comparisonInputs(study);
    if (!comparison.ct || !comparison.sct || !result.difference) {
        return std::nullopt;
    }
    ReportDiscrepancy d;
    d.ctSeriesInstanceUid = comparison.ct->info.seriesInstanceUid;
    d.sctSeriesInstanceUid = comparison.sct->info.seriesInstanceUid;
    d.transform = study.transforms.badge(comparison.ct->info.frameOfReferenceUid,
                                         comparison.sct->info.frameOfReferenceUid);
    d.thresholds = thresholds;
    // With their voxel runs: the PDF's 3D key images draw each region's own surface.
    d.findings = result.regions;
    d.metrics = result.difference->metrics();
    return d;
}

}  // namespace crosscheck
