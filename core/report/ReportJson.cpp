#include "core/report/ReportJson.h"

#include "core/analysis/AgreementMethods.h"
#include "core/analysis/DiscrepancyAnalysis.h"
#include "core/roi/RoiJson.h"

namespace crosscheck {

namespace {

nlohmann::json vec(const Eigen::Vector3d& v) {
    return {v.x(), v.y(), v.z()};
}

nlohmann::json image(const ReportImageRef& ref) {
    nlohmann::json outline = nlohmann::json::array();
    for (const auto& p : ref.outlinePx) {
        outline.push_back({p.x(), p.y()});
    }
    return {{"sop_class_uid", ref.sopClassUid}, {"sop_instance_uid", ref.sopInstanceUid},
            {"frame_number", ref.frameNumber},  {"slice_index", ref.sliceIndex},
            {"graphic_type", ref.graphicType},  {"outline_px", outline}};
}

nlohmann::json thresholds(const DiscrepancyThresholds& t) {
    return {{"dense_hu", t.denseHu},
            {"not_dense_hu", t.notDenseHu},
            {"large_difference_hu", t.largeDifferenceHu},
            {"min_volume_mm3", t.minVolumeMm3},
            {"drop_slivers", t.dropSlivers},
            {"min_core_fraction", t.minCoreFraction}};
}

/// The links a measurement's ROI went through: name ("global" for the pair's global
/// transform), method (TransformBasis) and region (null for the whole images).
nlohmann::json transformsUsed(const std::vector<FrameLink>& links) {
    nlohmann::json list = nlohmann::json::array();
    for (const FrameLink& l : links) {
        const TransformProvenance& p = l.provenance;
        list.push_back(
            {{"name", l.name.empty() ? std::string("global") : l.name},
             {"method", toString(p.basis)},
             {"region", p.regionCentreMm ? nlohmann::json{{"center_mm", vec(*p.regionCentreMm)},
                                                          {"radius_mm", p.regionRadiusMm}}
                                         : nlohmann::json(nullptr)}});
    }
    return list;
}

}  // namespace

nlohmann::json reportToJson(const ReportModel& report) {
    const ReportProvenance& p = report.provenance;
    nlohmann::json j;
    j["schema_version"] = kReportJsonSchemaVersion;
    j["kind"] = "crosscheck_report";
    j["software"] = {{"name", p.software}, {"version", p.version}, {"git_commit", p.gitCommit}};
    j["created_at"] = p.createdAt;
    j["anonymized"] = report.anonymized;
    j["deidentification_method"] = report.deidentificationMethod;
    j["patient"] = {{"name", report.patient.name},
                    {"id", report.patient.id},
                    {"birth_date", report.patient.birthDate},
                    {"sex", report.patient.sex}};
    const ReportStudy& s = report.study;
    j["study"] = {{"study_instance_uid", s.studyInstanceUid},
                  {"study_date", s.studyDate},
                  {"study_time", s.studyTime},
                  {"description", s.description},
                  {"accession_number", s.accessionNumber},
                  {"study_id", s.studyId}};
    j["reference_frame_uid"] = report.referenceFrameUid;
    j["series"] = nlohmann::json::array();
    for (const ReportSeries& r : report.series) {
        j["series"].push_back({{"role", toString(r.role)},
                               {"series_instance_uid", r.seriesInstanceUid},
                               {"study_instance_uid", r.studyInstanceUid},
                               {"frame_of_reference_uid", r.frameOfReferenceUid},
                               {"modality", r.modality},
                               {"description", r.description},
                               {"sync_basis", r.syncBasis},
                               {"images", r.imageCount}});
    }
    const MeasureOptions& m = p.measureOptions;
    j["parameters"] = {{"ring_width_mm", m.ringWidthMm},
                       {"visible_threshold_hu", m.visibleThresholdHu},
                       {"visible_threshold_intensity",
                        m.visibleThresholdIntensity ? nlohmann::json(*m.visibleThresholdIntensity)
                                                    : nlohmann::json(nullptr)},
                       {"ct_sct_flag_mean_hu", kCtSctMeanFlagHu},
                       {"ct_sct_flag_extent_mm", kCtSctExtentFlagMm}};
    j["rois"] = nlohmann::json::array();
    for (const ReportRoi& roi : report.rois) {
        nlohmann::json r;
        r["id"] = roi.id;
        r["label"] = roi.label;
        r["tracking_uid"] = roi.trackingUid;
        r["roi"] = toJson(roi.roi);
        r["center_mm"] = vec(roi.centerMm);
        r["measurements"] = nlohmann::json::array();
        for (const ReportMeasurement& row : roi.measurements) {
            nlohmann::json mj = toJson(row.row, m);
            mj["transform"] = row.transform;
            mj["transform_used"] = transformsUsed(row.transformLinks);
            mj["image"] = row.image ? image(*row.image) : nlohmann::json(nullptr);
            r["measurements"].push_back(mj);
        }
        r["ct_minus_sct"] = roi.ctMinusSct ? toJson(*roi.ctMinusSct) : nlohmann::json(nullptr);
        j["rois"].push_back(r);
    }
    if (report.discrepancy) {
        const ReportDiscrepancy& d = *report.discrepancy;
        nlohmann::json dj;
        dj["ct_series_instance_uid"] = d.ctSeriesInstanceUid;
        dj["sct_series_instance_uid"] = d.sctSeriesInstanceUid;
        dj["transform"] = d.transform;
        dj["thresholds"] = thresholds(d.thresholds);
        dj["flags"] = nlohmann::json::array();
        for (const DiscrepancyRegion& f : d.findings) {
            dj["flags"].push_back(toJson(f));
        }
        dj["metrics"] = toJson(d.metrics);
        dj["metrics_methods"] = agreementMethods(d.metrics);
        j["discrepancy"] = dj;
    } else {
        j["discrepancy"] = nullptr;
    }
    if (report.structureAgreement) {
        const ReportStructureAgreement& a = *report.structureAgreement;
        nlohmann::json aj{{"rows", toJson(a.rows)}};
        if (a.whyNot.empty()) {
            aj["ct_series_instance_uid"] = a.ctSeriesInstanceUid;
            aj["sct_series_instance_uid"] = a.sctSeriesInstanceUid;
            aj["sorted_by"] = "mae_hu, largest first";
        } else {
            aj["why_not"] = a.whyNot;
        }
        j["structure_agreement"] = aj;
    } else {
        j["structure_agreement"] = nullptr;
    }
    j["statement"] = report.statement;
    return j;
}

}  // namespace crosscheck
