#include "viewer/pacs/NodeSettingsDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "core/pacs/PacsNodeList.h"
#include "viewer/pacs/PacsClientFactory.h"
#include "viewer/tasks/BackgroundTask.h"

namespace crosscheck::viewer {

namespace {

QString text(const std::string& s) {
    return QString::fromStdString(s);
}

}  // namespace

NodeSettingsDialog::NodeSettingsDialog(std::filesystem::path nodeListFile, QWidget* parent)
    : QDialog(parent),
      m_file(std::move(nodeListFile)),
      m_list(new QListWidget(this)),
      m_name(new QLineEdit(this)),
      m_address(new QLineEdit(this)),
      m_callingAe(new QLineEdit(this)),
      m_timeout(new QSpinBox(this)),
      m_user(new QLineEdit(this)),
      m_password(new QLineEdit(this)),
      m_token(new QLineEdit(this)),
      m_tls(new QCheckBox(tr("DICOM &TLS"), this)),
      m_tlsCa(new QLineEdit(this)),
      m_tlsCert(new QLineEdit(this)),
      m_tlsKey(new QLineEdit(this)),
      m_echo(new QPushButton(tr("&Echo"), this)),
      m_message(new QLabel(this)) {
    setWindowTitle(tr("PACS nodes"));
    m_address->setPlaceholderText(tr("AET@HOST:PORT or http(s)://HOST:PORT/dicom-web"));
    m_callingAe->setPlaceholderText(QStringLiteral("CROSSCHECK"));
    m_timeout->setRange(1, 3600);
    m_timeout->setSuffix(tr(" s"));
    m_password->setEchoMode(QLineEdit::Password);
    m_token->setEchoMode(QLineEdit::Password);
    m_tlsCa->setPlaceholderText(tr("CA certificate that signs the node's (PEM)"));
    m_tlsCert->setPlaceholderText(tr("only if the node asks for one (PEM)"));
    m_tlsKey->setPlaceholderText(tr("its unencrypted key (PEM)"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* add = new QPushButton(tr("&Add"), this);
    auto* remove = new QPushButton(tr("&Remove"), this);
    auto* listButtons = new QHBoxLayout;
    listButtons->addWidget(add);
    listButtons->addWidget(remove);
    auto* left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);

    auto* form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Address"), m_address);
    form->addRow(tr("Calling AE title (DIMSE)"), m_callingAe);
    form->addRow(tr("Time-out"), m_timeout);
    form->addRow(tr("User (DICOMweb)"), m_user);
    form->addRow(tr("Password (DICOMweb)"), m_password);
    form->addRow(tr("Token (DICOMweb)"), m_token);
    form->addRow(tr("Security (DIMSE)"), m_tls);
    form->addRow(tr("TLS CA certificate"), withBrowseButton(m_tlsCa, tr("CA certificate")));
    form->addRow(tr("TLS own certificate"),
                 withBrowseButton(m_tlsCert, tr("Crosscheck's certificate")));
    form->addRow(tr("TLS own key"), withBrowseButton(m_tlsKey, tr("Crosscheck's key")));
    form->addRow(QString(), m_echo);
    auto* columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(form, 2);

    auto* box = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(m_message);
    layout->addWidget(box);

    connect(add, &QPushButton::clicked, this, &NodeSettingsDialog::addNode);
    connect(remove, &QPushButton::clicked, this, &NodeSettingsDialog::removeSelected);
    connect(m_echo, &QPushButton::clicked, this, &NodeSettingsDialog::echoSelected);
    connect(box, &QDialogButtonBox::accepted, this, [this] {
        if (save()) {
            accept();
        }
    });
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::currentRowChanged, this, &NodeSettingsDialog::showSelected);
    for (QLineEdit* field : {m_name, m_address, m_callingAe, m_user, m_password, m_token, m_tlsCa,
                             m_tlsCert, m_tlsKey}) {
        connect(field, &QLineEdit::textEdited, this, &NodeSettingsDialog::formEdited);
    }
    connect(m_tls, &QCheckBox::toggled, this, &NodeSettingsDialog::formEdited);
    connect(m_timeout, qOverload<int>(&QSpinBox::valueChanged), this,
            &NodeSettingsDialog::formEdited);

    try {
        m_nodes = loadNodeList(m_file);
    } catch (const std::exception& e) {
        m_message->setText(text(e.what()));
    }
    for (const ConfiguredNode& node : m_nodes) {
        m_list->addItem(text(node.name));
    }
    m_list->setCurrentRow(m_nodes.empty() ? -1 : 0);
    showSelected();
    resize(800, 460);
}

NodeSettingsDialog::~NodeSettingsDialog() = default;

QWidget* NodeSettingsDialog::withBrowseButton(QLineEdit* field, const QString& title) {
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(field, 1);
    auto* browse = new QPushButton(QStringLiteral("..."), row);
    browse->setToolTip(tr("Choose the %1 file").arg(title));
    layout->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this, field, title] {
        const QString file = QFileDialog::getOpenFileName(
            this, title, field->text(), tr("PEM files (*.pem *.crt *.key);;All files (*)"));
        if (!file.isEmpty()) {
            field->setText(file);
            formEdited();
        }
    });
    return row;
}

