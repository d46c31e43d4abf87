#pragma once

class QPainter;

namespace crosscheck::viewer {

class PaneView;

/// The registration landmarks of the pane's series' frame, drawn as numbered crosses in
/// the order they pair: fixed ones (reference frame) in green, moving ones in pink. On
/// the pane's slice in full colour; within ten slices faintly, so the user finds them
/// again. Landmarks are kept in their series' own frame and carried into the pane frame.
class LandmarkOverlay {
public:
    void paint(QPainter& painter, const PaneView& view) const;
};

}  // namespace crosscheck::viewer
