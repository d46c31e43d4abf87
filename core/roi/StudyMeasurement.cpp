#include "core/roi/StudyMeasurement.h"

#include <cmath>
#include <sstream>

#include "core/roi/RoiDrawing.h"
#include "core/roi/RoiSampler.h"

namespace crosscheck {

namespace {

nlohmann::json numberOrNull(const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

/// [long, short] or null.
nlohmann::json pairOrNull(const std::optional<Eigen::Vector2d>& v) {
    return v ? nlohmann::json::array({v->x(), v->y()}) : nlohmann::json(nullptr);
}

std::optional<Eigen::Vector2d> pairDifference(const std::optional<Eigen::Vector2d>& ct,
                                              const std::optional<Eigen::Vector2d>& sct) {
    if (!ct || !sct) {
        return std::nullopt;
    }
    return Eigen::Vector2d(*ct - *sct);
}

std::string rounded(double v) {
    std::ostringstream s;
    s.precision(3);
    s << v;
    return s.str();
}

/// The ROI's frame to the series': a "nearest" pick of local registrations uses the one
/// nearest the ROI, not the cursor, so the numbers do not depend on where one looks.
std::optional<Eigen::Matrix4d> roiToSeriesTransform(const Roi& roi, const LoadedSeries& series,
                                                    const FrameTransforms& transforms) {
    return roiTransforms(roi, transforms)
        .transform(roi.frameOfReferenceUid, series.info.frameOfReferenceUid);
}

}  // namespace

FrameTransforms roiTransforms(const Roi& roi, const FrameTransforms& transforms) {
    return transforms.focusedAt({roi.frameOfReferenceUid, roiAnchorMm(roi), "the ROI"});
}

SeriesMeasurement measureInSeries(const Roi& roi, const LoadedSeries& series,
                                  const FrameTransforms& transforms,
                                  const MeasureOptions& options) {
    SeriesMeasurement row;
    row.role = series.info.role;
    row.seriesInstanceUid = series.info.seriesInstanceUid;
    row.frameOfReferenceUid = series.info.frameOfReferenceUid;
    if (series.info.isColour()) {
        // A colour picture's pixels are display colours: no HU, no intensities to measure.
        row.measurement.unit = measurementUnit(row.role);
        row.measurement.size = measureRoiSize(roi);
        row.measurement.warnings.push_back(
            "colour image: not measured (its pixels are RGB colours, not HU or intensities)");
        return row;
    }
    const auto roiToSeries = roiToSeriesTransform(roi, series, transforms);
    if (!roiToSeries || !series.volume) {
        row.measurement.unit = measurementUnit(row.role);
        row.measurement.size = measureRoiSize(roi);
        if (row.role == SeriesRole::sCT) {
            row.measurement.warnings.push_back("synthetic: derived from MRI");
        }
        row.measurement.warnings.push_back(series.volume ? "no transform" : "not loaded");
        return row;
    }
    row.measurement = measureRoi(roi.transformed(*roiToSeries, series.info.frameOfReferenceUid),
                                 *series.volume, row.role, options);
    return row;
}

std::vector<SeriesMeasurement> measureInStudy(const Roi& roi, const Study& study,
                                              const MeasureOptions& options) {
    std::vector<SeriesMeasurement> rows;
    for (const auto& s : study.series) {
        rows.push_back(measureInSeries(roi, s, study.transforms, options));
    }
    return rows;
}

std::optional<std::vector<double>> valuesInSeries(const Roi& roi, const LoadedSeries& series,
                                                  const FrameTransforms& transforms) {
    const auto roiToSeries = roiToSeriesTransform(roi, series, transforms);
    if (!roiToSeries || !series.volume || series.info.isColour() || !roi.validate().empty()) {
        return std::nullopt;
    }
    const RoiSamples samples = sampleRoi(
        roi.transformed(*roiToSeries, series.info.frameOfReferenceUid), *series.volume, 0.0);
    std::vector<double> values;
    values.reserve(samples.inside.size());
    for (const auto& v : samples.inside) {
        values.push_back(v.value);
    }
    return values;
}

std::optional<std::vector<ProfileSample>> profileInSeries(const Roi& ruler,
                                                          const LoadedSeries& series,
                                                          const FrameTransforms& transforms,
                                                          double stepMm) {
    const auto roiToSeries =
        transforms.transform(ruler.frameOfReferenceUid, series.info.frameOfReferenceUid);
    if (!roiToSeries || !series.volume || ruler.pointsMm.size() < 2) {
        return std::nullopt;
    }
    return lineProfile(*series.volume, *roiToSeries, ruler.pointsMm[0], ruler.pointsMm[1], stepMm);
}

nlohmann::json toJson(const SeriesMeasurement& row, const MeasureOptions& options) {
    const RoiMeasurement& m = row.measurement;
    const bool n = m.hasNumbers;
    auto num = [n](double v) { return n ? nlohmann::json(v) : nlohmann::json(nullptr); };
    nlohmann::json j;
    j["role"] = toString(row.role);
    j["series_instance_uid"] = row.seriesInstanceUid;
    j["frame_of_reference_uid"] = row.frameOfReferenceUid;
    j["unit"] = m.unit;
    j["mean"] = num(m.values.mean);
    j["sd"] = num(m.values.sd);
    j["median"] = num(m.values.median);
    j["min"] = num(m.values.min);
    j["max"] = num(m.values.max);
    j["p5"] = num(m.values.p5);
    j["p95"] = num(m.values.p95);
    j["count"] = n ? nlohmann::json(m.values.count) : nlohmann::json(nullptr);
    if (m.size.volumeMm3) {
        j["volume_mm3"] = *m.size.volumeMm3;
    } else {
        j["area_mm2"] = m.size.areaMm2.value_or(0.0);
    }
    j["long_axis_mm"] = m.size.longAxisMm;
    j["short_axis_mm"] = m.size.shortAxisMm;
    j["visible_extent_mm"] = n ? numberOrNull(m.visibleExtentMm) : nlohmann::json(nullptr);
    j["visible_axial_mm"] = n ? pairOrNull(m.visibleAxialMm) : nlohmann::json(nullptr);
    j["visible_sagittal_mm"] = n ? pairOrNull(m.visibleSagittalMm) : nlohmann::json(nullptr);
    j["visible_threshold"] = numberOrNull(m.visibleThreshold);
    j["mean_ring"] = n ? numberOrNull(m.ringMean) : nlohmann::json(nullptr);
    j["contrast"] = n ? numberOrNull(m.contrast) : nlohmann::json(nullptr);
    j["ring_width_mm"] = options.ringWidthMm;
    j["warnings"] = m.warnings;
    return j;
}

std::optional<CtSctDifference> compareCtSct(const RoiMeasurement& ct, const RoiMeasurement& sct) {
    if (!ct.hasNumbers || !sct.hasNumbers) {
        return std::nullopt;
    }
    CtSctDifference d;
    d.deltaMeanHu = ct.values.mean - sct.values.mean;
    if (ct.visibleExtentMm && sct.visibleExtentMm) {
        d.deltaExtentMm = *ct.visibleExtentMm - *sct.visibleExtentMm;
    }
    d.deltaAxialMm = pairDifference(ct.visibleAxialMm, sct.visibleAxialMm);
    d.deltaSagittalMm = pairDifference(ct.visibleSagittalMm, sct.visibleSagittalMm);
    if (std::abs(d.deltaMeanHu) >= kCtSctMeanFlagHu) {
        d.reasons.push_back("mean differs by " + rounded(std::abs(d.deltaMeanHu)) + " HU");
    }
    if (d.deltaExtentMm && std::abs(*d.deltaExtentMm) >= kCtSctExtentFlagMm) {
        d.reasons.push_back("extent differs by " + rounded(std::abs(*d.deltaExtentMm)) + " mm");
    }
    d.flagged = !d.reasons.empty();
    return d;
}

std::optional<CtSctDifference> compareCtSct(const std::vector<SeriesMeasurement>& rows) {
    const RoiMeasurement* ct = nullptr;
    const RoiMeasurement* sct = nullptr;
    for (const auto& r : rows) {
        if (!r.measurement.hasNumbers) {
            continue;
        }
        if (r.role == SeriesRole::CT && !ct) {
            ct = &r.measurement;
        } else if (r.role == SeriesRole::sCT && !sct) {
            sct = &r.measurement;
        }
    }
    if (!ct || !sct) {
        return std::nullopt;
    }
    return compareCtSct(*ct, *sct);
}

nlohmann::json toJson(const CtSctDifference& d) {
    return {{"delta_mean_hu", d.deltaMeanHu},
            {"delta_visible_extent_mm", numberOrNull(d.deltaExtentMm)},
            {"delta_visible_axial_mm", pairOrNull(d.deltaAxialMm)},
            {"delta_visible_sagittal_mm", pairOrNull(d.deltaSagittalMm)},
            {"flagged", d.flagged},
            {"reasons", d.reasons}};
}

}  // namespace crosscheck
