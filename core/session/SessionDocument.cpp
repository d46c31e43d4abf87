#include "core/session/SessionDocument.h"

#include <cmath>

#include "core/geometry/RigidTransform.h"
#include "core/geometry/ViewPlane.h"
#include "core/roi/RoiJson.h"

namespace crosscheck {

namespace {

constexpr const char* kFormatName = "crosscheck-session";

[[noreturn]] void fail(const std::string& source, const std::string& key, const std::string& why) {
    throw SessionFormatError(source + ": key \"" + key + "\": " + why);
}

const nlohmann::json& member(const nlohmann::json& j, const std::string& key,
                             const std::string& source) {
    if (!j.is_object() || !j.contains(key)) {
        fail(source, key, "missing");
    }
    return j.at(key);
}

std::string stringKey(const nlohmann::json& j, const std::string& key, const std::string& source,
                      bool required = true) {
    if (!j.contains(key)) {
        if (required) {
            fail(source, key, "missing");
        }
        return {};
    }
    if (!j.at(key).is_string()) {
        fail(source, key, "expected a string");
    }
    return j.at(key).get<std::string>();
}

double numberKey(const nlohmann::json& j, const std::string& key, const std::string& source) {
    const auto& v = member(j, key, source);
    if (!v.is_number()) {
        fail(source, key, "expected a number");
    }
    return v.get<double>();
}

Eigen::Vector3d vector3Key(const nlohmann::json& j, const std::string& key,
                           const std::string& source) {
    const auto& v = member(j, key, source);
    if (!v.is_array() || v.size() != 3 || !v[0].is_number() || !v[1].is_number() ||
        !v[2].is_number()) {
        fail(source, key, "expected [x, y, z]");
    }
    return {v[0].get<double>(), v[1].get<double>(), v[2].get<double>()};
}

std::optional<TransformBasis> basisFromString(const std::string& s) {
    for (TransformBasis b :
         {TransformBasis::SameFrame, TransformBasis::Landmarks, TransformBasis::AutomaticMi,
          TransformBasis::File, TransformBasis::Manual}) {
        if (s == toString(b)) {
            return b;
        }
    }
    return std::nullopt;
}

nlohmann::json linkToJson(const FrameLink& link) {
    nlohmann::json rows = nlohmann::json::array();
    for (int r = 0; r < 4; ++r) {
        rows.push_back(
            {link.fromToTo(r, 0), link.fromToTo(r, 1), link.fromToTo(r, 2), link.fromToTo(r, 3)});
    }
    const TransformProvenance& p = link.provenance;
    nlohmann::json provenance = {{"basis", toString(p.basis)},
                                 {"rms_mm", p.rmsMm},
                                 {"metric", p.metric},
                                 {"iterations", p.iterations},
                                 {"adjusted_by_hand", p.adjustedByHand}};
    if (p.regionCentreMm) {
        provenance["region"] = {
            {"center_mm", {p.regionCentreMm->x(), p.regionCentreMm->y(), p.regionCentreMm->z()}},
            {"radius_mm", p.regionRadiusMm}};
    }
    nlohmann::json j = {{"from_frame_uid", link.fromFrame},
                        {"to_frame_uid", link.toFrame},
                        {"from_to_to", rows},
                        {"provenance", provenance}};
    if (!link.name.empty()) {
        j["name"] = link.name;  // a local registration; the pair's global one has none
    }
    return j;
}

FrameLink linkFromJson(const nlohmann::json& j, const std::string& source) {
    FrameLink link;
    link.fromFrame = stringKey(j, "from_frame_uid", source);
    link.toFrame = stringKey(j, "to_frame_uid", source);
    link.name = j.contains("name") ? stringKey(j, "name", source) : std::string();
    const auto& rows = member(j, "from_to_to", source);
    if (!rows.is_array() || rows.size() != 4) {
        fail(source, "from_to_to", "expected 4 rows of 4 numbers");
    }
    for (int r = 0; r < 4; ++r) {
        const auto& row = rows[static_cast<std::size_t>(r)];
        if (!row.is_array() || row.size() != 4) {
            fail(source, "from_to_to", "expected 4 rows of 4 numbers");
        }
        for (int c = 0; c < 4; ++c) {
            if (!row[static_cast<std::size_t>(c)].is_number()) {
                fail(source, "from_to_to", "expected numbers");
            }
            link.fromToTo(r, c) = row[static_cast<std::size_t>(c)].get<double>();
        }
    }
    if (!isRigid(link.fromToTo, 1e-3)) {
        fail(source, "from_to_to", "not a rigid transform");
    }
    if (j.contains("provenance")) {
        const auto& p = j.at("provenance");
        const std::string ps = source + " provenance";
        const auto basis = basisFromString(stringKey(p, "basis", ps));
        if (!basis) {
            fail(ps, "basis", "unknown (same-frame, landmarks, rigid-mi, file, manual)");
        }
        link.provenance.basis = *basis;
        link.provenance.rmsMm = p.contains("rms_mm") ? numberKey(p, "rms_mm", ps) : -1.0;
        link.provenance.metric = p.contains("metric") ? numberKey(p, "metric", ps) : 0.0;
        link.provenance.iterations =
            p.contains("iterations") ? static_cast<int>(numberKey(p, "iterations", ps)) : 0;
        link.provenance.adjustedByHand = p.value("adjusted_by_hand", false);
        if (p.contains("region")) {
            const auto& region = p.at("region");
            const std::string rs = ps + " region";
            link.provenance.regionCentreMm = vector3Key(region, "center_mm", rs);
            link.provenance.regionRadiusMm = numberKey(region, "radius_mm", rs);
        }
    }
    return link;
}

bool sameLink(const FrameLink& a, const FrameLink& b) {
    return a.fromFrame == b.fromFrame && a.toFrame == b.toFrame && a.fromToTo == b.fromToTo &&
           a.provenance.basis == b.provenance.basis && a.provenance.rmsMm == b.provenance.rmsMm &&
           a.provenance.metric == b.provenance.metric &&
           a.provenance.iterations == b.provenance.iterations &&
           a.provenance.adjustedByHand == b.provenance.adjustedByHand &&
           a.provenance.regionCentreMm == b.provenance.regionCentreMm &&
           a.provenance.regionRadiusMm == b.provenance.regionRadiusMm && a.name == b.name;
}

nlohmann::json pickToJson(const FramePick& p) {
    const char* kind = p.pick.kind == TransformPick::Kind::Named     ? "named"
                       : p.pick.kind == TransformPick::Kind::Nearest ? "nearest"
                                                                     : "global";
    nlohmann::json j = {{"frame_uids", {p.frameA, p.frameB}}, {"pick", kind}};
    if (p.pick.kind == TransformPick::Kind::Named) {
        j["name"] = p.pick.name;
    }
    return j;
}

FramePick pickFromJson(const nlohmann::json& j, const std::string& source) {
    const auto& frames = member(j, "frame_uids", source);
    if (!frames.is_array() || frames.size() != 2 || !frames[0].is_string() ||
        !frames[1].is_string()) {
        fail(source, "frame_uids", "expected two FrameOfReferenceUIDs");
    }
    FramePick p;
    p.frameA = frames[0].get<std::string>();
    p.frameB = frames[1].get<std::string>();
    const std::string kind = stringKey(j, "pick", source);
    if (kind == "named") {
        p.pick = TransformPick::named(stringKey(j, "name", source));
    } else if (kind == "nearest") {
        p.pick = TransformPick::nearest();
    } else if (kind != "global") {
        fail(source, "pick", "expected global, named or nearest");
    }
    return p;
}

}  // namespace

bool SessionDocument::operator==(const SessionDocument& o) const {
    if (transforms.size() != o.transforms.size()) {
        return false;
    }
    for (std::size_t i = 0; i < transforms.size(); ++i) {
        if (!sameLink(transforms[i], o.transforms[i])) {
            return false;
        }
    }
    return series == o.series && referenceFrameUid == o.referenceFrameUid &&
           transformPicks == o.transformPicks && annotations == o.annotations &&
           layout == o.layout && panes == o.panes && windows == o.windows &&
           cursorMm == o.cursorMm && slab == o.slab;
}

nlohmann::json toJson(const Annotation& a) {
    nlohmann::json j = toJson(a.roi);
    j["id"] = a.id;
    j["label"] = a.label;
    return j;
}

Annotation annotationFromJson(const nlohmann::json& j, const std::string& source) {
    Annotation a;
    a.id = stringKey(j, "id", source);
    if (a.id.empty()) {
        fail(source, "id", "must not be empty");
    }
    a.label = stringKey(j, "label", source, false);
    try {
        a.roi = roiFromJson(j, source);
    } catch (const RoiFormatError& e) {
        throw SessionFormatError(e.what());
    }
    return a;
}

nlohmann::json toJson(const SessionDocument& d) {
    nlohmann::json j;
    j["format"] = kFormatName;
    j["version"] = SessionDocument::kFormatVersion;
    j["reference_frame_uid"] = d.referenceFrameUid;
    j["series"] = nlohmann::json::array();
    for (const auto& s : d.series) {
        j["series"].push_back({{"series_instance_uid", s.seriesInstanceUid},
                               {"frame_of_reference_uid", s.frameOfReferenceUid},
                               {"path", s.path},
                               {"role", toString(s.role)}});
    }
    j["transforms"] = nlohmann::json::array();
    for (const auto& t : d.transforms) {
        j["transforms"].push_back(linkToJson(t));
    }
    j["transform_picks"] = nlohmann::json::array();
    for (const auto& p : d.transformPicks) {
        j["transform_picks"].push_back(pickToJson(p));
    }
    j["annotations"] = nlohmann::json::array();
    for (const auto& a : d.annotations) {
        j["annotations"].push_back(toJson(a));
    }
    j["layout"] = d.layout;
    j["panes"] = nlohmann::json::array();
    for (const auto& p : d.panes) {
        nlohmann::json pane = {{"series_instance_uid", p.seriesInstanceUid},
                               {"orientation", p.orientation}};
        if (p.volume != 0) {
            pane["volume"] = p.volume;
        }
        if (p.kind != "slice") {
            pane["kind"] = p.kind;
        }
        j["panes"].push_back(pane);
    }
    j["windows"] = nlohmann::json::object();
    for (const auto& [group, w] : d.windows) {
        j["windows"][group] = {{"center", w.center}, {"width", w.width}};
    }
    if (d.cursorMm) {
        j["cursor_mm"] = {d.cursorMm->x(), d.cursorMm->y(), d.cursorMm->z()};
    }
    if (d.slab) {
        j["slab"] = {{"mode", toString(d.slab->mode)}, {"thickness_mm", d.slab->thicknessMm}};
    }
    return j;
}

SessionDocument sessionFromJson(const nlohmann::json& j, const std::string& source) {
    if (!j.is_object()) {
        throw SessionFormatError(source + ": not a Crosscheck session (expected a JSON object)");
    }
    if (stringKey(j, "format", source) != kFormatName) {
        fail(source, "format", std::string("expected \"") + kFormatName + "\"");
    }
    const auto& version = member(j, "version", source);
    if (!version.is_number_integer() || version.get<int>() < 1) {
        fail(source, "version", "expected a positive whole number");
    }
    if (version.get<int>() > SessionDocument::kFormatVersion) {
        fail(source, "version",
             "written by a newer Crosscheck (format " + std::to_string(version.get<int>()) +
                 ", this one reads up to " + std::to_string(SessionDocument::kFormatVersion) + ")");
    }
    SessionDocument d;
    d.referenceFrameUid = stringKey(j, "reference_frame_uid", source, false);
    auto list = [&](const char* key) -> const nlohmann::json& {
        static const nlohmann::json empty = nlohmann::json::array();
        if (!j.contains(key)) {
            return empty;
        }
        if (!j.at(key).is_array()) {
            fail(source, key, "expected a list");
        }
        return j.at(key);
    };
    std::size_t n = 0;
    for (const auto& s : list("series")) {
        const std::string where = source + " series[" + std::to_string(n++) + "]";
        SessionSeries out;
        out.seriesInstanceUid = stringKey(s, "series_instance_uid", where);
        out.frameOfReferenceUid = stringKey(s, "frame_of_reference_uid", where, false);
        out.path = stringKey(s, "path", where, false);
        const auto role = seriesRoleFromString(stringKey(s, "role", where));
        if (!role) {
            fail(where, "role", "unknown role (CT, T1w, T2w, sCT, other)");
        }
        out.role = *role;
        d.series.push_back(out);
    }
    n = 0;
    for (const auto& t : list("transforms")) {
        d.transforms.push_back(
            linkFromJson(t, source + " transforms[" + std::to_string(n++) + "]"));
    }
    n = 0;
    for (const auto& p : list("transform_picks")) {
        d.transformPicks.push_back(
            pickFromJson(p, source + " transform_picks[" + std::to_string(n++) + "]"));
    }
    n = 0;
    for (const auto& a : list("annotations")) {
        d.annotations.push_back(
            annotationFromJson(a, source + " annotations[" + std::to_string(n++) + "]"));
    }
    d.layout = stringKey(j, "layout", source, false);
    n = 0;
    for (const auto& p : list("panes")) {
        const std::string where = source + " panes[" + std::to_string(n++) + "]";
        SessionPane pane;
        pane.seriesInstanceUid = stringKey(p, "series_instance_uid", where, false);
        pane.orientation = stringKey(p, "orientation", where);
        if (!viewOrientationFromString(pane.orientation)) {
            fail(where, "orientation", "expected axial, sagittal or coronal");
        }
        if (p.contains("volume")) {
            const double volume = numberKey(p, "volume", where);
            if (volume < 0 || volume != std::floor(volume)) {
                fail(where, "volume", "expected a volume number 0, 1, 2, ...");
            }
            pane.volume = static_cast<int>(volume);
        }
        if (p.contains("kind")) {
            pane.kind = stringKey(p, "kind", where);
            if (pane.kind != "slice" && pane.kind != "3d") {
                fail(where, "kind", "expected slice or 3d");
            }
        }
        d.panes.push_back(pane);
    }
    if (j.contains("windows")) {
        const auto& w = j.at("windows");
        if (!w.is_object()) {
            fail(source, "windows", "expected an object of {center, width} per group");
        }
        for (const auto& [group, value] : w.items()) {
            const std::string where = source + " windows." + group;
            d.windows[group] = {numberKey(value, "center", where),
                                numberKey(value, "width", where)};
        }
    }
    if (j.contains("cursor_mm")) {
        const auto& c = j.at("cursor_mm");
        if (!c.is_array() || c.size() != 3 || !c[0].is_number() || !c[1].is_number() ||
            !c[2].is_number()) {
            fail(source, "cursor_mm", "expected [x, y, z]");
        }
        d.cursorMm = Eigen::Vector3d(c[0].get<double>(), c[1].get<double>(), c[2].get<double>());
    }
    if (j.contains("slab")) {
        const std::string where = source + " slab";
        const auto mode = slabModeFromString(stringKey(j.at("slab"), "mode", where));
        if (!mode) {
            fail(where, "mode", "expected thin, mip, minip or mean");
        }
        const double thickness = numberKey(j.at("slab"), "thickness_mm", where);
        if (!(thickness > 0.0)) {
            fail(where, "thickness_mm", "expected a thickness in mm above 0");
        }
        d.slab = SessionSlab{*mode, thickness};
    }
    return d;
}

}  // namespace crosscheck
