#include "viewer/pacs/StudyBrowser.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>
#include <cmath>

#include "core/db/StudyDatabase.h"
#include "core/pacs/PacsNodeList.h"
#include "viewer/pacs/PacsClientFactory.h"
#include "viewer/pacs/StudyResultsTree.h"
#include "viewer/pacs/StudyRetrieval.h"
#include "viewer/pacs/StudySearch.h"
#include "viewer/pacs/StudySearchForm.h"
#include "viewer/tasks/BackgroundTask.h"

namespace crosscheck::viewer {

namespace {

/// "1 study", "2 studies": English counts without a translation file.
QString count(int n, const QString& one, const QString& many) {
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

QString megabytes(long long bytes) {
    return QString::number(static_cast<double>(bytes) / 1e6, 'f', 1);
}

}  // namespace

StudyBrowserPlaces StudyBrowserPlaces::defaults() {
    return {defaultNodeListLocation(), StudyDatabase::defaultLocation(), defaultStoreLocation()};
}

StudyBrowser::StudyBrowser(StudyBrowserPlaces places, QWidget* parent)
    : QWidget(parent),
      m_places(std::move(places)),
      m_sources(new QListWidget(this)),
      m_form(new StudySearchForm(this)),
      m_results(new StudyResultsTree(this)),
      m_retrieve(new QPushButton(tr("&Retrieve"), this)),
      m_open(new QPushButton(tr("&Open"), this)),
      m_nodesButton(new QPushButton(tr("&Nodes..."), this)),
      m_cancel(new QPushButton(tr("Cancel"), this)),
      m_progress(new QProgressBar(this)),
      m_status(new QLabel(this)) {
    m_retrieve->setToolTip(
        tr("Fetch the selected study or series from the node into the "
           "local database (C-GET or WADO-RS)"));
    m_open->setToolTip(tr("Open the selected study or series from the local database"));
    m_progress->setRange(0, 100);
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(tr("Sources"), left));
    leftLayout->addWidget(m_sources);
    leftLayout->addWidget(m_nodesButton);
    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_form);
    rightLayout->addWidget(m_results, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_cancel);
    buttons->addStretch();
    buttons->addWidget(m_retrieve);
    buttons->addWidget(m_open);
    rightLayout->addLayout(buttons);
    auto* splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({200, 800});
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);

    connect(m_form, &StudySearchForm::searchRequested, this, &StudyBrowser::search);
    connect(m_retrieve, &QPushButton::clicked, this, &StudyBrowser::retrieveSelected);
    connect(m_open, &QPushButton::clicked, this, &StudyBrowser::openSelected);
    connect(m_cancel, &QPushButton::clicked, this, &StudyBrowser::cancel);
    connect(m_nodesButton, &QPushButton::clicked, this, &StudyBrowser::nodeSettingsRequested);
    connect(m_sources, &QListWidget::currentRowChanged, this, [this] {
        m_results->clear();
        m_form->setAccessionEnabled(!isLocalSourceSelected());
        updateButtons();
    });
    connect(m_results, &QTreeWidget::currentItemChanged, this, &StudyBrowser::updateButtons);
    connect(m_results, &QTreeWidget::itemDoubleClicked, this,
            [this] { isLocalSourceSelected() ? openSelected() : retrieveSelected(); });
    reloadNodes();
}

StudyBrowser::~StudyBrowser() = default;

void StudyBrowser::reloadNodes() {
    const QString current = m_sources->currentItem() ? m_sources->currentItem()->text() : QString();
    try {
        m_nodes = loadNodeList(m_places.nodeList);
    } catch (const std::exception& e) {
        m_nodes.clear();
        setStatus(QString::fromStdString(e.what()));
    }
    const QSignalBlocker block(m_sources);
    m_sources->clear();
    m_sources->addItem(tr("Local database"));
    for (const ConfiguredNode& node : m_nodes) {
        auto* item = new QListWidgetItem(QString::fromStdString(node.name), m_sources);
        item->setToolTip(QString::fromStdString(node.address));
    }
    const auto again = m_sources->findItems(current, Qt::MatchExactly);
    m_sources->setCurrentRow(again.isEmpty() ? 0 : m_sources->row(again.front()));
    m_form->setAccessionEnabled(!isLocalSourceSelected());
    updateButtons();
}

void StudyBrowser::selectSource(int index) {
    m_sources->setCurrentRow(index);
}

bool StudyBrowser::selectNode(const QString& name) {
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        if (QString::fromStdString(m_nodes[i].name) == name) {
            selectSource(static_cast<int>(i) + 1);
            return true;
        }
    }
    return false;
}

bool StudyBrowser::isLocalSourceSelected() const {
    return m_sources->currentRow() <= 0;
}

const ConfiguredNode* StudyBrowser::selectedNode() const {
    const int row = m_sources->currentRow();
    return row >= 1 && row <= static_cast<int>(m_nodes.size()) ? &m_nodes[row - 1] : nullptr;
}

bool StudyBrowser::isBusy() const {
    return m_task && m_task->isRunning();
}

QString StudyBrowser::statusText() const {
    return m_status->text();
}

void StudyBrowser::setStatus(const QString& text) {
    m_status->setText(text);
}

