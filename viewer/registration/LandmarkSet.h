#pragma once

#include <QObject>
#include <string>
#include <vector>

#include "core/geometry/PatientPoint.h"
#include "core/registration/LandmarkRegistration.h"

namespace crosscheck::viewer {

/// Landmarks the user clicks to register one series' frame onto the reference frame: the
/// same anatomical points picked in a reference-frame pane ("fixed", reference patient
/// coordinates) and in a pane of the other frame ("moving", that frame's own patient
/// coordinates, LPS mm). Pairs are formed in click order: the n-th fixed point with the
/// n-th moving point. One moving frame at a time; `changed` after every edit.
class LandmarkSet : public QObject {
    Q_OBJECT
public:
    explicit LandmarkSet(QObject* parent = nullptr);

    /// Starts over for a study with this reference frame.
    void reset(const std::string& referenceFrameUid);
    const std::string& referenceFrameUid() const { return m_reference; }
    /// The frame of the moving points; empty until the first one is placed.
    const std::string& movingFrameUid() const { return m_movingFrame; }

    /// Adds a point picked on a series of `frameUid` (its own patient coordinates): a fixed
    /// point on the reference frame, else a moving point. A point on a third frame while
    /// moving points of another frame exist is refused (false).
    bool add(const std::string& frameUid, const PatientPoint& pointInFrame);
    /// Removes the last point placed.
    void undoLast();
    void clear();

    const std::vector<PatientPoint>& fixedPoints() const { return m_fixed; }
    const std::vector<PatientPoint>& movingPoints() const { return m_moving; }
    /// The complete pairs so far.
    std::vector<LandmarkPair> pairs() const;

signals:
    void changed();

private:
    std::string m_reference;
    std::string m_movingFrame;
    std::vector<PatientPoint> m_fixed;
    std::vector<PatientPoint> m_moving;
    std::vector<bool> m_order;  ///< true = fixed, per point placed, for undoLast
};

}  // namespace crosscheck::viewer
