#pragma once

#include <QStringList>
#include <QWidget>
#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

#include "core/pacs/ConfiguredNode.h"
#include "core/util/Progress.h"

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace crosscheck::viewer {

class BackgroundTask;
class StudyResultsTree;
class StudySearchForm;

/// Where the study browser reads and writes: the node list (core/pacs PacsNodeList), the
/// study database and the folder retrieved studies go to. Defaults follow XDG.
struct StudyBrowserPlaces {
    std::filesystem::path nodeList, database, store;
    static StudyBrowserPlaces defaults();
};

/// The study browser: the sources on the left ("Local database" and each configured node),
/// the search fields above the results (studies expandable to their series). Search asks
/// the chosen source (C-FIND or QIDO-RS for a node); Retrieve fetches the selected study or
/// series from the node (C-GET or WADO-RS) into the store and indexes it in the database;
/// Open asks to open the selected study's (or series') indexed files exactly, no folder
/// walked. Node work runs off the GUI thread, one task at a time, with progress and Cancel;
/// its outcome is one sentence in the status line naming the node (errors included).
/// Credentials never appear in it.
class StudyBrowser : public QWidget {
    Q_OBJECT
public:
    explicit StudyBrowser(StudyBrowserPlaces places = StudyBrowserPlaces::defaults(),
                          QWidget* parent = nullptr);
    ~StudyBrowser() override;

    const StudyBrowserPlaces& places() const { return m_places; }
    /// Reads the node list again (after the node settings changed it); keeps the source.
    void reloadNodes();
    const std::vector<ConfiguredNode>& nodes() const { return m_nodes; }
    /// 0: the local database; i > 0: nodes()[i - 1].
    void selectSource(int index);
    /// Selects the node with this name; false when there is none.
    bool selectNode(const QString& name);
    bool isLocalSourceSelected() const;

    void search();
    void retrieveSelected();
    void openSelected();
    void cancel();
    bool isBusy() const;

    StudySearchForm* searchForm() const { return m_form; }
    StudyResultsTree* results() const { return m_results; }
    QListWidget* sources() const { return m_sources; }
    QPushButton* nodesButton() const { return m_nodesButton; }
    /// The running task's progress (0..100), hidden while idle.
    QProgressBar* progressBar() const { return m_progress; }
    /// The last outcome sentence.
    QString statusText() const;

signals:
    void searchFinished(bool ok, const QString& message);
    void retrieveFinished(bool ok, const QString& message);
    /// Open exactly these files (a study's or series' indexed files) in the panes.
    void openRequested(const QStringList& files);
    /// The Nodes... button: the node settings should be shown (then reloadNodes).
    void nodeSettingsRequested();

private:
    using Finished = void (StudyBrowser::*)(bool, const QString&);
    /// Runs `work` as the browser's task; `done` turns success into the outcome sentence.
    void runTask(const QString& title, std::function<void(const Progress&)> work,
                 std::function<QString()> done, Finished finished);
    void setStatus(const QString& text);
    void updateButtons();
    const ConfiguredNode* selectedNode() const;

    StudyBrowserPlaces m_places;
    std::vector<ConfiguredNode> m_nodes;
    QListWidget* m_sources;
    StudySearchForm* m_form;
    StudyResultsTree* m_results;
    QPushButton* m_retrieve;
    QPushButton* m_open;
    QPushButton* m_nodesButton;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QLabel* m_status;
    std::unique_ptr<BackgroundTask> m_task;
};

}  // namespace crosscheck::viewer
