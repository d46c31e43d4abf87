#pragma once

#include <Eigen/Core>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>
#include <string>

#include "core/vocabulary/SeriesRole.h"

namespace crosscheck {
class Volume;
struct RgbPicture;
}  // namespace crosscheck

namespace crosscheck::viewer {

/// What one pane shows: a volume with the facts its overlays need, and how the series'
/// frame relates to the session's reference frame; or a colour picture (secondary
/// capture, dose report, screenshot), shown frame by frame as it is, never sampled.
///
/// referenceToSeries maps reference patient coordinates (LPS, mm) to the series' own.
/// When it is empty no transform is known: the pane shows the series in its own frame,
/// says so in red, and does not follow the shared cursor.
struct PaneSeries {
    std::shared_ptr<const Volume> volume;
    /// Set instead of `volume` for a colour or palette series.
    std::shared_ptr<const RgbPicture> picture;
    /// Which volume of the series this is, and the labels of all of them ("echo 2",
    /// "b=1000", ...; one empty label for a series of one volume).
    int volumeIndex = 0;
    QStringList volumeLabels{QString()};
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
