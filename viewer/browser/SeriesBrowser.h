#pragma once

#include <QStringList>
#include <QWidget>
#include <memory>

#include "core/vocabulary/SeriesRole.h"

class QTreeWidget;
class QTreeWidgetItem;
class QListWidget;

namespace crosscheck {
struct Study;
}

namespace crosscheck::viewer {

/// The patient / study / series tree of the loaded study: a thumbnail, the description,
/// the guessed role (a drop-down the user can correct), modality, size and warnings;
/// below it, the files that could not be used and why. Series are dragged onto a pane
/// or sent to one from the context menu.
class SeriesBrowser : public QWidget {
    Q_OBJECT
public:
    explicit SeriesBrowser(QWidget* parent = nullptr);

    void setStudy(std::shared_ptr<Study> study);
    void setProblems(const QStringList& lines);

signals:
    void showInPaneRequested(int paneIndex, const QString& seriesInstanceUid);
    /// The user picked another role for a series; the study is unchanged until whoever
    /// owns it (the study workflow) applies the change and shows the study again.
    void roleChangeRequested(const QString& seriesInstanceUid, crosscheck::SeriesRole role);

private:
    void addSeriesRow(QTreeWidgetItem* parent, std::size_t seriesIndex);
    void showContextMenu(const QPoint& pos);

    std::shared_ptr<Study> m_study;
    QTreeWidget* m_tree;
    QListWidget* m_problems;
};

}  // namespace crosscheck::viewer