void StudyBrowser::updateButtons() {
    const bool busy = isBusy();
    const bool selected = !m_results->selectedStudyUid().isEmpty();
    m_form->setSearchEnabled(!busy);
    m_retrieve->setEnabled(!busy && selected && !isLocalSourceSelected());
    m_open->setEnabled(selected);
    m_sources->setEnabled(!busy);
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
}

void StudyBrowser::runTask(const QString& title, std::function<void(const Progress&)> work,
                           std::function<QString()> done, Finished finished) {
    m_task = std::make_unique<BackgroundTask>(title, std::move(work));
    connect(m_task.get(), &BackgroundTask::progressed, this,
            [this](double fraction, const QString&) {
                m_progress->setValue(static_cast<int>(std::lround(100.0 * fraction)));
            });
    const auto end = [this, finished](bool ok, const QString& text) {
        setStatus(text);
        updateButtons();
        emit(this->*finished)(ok, text);
    };
    connect(m_task.get(), &BackgroundTask::succeeded, this, [end, done] { end(true, done()); });
    connect(m_task.get(), &BackgroundTask::failed, this,
            [end](const QString& text) { end(false, text); });
    // A cancelled retrieve stops between instances: what arrived whole stays (RetrievedFiles).
    const QString cancelled = finished == &StudyBrowser::retrieveFinished
                                  ? tr("%1 cancelled; only complete files were kept.").arg(title)
                                  : tr("%1 cancelled.").arg(title);
    connect(m_task.get(), &BackgroundTask::cancelled, this,
            [end, cancelled] { end(false, cancelled); });
    m_progress->setValue(0);
    setStatus(title + QStringLiteral("..."));
    m_task->start();
    updateButtons();
}

void StudyBrowser::search() {
    if (isBusy()) {
        return;
    }
    PacsQuery query;
    try {
        query = m_form->query();
    } catch (const std::invalid_argument& e) {
        setStatus(QString::fromStdString(e.what()));
        emit searchFinished(false, statusText());
        return;
    }
    m_results->clear();
    auto found = std::make_shared<std::vector<FoundStudy>>();
    const ConfiguredNode* node = selectedNode();
    const QString where = node ? QString::fromStdString(node->address) : tr("the local database");
    const auto done = [this, found, where] {
        m_results->setStudies(*found);
        return tr("%1 found in %2.")
            .arg(count(static_cast<int>(found->size()), tr("study"), tr("studies")), where);
    };
    if (node == nullptr) {
        const auto database = m_places.database;
        runTask(
            tr("Searching"),
            [found, database, query](const Progress&) { *found = searchDatabase(database, query); },
            done, &StudyBrowser::searchFinished);
        return;
    }
    runTask(
        tr("Searching %1").arg(QString::fromStdString(node->name)),
        [found, node = *node, query](const Progress& p) {
            const auto client = makePacsClient(node);
            *found = searchNode(*client, query, p);
        },
        done, &StudyBrowser::searchFinished);
}

void StudyBrowser::retrieveSelected() {
    const ConfiguredNode* node = selectedNode();
    const QString study = m_results->selectedStudyUid();
    if (isBusy() || node == nullptr || study.isEmpty()) {
        return;
    }
    const QString series = m_results->selectedSeriesUid();
    auto outcome = std::make_shared<RetrievalOutcome>();
    runTask(
        tr("Retrieving from %1").arg(QString::fromStdString(node->name)),
        [outcome, node = *node, study, series, places = m_places](const Progress& p) {
            *outcome = retrieveIntoDatabase(node, study.toStdString(), series.toStdString(),
                                            places.store, places.database, p);
        },
        [outcome] {
            const auto& r = outcome->retrieved;
            return tr("Retrieved %1 (%2 MB) from %3 in %4 s; %5 new in the local database.")
                .arg(count(r.instances, tr("instance"), tr("instances")), megabytes(r.bytes),
                     QString::fromStdString(outcome->node))
                .arg(r.ms / 1000.0, 0, 'f', 1)
                .arg(outcome->imported.instancesAdded);
        },
        &StudyBrowser::retrieveFinished);
}

void StudyBrowser::openSelected() {
    const QString study = m_results->selectedStudyUid();
    if (study.isEmpty()) {
        return;
    }
    const QString series = m_results->selectedSeriesUid();
    QStringList files;
    try {
        for (const auto& file : indexedStudyFiles(m_places.database, study.toStdString())) {
            files << QString::fromStdString(file.string());
        }
        if (!series.isEmpty()) {
            const StudyDatabase database(m_places.database);
            files.clear();
            for (const std::string& file : database.seriesFiles(series.toStdString())) {
                files << QString::fromStdString(file);
            }
        }
    } catch (const std::exception& e) {
        setStatus(QString::fromStdString(e.what()));
        return;
    }
    if (files.isEmpty()) {
        setStatus(tr("This study is not in the local database yet: retrieve it first."));
        return;
    }
    setStatus(
        tr("Opening %1.")
            .arg(count(static_cast<int>(files.size()), tr("indexed file"), tr("indexed files"))));
    emit openRequested(files);
}

void StudyBrowser::cancel() {
    if (isBusy()) {
        m_task->cancel();
    }
}

}  // namespace crosscheck::viewer
