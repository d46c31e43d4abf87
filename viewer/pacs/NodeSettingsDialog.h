#pragma once

#include <QDialog>
#include <filesystem>
#include <memory>
#include <vector>

#include "core/pacs/ConfiguredNode.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace crosscheck::viewer {

class BackgroundTask;

/// The PACS node settings: the configured nodes (name, AET@HOST:PORT or DICOMweb root,
/// calling AE title, time-out, DICOMweb user/password or token, DICOM TLS with its CA and
/// optional client certificate and key for a DIMSE node) listed on the left, the
/// selected one edited on the right; Add, Remove, and Echo, which checks the node as it
/// is in the form (C-ECHO or a QIDO-RS request, off the GUI thread) and says "answers in
/// N ms" or the error sentence naming the node. Save writes the list (core/pacs
/// PacsNodeList: user-only permissions, atomically); an unusable node is said, nothing
/// written. Passwords and tokens are shown as dots and never in a message.
class NodeSettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit NodeSettingsDialog(std::filesystem::path nodeListFile, QWidget* parent = nullptr);
    ~NodeSettingsDialog() override;

    const std::vector<ConfiguredNode>& nodes() const { return m_nodes; }
    /// Adds "New node" (DIMSE, empty address) and selects it.
    void addNode();
    void removeSelected();
    void selectNode(int index);
    /// Checks the selected node as the form has it; ends with echoFinished.
    void echoSelected();
    /// Writes the list; false (the reason in the dialog) when a node is unusable or the
    /// file cannot be written.
    bool save();
    /// The last message (echo outcome, save error).
    QString messageText() const;

    QListWidget* nodeList() const { return m_list; }
    QLineEdit* nameField() const { return m_name; }
    QLineEdit* addressField() const { return m_address; }
    QLineEdit* callingAeField() const { return m_callingAe; }
    QSpinBox* timeoutField() const { return m_timeout; }
    QLineEdit* userField() const { return m_user; }
    QLineEdit* passwordField() const { return m_password; }
    QLineEdit* tokenField() const { return m_token; }
    QCheckBox* tlsField() const { return m_tls; }
    QLineEdit* tlsCaField() const { return m_tlsCa; }
    QLineEdit* tlsCertField() const { return m_tlsCert; }
    QLineEdit* tlsKeyField() const { return m_tlsKey; }
    QPushButton* echoButton() const { return m_echo; }

signals:
    void echoFinished(bool ok, const QString& text);

private:
    /// Copies the form into the selected node (every edit does).
    void formEdited();
    void showSelected();
    ConfiguredNode* selected();
    /// A PEM file's field with a "..." button that picks the file.
    QWidget* withBrowseButton(QLineEdit* field, const QString& title);

    std::filesystem::path m_file;
    std::vector<ConfiguredNode> m_nodes;
    QListWidget* m_list;
    QLineEdit* m_name;
    QLineEdit* m_address;
    QLineEdit* m_callingAe;
    QSpinBox* m_timeout;
    QLineEdit* m_user;
    QLineEdit* m_password;
    QLineEdit* m_token;
    QCheckBox* m_tls;
    QLineEdit* m_tlsCa;
    QLineEdit* m_tlsCert;
    QLineEdit* m_tlsKey;
    QPushButton* m_echo;
    QLabel* m_message;
    std::unique_ptr<BackgroundTask> m_task;
};

}  // namespace crosscheck::viewer
