#pragma once

#include <QObject>
#include <memory>
#include <string>

#include "core/session/AnnotationHistory.h"

namespace crosscheck::viewer {

/// The annotations of the open study as the viewer edits them: the core history
/// (undoable commands; navigation is not in it), the active drawing tool and the
/// selection. Adapts the history's plain callbacks to one Qt signal, `changed`.
class AnnotationLayer : public QObject {
    Q_OBJECT
public:
    enum class Tool { Navigate, Ellipse, Ruler };

    explicit AnnotationLayer(QObject* parent = nullptr);
    ~AnnotationLayer() override;

    AnnotationHistory& history() { return *m_history; }
    const AnnotationHistory& history() const { return *m_history; }
    /// Starts a new, empty history for a newly opened study in this reference frame.
    void reset(const std::string& referenceFrameUid);
    const std::string& referenceFrameUid() const { return m_frame; }

    Tool tool() const { return m_tool; }
    void setTool(Tool tool);

    const std::string& selectedId() const { return m_selected; }
    void select(const std::string& id);

    /// Adds an annotation drawn by the user (one undoable step) and selects it.
    std::string addRoi(const Roi& roi);
    bool removeSelected();

signals:
    void changed();
    void toolChanged(Tool tool);

private:
    std::unique_ptr<AnnotationHistory> m_history;
    int m_listener = 0;
    std::string m_frame;
    std::string m_selected;
    Tool m_tool = Tool::Navigate;
    int m_nextLabel = 1;
};

}  // namespace crosscheck::viewer