ConfiguredNode* NodeSettingsDialog::selected() {
    const int row = m_list->currentRow();
    return row >= 0 && row < static_cast<int>(m_nodes.size()) ? &m_nodes[row] : nullptr;
}

void NodeSettingsDialog::showSelected() {
    const ConfiguredNode* node = selected();
    const ConfiguredNode empty;
    const ConfiguredNode& n = node ? *node : empty;
    const QSignalBlocker blockTimeout(m_timeout);
    const QSignalBlocker blockTls(m_tls);
    m_name->setText(text(n.name));
    m_address->setText(text(n.address));
    m_callingAe->setText(text(n.callingAeTitle));
    m_timeout->setValue(n.timeoutSeconds);
    m_user->setText(text(n.user));
    m_password->setText(text(n.password));
    m_token->setText(text(n.token));
    m_tls->setChecked(n.useTls);
    m_tlsCa->setText(text(n.tlsCaFile));
    m_tlsCert->setText(text(n.tlsCertFile));
    m_tlsKey->setText(text(n.tlsKeyFile));
    for (QWidget* w : std::initializer_list<QWidget*>{m_name, m_address, m_callingAe, m_timeout,
                                                      m_user, m_password, m_token, m_tls, m_tlsCa,
                                                      m_tlsCert, m_tlsKey, m_echo}) {
        w->setEnabled(node != nullptr);
    }
}

void NodeSettingsDialog::formEdited() {
    ConfiguredNode* node = selected();
    if (node == nullptr) {
        return;
    }
    node->name = m_name->text().trimmed().toStdString();
    node->address = m_address->text().trimmed().toStdString();
    node->callingAeTitle = m_callingAe->text().trimmed().toStdString();
    if (node->callingAeTitle.empty()) {
        node->callingAeTitle = "CROSSCHECK";
    }
    node->timeoutSeconds = m_timeout->value();
    node->user = m_user->text().toStdString();
    node->password = m_password->text().toStdString();
    node->token = m_token->text().toStdString();
    node->useTls = m_tls->isChecked();
    node->tlsCaFile = m_tlsCa->text().trimmed().toStdString();
    node->tlsCertFile = m_tlsCert->text().trimmed().toStdString();
    node->tlsKeyFile = m_tlsKey->text().trimmed().toStdString();
    m_list->currentItem()->setText(text(node->name));
}

void NodeSettingsDialog::addNode() {
    ConfiguredNode node;
    node.name = tr("New node %1").arg(m_nodes.size() + 1).toStdString();
    m_nodes.push_back(node);
    m_list->addItem(text(node.name));
    m_list->setCurrentRow(static_cast<int>(m_nodes.size()) - 1);
    m_address->setFocus();
}

void NodeSettingsDialog::removeSelected() {
    const int row = m_list->currentRow();
    if (row < 0 || row >= static_cast<int>(m_nodes.size())) {
        return;
    }
    m_nodes.erase(m_nodes.begin() + row);
    delete m_list->takeItem(row);
    showSelected();
}

void NodeSettingsDialog::selectNode(int index) {
    m_list->setCurrentRow(index);
}

void NodeSettingsDialog::echoSelected() {
    const ConfiguredNode* node = selected();
    if (node == nullptr || (m_task && m_task->isRunning())) {
        return;
    }
    auto result = std::make_shared<std::pair<std::string, double>>();
    m_task = std::make_unique<BackgroundTask>(tr("Echo"), [node = *node, result](const Progress&) {
        const auto client = makePacsClient(node);
        result->first = client->address();
        result->second = client->echo();
    });
    const auto end = [this](bool ok, const QString& message) {
        m_message->setText(message);
        m_echo->setEnabled(true);
        emit echoFinished(ok, message);
    };
    connect(m_task.get(), &BackgroundTask::succeeded, this, [end, result] {
        end(true, tr("%1 answers (%2 ms).")
                      .arg(text(result->first))
                      .arg(result->second, 0, 'f', result->second < 10.0 ? 1 : 0));
    });
    connect(m_task.get(), &BackgroundTask::failed, this,
            [end](const QString& message) { end(false, message); });
    m_message->setText(tr("Echo %1...").arg(text(node->address)));
    m_echo->setEnabled(false);
    m_task->start();
}

bool NodeSettingsDialog::save() {
    try {
        saveNodeList(m_file, m_nodes);
    } catch (const std::exception& e) {
        m_message->setText(text(e.what()));
        return false;
    }
    m_message->setText(
        tr("Saved %1 to %2.")
            .arg(m_nodes.size() == 1 ? tr("1 node") : tr("%1 nodes").arg(m_nodes.size()))
            .arg(text(m_file.string())));
    return true;
}

}  // namespace crosscheck::viewer
