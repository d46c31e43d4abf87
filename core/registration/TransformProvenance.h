#pragma once

#include <Eigen/Core>
#include <optional>
#include <string>

namespace crosscheck {

/// Where a transform between two frames of reference came from.
enum class TransformBasis {
    SameFrame,    ///< both series share a FrameOfReferenceUID: identity by definition
    Landmarks,    ///< least-squares fit of paired landmarks
    AutomaticMi,  ///< automatic rigid registration by mutual information
    File,         ///< read from a transform file of unknown origin
    Manual,       ///< set by hand
};
const char* toString(TransformBasis basis);

/// The basis of one transform and the figures that say how much to trust it, in the form
/// a viewer shows next to a pane ("registered: automatic MI", "landmarks: RMS 0.7 mm").
struct TransformProvenance {
    TransformProvenance() = default;
    /// The basis, and for landmarks the RMS residual (mm).
    TransformProvenance(TransformBasis basisIn, double rmsMmIn = -1.0)  // implicit: {basis}
        : basis(basisIn), rmsMm(rmsMmIn) {}

    TransformBasis basis = TransformBasis::Manual;
    double rmsMm = -1.0;  ///< landmark RMS residual, mm (Landmarks only; < 0 unknown)
    double metric = 0.0;  ///< final metric value (AutomaticMi: Mattes mutual information, nats)
    int iterations = 0;   ///< optimizer iterations over all levels (AutomaticMi)
    bool adjustedByHand = false;  ///< nudged from the keyboard after it was computed
    /// A region-focused registration (AutomaticMi): the sphere its metric looked at, centre
    /// in the fixed (to-) frame's patient coordinates (LPS, mm), radius in mm.
    std::optional<Eigen::Vector3d> regionCentreMm;
    double regionRadiusMm = 0.0;

    /// One short line for a badge: "same frame", "registered: automatic MI",
    /// "registered locally at (12.0, -30.5, 88.0), radius 40 mm", "landmarks: RMS 0.7 mm",
    /// "transform file", "manual"; "+ hand-adjusted" appended when nudged.
    std::string label() const;
};

}  // namespace crosscheck
