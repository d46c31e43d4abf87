#include "core/report/ReportAnonymizer.h"

namespace crosscheck {

ReportModel anonymizeReport(const ReportModel& report, UidRemapper& uids) {
    ReportModel out = report;
    out.patient = {"ANONYMIZED^PATIENT", "ANONYMIZED", {}, {}};
    out.study.studyInstanceUid = uids.map(report.study.studyInstanceUid);
    out.study.studyDate.clear();
    out.study.studyTime.clear();
    out.study.description.clear();
    out.study.accessionNumber.clear();
    out.study.studyId.clear();
    out.referenceFrameUid = uids.map(report.referenceFrameUid);
    for (ReportSeries& s : out.series) {
        s.seriesInstanceUid = uids.map(s.seriesInstanceUid);
        s.studyInstanceUid = uids.map(s.studyInstanceUid);
        s.frameOfReferenceUid = uids.map(s.frameOfReferenceUid);
        s.description.clear();
    }
    for (ReportRoi& r : out.rois) {
        r.trackingUid = uids.map(r.trackingUid);
        r.roi.frameOfReferenceUid = uids.map(r.roi.frameOfReferenceUid);
        for (ReportMeasurement& m : r.measurements) {
            m.row.seriesInstanceUid = uids.map(m.row.seriesInstanceUid);
            m.row.frameOfReferenceUid = uids.map(m.row.frameOfReferenceUid);
            if (m.image) {
                m.image->sopInstanceUid = uids.map(m.image->sopInstanceUid);
            }
        }
    }
    if (out.discrepancy) {
        out.discrepancy->ctSeriesInstanceUid = uids.map(out.discrepancy->ctSeriesInstanceUid);
        out.discrepancy->sctSeriesInstanceUid = uids.map(out.discrepancy->sctSeriesInstanceUid);
    }
    if (out.structureAgreement) {
        auto& a = *out.structureAgreement;
        a.ctSeriesInstanceUid = uids.map(a.ctSeriesInstanceUid);
        a.sctSeriesInstanceUid = uids.map(a.sctSeriesInstanceUid);
    }
    out.anonymized = true;
    out.deidentificationMethod = kReportDeidentificationMethod;
    return out;
}

}  // namespace crosscheck
