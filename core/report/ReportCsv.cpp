#include "core/report/ReportCsv.h"

#include <charconv>
#include <optional>

namespace crosscheck {

namespace {

std::string number(double v) {
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, v);
    return std::string(buffer, result.ptr);
}

std::string number(const std::optional<double>& v) {
    return v ? number(*v) : std::string();
}

/// One of [long, short], empty when the pair is absent.
std::string pairPart(const std::optional<Eigen::Vector2d>& pair, int i) {
    return pair ? number((*pair)[i]) : std::string();
}

std::string csvField(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) {
        return text;
    }
    std::string out = "\"";
    for (char c : text) {
        out += c;
        if (c == '"') {
            out += '"';
        }
    }
    return out + "\"";
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : "; ") + item;
    }
    return out;
}

}  // namespace

const std::vector<std::string>& reportCsvColumns() {
    static const std::vector<std::string> columns{"roi_id",
                                                  "roi_label",
                                                  "roi_shape",
                                                  "roi_frame_of_reference_uid",
                                                  "roi_center_x_mm",
                                                  "roi_center_y_mm",
                                                  "roi_center_z_mm",
                                                  "role",
                                                  "series_instance_uid",
                                                  "modality",
                                                  "unit",
                                                  "has_numbers",
                                                  "mean",
                                                  "sd",
                                                  "median",
                                                  "min",
                                                  "max",
                                                  "p5",
                                                  "p95",
                                                  "count",
                                                  "area_mm2",
                                                  "volume_mm3",
                                                  "long_axis_mm",
                                                  "short_axis_mm",
                                                  "visible_extent_mm",
                                                  "visible_axial_long_mm",
                                                  "visible_axial_short_mm",
                                                  "visible_sagittal_long_mm",
                                                  "visible_sagittal_short_mm",
                                                  "visible_threshold",
                                                  "mean_ring",
                                                  "contrast",
                                                  "ring_width_mm",
                                                  "transform",
                                                  "transform_name",
                                                  "transform_region",
                                                  "sop_instance_uid",
                                                  "ct_minus_sct_mean_hu",
                                                  "ct_minus_sct_extent_mm",
                                                  "ct_minus_sct_axial_long_mm",
                                                  "ct_minus_sct_axial_short_mm",
                                                  "ct_minus_sct_sagittal_long_mm",
                                                  "ct_minus_sct_sagittal_short_mm",
                                                  "ct_sct_flagged",
                                                  "ct_sct_reasons",
                                                  "warnings",
                                                  "software_version",
                                                  "git_commit",
                                                  "created_at"};
    return columns;
}

namespace {

/// "global", a local registration's name, or a chain joined by " -> " ("" for none).
std::string transformNames(const std::vector<FrameLink>& links) {
    std::string text;
    for (const FrameLink& l : links) {
        text += (text.empty() ? "" : " -> ") + (l.name.empty() ? std::string("global") : l.name);
    }
    return text;
}

/// "x y z r" (mm) of each link's region, "" for a link without one; joined by " -> ".
std::string transformRegions(const std::vector<FrameLink>& links) {
    std::string text;
    for (std::size_t i = 0; i < links.size(); ++i) {
        const TransformProvenance& p = links[i].provenance;
        text += i ? " -> " : "";
        if (p.regionCentreMm) {
            text += number(p.regionCentreMm->x()) + " " + number(p.regionCentreMm->y()) + " " +
                    number(p.regionCentreMm->z()) + " " + number(p.regionRadiusMm);
        }
    }
    return text;
}

}  // namespace

std::string reportToCsv(const ReportModel& report) {
    std::string csv;
    for (const auto& c : reportCsvColumns()) {
        csv += (csv.empty() ? "" : ",") + c;
    }
    csv += "\r\n";
    for (const ReportRoi& roi : report.rois) {
        for (const ReportMeasurement& m : roi.measurements) {
            const RoiMeasurement& r = m.row.measurement;
            const bool n = r.hasNumbers;
            auto value = [n](double v) { return n ? number(v) : std::string(); };
            const ReportSeries* series = report.findSeries(m.row.seriesInstanceUid);
            const bool ctOrSct = m.row.role == SeriesRole::CT || m.row.role == SeriesRole::sCT;
            const auto& d = roi.ctMinusSct;
            std::vector<std::string> cells{
                roi.id,
                roi.label,
                toString(roi.roi.shape),
                roi.roi.frameOfReferenceUid,
                number(roi.centerMm.x()),
                number(roi.centerMm.y()),
                number(roi.centerMm.z()),
                toString(m.row.role),
                m.row.seriesInstanceUid,
                series ? series->modality : std::string(),
                r.unit,
                n ? "true" : "false",
                value(r.values.mean),
                value(r.values.sd),
                value(r.values.median),
                value(r.values.min),
                value(r.values.max),
                value(r.values.p5),
                value(r.values.p95),
                n ? std::to_string(r.values.count) : std::string(),
                number(r.size.volumeMm3 ? std::nullopt : r.size.areaMm2),
                number(r.size.volumeMm3),
                number(r.size.longAxisMm),
                number(r.size.shortAxisMm),
                n ? number(r.visibleExtentMm) : std::string(),
                n ? pairPart(r.visibleAxialMm, 0) : std::string(),
                n ? pairPart(r.visibleAxialMm, 1) : std::string(),
                n ? pairPart(r.visibleSagittalMm, 0) : std::string(),
                n ? pairPart(r.visibleSagittalMm, 1) : std::string(),
                number(r.visibleThreshold),
                n ? number(r.ringMean) : std::string(),
                n ? number(r.contrast) : std::string(),
                number(report.provenance.measureOptions.ringWidthMm),
                m.transform,
                transformNames(m.transformLinks),
                transformRegions(m.transformLinks),
                m.image ? m.image->sopInstanceUid : std::string(),
                ctOrSct && d ? number(d->deltaMeanHu) : std::string(),
                ctOrSct && d ? number(d->deltaExtentMm) : std::string(),
                ctOrSct && d ? pairPart(d->deltaAxialMm, 0) : std::string(),
                ctOrSct && d ? pairPart(d->deltaAxialMm, 1) : std::string(),
                ctOrSct && d ? pairPart(d->deltaSagittalMm, 0) : std::string(),
                ctOrSct && d ? pairPart(d->deltaSagittalMm, 1) : std::string(),
                ctOrSct && d ? (d->flagged ? "true" : "false") : std::string(),
                ctOrSct && d ? joined(d->reasons) : std::string(),
                joined(r.warnings),
                report.provenance.version,
                report.provenance.gitCommit,
                report.provenance.createdAt};
            std::string line;
            for (std::size_t i = 0; i < cells.size(); ++i) {
                line += (i ? "," : "") + csvField(cells[i]);
            }
            csv += line + "\r\n";
        }
    }
    return csv;
}

}  // namespace crosscheck
