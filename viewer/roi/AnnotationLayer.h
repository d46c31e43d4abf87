#pragma once

#include <Eigen/Core>
#include <QObject>
#include <QString>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/registration/FrameTransforms.h"
#include "core/session/AnnotationHistory.h"

namespace crosscheck::viewer {

/// The annotations of the open study as the viewer edits them: the core history
/// (undoable commands; navigation is not in it), the active drawing tool, the brush size
/// and the selection. Adapts the history's plain callbacks to one Qt signal, `changed`.
/// ROIs live in the reference frame (`referenceFrameUid`), LPS mm.
class AnnotationLayer : public QObject {
    Q_OBJECT
public:
    /// The ids of the built-in tools, for the code that names one (the window, the study
    /// workflow, tests). The tools themselves, with their names and keys, are those
    /// ToolRegistry lists (viewer/tools): a new tool needs no name here.
    struct Tool {
        static constexpr const char* Navigate = "navigate";
        static constexpr const char* Ellipse = "ellipse";
        static constexpr const char* Rectangle = "rectangle";
        static constexpr const char* Polygon = "polygon";
        static constexpr const char* Freehand = "freehand";
        static constexpr const char* Brush = "brush";
        static constexpr const char* Eraser = "eraser";
        static constexpr const char* Ruler = "ruler";
        static constexpr const char* Bidirectional = "bidirectional";
        static constexpr const char* Point = "point";
        /// Picks registration landmarks (LandmarkSet), not an ROI.
        static constexpr const char* Landmark = "landmark";
    };
    static constexpr double kMinBrushRadiusMm = 0.5;
    static constexpr double kMaxBrushRadiusMm = 50.0;

    explicit AnnotationLayer(QObject* parent = nullptr);
    ~AnnotationLayer() override;

    AnnotationHistory& history() { return *m_history; }
    const AnnotationHistory& history() const { return *m_history; }
    /// Starts a new, empty history for a newly opened study in this reference frame.
    void reset(const std::string& referenceFrameUid);
    const std::string& referenceFrameUid() const { return m_frame; }
    /// The links between frames (the study's; null for none), which carry an ROI saved in
    /// another frame into the reference frame for display. The caller keeps them alive.
    void setFrameTransforms(const FrameTransforms* transforms) { m_transforms = transforms; }
    const FrameTransforms* frameTransforms() const { return m_transforms; }
    /// The ROI in the reference frame: itself, or carried through a known transform; empty
    /// when its frame has no known link to the reference.
    std::optional<Roi> inReferenceFrame(const Roi& roi) const;

    /// The active tool's ToolRegistry id.
    const std::string& tool() const { return m_tool; }
    /// Makes `toolId` the active tool; an id ToolRegistry does not know is refused (false,
    /// with a warning) and the tool stays as it was.
    bool setTool(const std::string& toolId);
    /// Radius of the brush and the eraser, mm (in the plane of the pane painted on).
    double brushRadiusMm() const { return m_brushRadiusMm; }
    void setBrushRadiusMm(double radiusMm);

    const std::string& selectedId() const { return m_selected; }
    /// The selected annotation, or null.
    const Annotation* selected() const;
    void select(const std::string& id);

    /// Adds an annotation drawn by the user (one undoable step) and selects it; modifyRoi
    /// calls with the same `mergeKey` merge into that step (a brush stroke).
    std::string addRoi(const Roi& roi, std::uint64_t mergeKey = 0);
    /// Adds an ROI under a label of its own ("Finding 1 axial"), one undoable step, and
    /// selects it.
    std::string addNamedRoi(const Roi& roi, const std::string& label);
    /// Adds ROIs under their labels as one undoable step named `text` (an import: one undo
    /// removes every structure) and selects the first; returns the ids.
    std::vector<std::string> addNamedRois(const std::vector<std::pair<Roi, std::string>>& rois,
                                          const std::string& text);
    /// Replaces the ROI of an annotation; calls with the same `mergeKey` (a drag, a brush
    /// stroke: AnnotationHistory::beginMerge) are one undo step.
    bool modifyRoi(const std::string& id, const Roi& roi, std::uint64_t mergeKey);
    bool removeSelected();
    /// Adds a copy of the selected ROI moved by `offsetMm` (the next slice), selects it and
    /// returns its id; empty when nothing is selected.
    std::string copySelected(const Eigen::Vector3d& offsetMm);

signals:
    void changed();
    void toolChanged(const std::string& toolId);
    void brushRadiusChanged(double radiusMm);

private:
    std::unique_ptr<AnnotationHistory> m_history;
    int m_listener = 0;
    std::string m_frame;
    const FrameTransforms* m_transforms = nullptr;
    std::string m_selected;
    std::string m_tool = Tool::Navigate;
    double m_brushRadiusMm = 3.0;
    int m_nextLabel = 1;
};

}  // namespace crosscheck::viewer
