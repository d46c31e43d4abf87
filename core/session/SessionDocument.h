#pragma once

#include <Eigen/Core>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/registration/FrameTransforms.h"
#include "core/roi/Roi.h"
#include "core/vocabulary/SeriesRole.h"
#include "core/vocabulary/SlabMode.h"

namespace crosscheck {

/// One annotation of a session: an ROI with a stable id (unique within the session) and a
/// label the user typed. Its JSON is the ROI object of ROI.json plus "id" and "label".
struct Annotation {
    std::string id;
    std::string label;
    Roi roi;

    bool operator==(const Annotation& o) const {
        return id == o.id && label == o.label && roi == o.roi;
    }
    bool operator!=(const Annotation& o) const { return !(*this == o); }
};

/// A series the session refers to: found again by its UID under `path` (a folder or file as
/// it was opened), with the role the user confirmed.
struct SessionSeries {
    std::string seriesInstanceUid;
    std::string frameOfReferenceUid;
    std::string path;
    SeriesRole role = SeriesRole::Other;

    bool operator==(const SessionSeries& o) const {
        return seriesInstanceUid == o.seriesInstanceUid &&
               frameOfReferenceUid == o.frameOfReferenceUid && path == o.path && role == o.role;
    }
};

/// What one pane of the layout shows: a series (by UID; empty for none) in an orientation
/// ("axial", "sagittal" or "coronal"), as slices or rendered in 3D.
struct SessionPane {
    std::string seriesInstanceUid;
    std::string orientation = "axial";
    /// Which volume of a multi-volume series (0-based; JSON "volume", written when not 0).
    int volume = 0;
    /// "slice" (slices of the series) or "3d" (a volume rendering of it); JSON "kind",
    /// written when not "slice", so sessions older than the 3D pane read as slices.
    std::string kind = "slice";

    bool operator==(const SessionPane& o) const {
        return seriesInstanceUid == o.seriesInstanceUid && orientation == o.orientation &&
               volume == o.volume && kind == o.kind;
    }
};

/// Window centre and width (HU for CT/sCT, intensity for MR).
struct SessionWindow {
    double center = 0.0;
    double width = 1.0;
    bool operator==(const SessionWindow& o) const { return center == o.center && width == o.width; }
};

/// The thick slab the panes drew (JSON "slab": {"mode": "mip", "thickness_mm": 20}); a
/// session without it shows thin slices. `mode` is a SlabMode name (core/vocabulary).
struct SessionSlab {
    SlabMode mode = SlabMode::Thin;
    double thicknessMm = 20.0;
    bool operator==(const SessionSlab& o) const {
        return mode == o.mode && thicknessMm == o.thicknessMm;
    }
};

/// Thrown when a session document cannot be read; names the file and the key.
class SessionFormatError : public std::runtime_error {
public:
    explicit SessionFormatError(const std::string& what) : std::runtime_error(what) {}
};

/// Everything a `*.crosscheck.json` file holds: the series (by UID and path) and their
/// roles, the reference frame, the transforms between frames (matrix, from -> to,
/// provenance, and a name for each local registration), which one each frame pair uses
/// (`transform_picks`), the annotations, the layout name and what each pane shows, the windows per
/// group (keys such as
/// "CT", "sCT", "T1w", "T2w"), the cursor (reference frame, LPS mm) and the thick slab.
///
/// Plain data: the viewer keeps its live state elsewhere (Study, FrameTransforms,
/// AnnotationHistory) and fills a SessionDocument to save it. Versioned: `kFormatVersion`
/// is written; reading refuses a newer version with a clear message and accepts older ones.
/// Version 2 added named local registrations and the picks (a version 1 file has only
/// global transforms, each pair using its own).
struct SessionDocument {
    static constexpr int kFormatVersion = 2;

    std::vector<SessionSeries> series;
    std::string referenceFrameUid;
    /// Global links (no name) and named local registrations.
    std::vector<FrameLink> transforms;
    /// Pairs that use a named local registration or the one nearest the cursor.
    std::vector<FramePick> transformPicks;
    std::vector<Annotation> annotations;
    std::string layout = "2x2";
    /// The panes in layout order (empty: the viewer's default, one per role).
    std::vector<SessionPane> panes;
    std::map<std::string, SessionWindow> windows;
    std::optional<Eigen::Vector3d> cursorMm;
    /// Written when the panes drew a slab; older files (and readers) do without it.
    std::optional<SessionSlab> slab;

    bool operator==(const SessionDocument& o) const;
    bool operator!=(const SessionDocument& o) const { return !(*this == o); }
};

nlohmann::json toJson(const Annotation& annotation);
Annotation annotationFromJson(const nlohmann::json& json, const std::string& source);

nlohmann::json toJson(const SessionDocument& document);
/// `source` names the origin in error messages (the path).
SessionDocument sessionFromJson(const nlohmann::json& json, const std::string& source);

}  // namespace crosscheck
