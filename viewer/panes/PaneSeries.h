#pragma once

#include <Eigen/Core>
#include <QString>
#include <memory>
#include <optional>
#include <string>

#include "core/vocabulary/SeriesRole.h"

namespace crosscheck {
class Volume;
}

namespace crosscheck::viewer {

/// What one pane shows: a volume with the facts its overlays need, and how the series'
/// frame relates to the session's reference frame.
///
/// referenceToSeries maps reference patient coordinates (LPS, mm) to the series' own.
/// When it is empty no transform is known: the pane shows the series in its own frame,
/// says so in red, and does not follow the shared cursor.
struct PaneSeries {
    std::shared_ptr<const Volume> volume;
    SeriesRole role = SeriesRole::Other;
    QString description;
    QString patientName;
    QString seriesInstanceUid;
    std::string frameOfReferenceUid;
    /// The session's reference frame (the pane frame when synchronized); empty when the
    /// caller has none (a test pattern).
    std::string referenceFrameUid;
    bool synthetic = false;
    std::optional<Eigen::Matrix4d> referenceToSeries;
    QString syncBasis;  ///< "same frame", "registered: automatic MI", ...
};

}  // namespace crosscheck::viewer
