#pragma once
// The window's Help menu: Keyboard and mouse (F1), every menu shortcut of the window and
// the panes' mouse and keys in one window of its own (kept, hidden on close, refilled
// when shown again, since menu texts change), and About (version, commit, library
// versions and what the software is not).
#include <QObject>
#include <QString>

class QDialog;
class QMainWindow;
class QTableWidget;

namespace crosscheck::app {

class HelpMenu : public QObject {
    Q_OBJECT
public:
    /// Adds the Help menu to the window's menu bar; add it after the other menus.
    explicit HelpMenu(QMainWindow* window);

    QDialog* showKeyboardHelp();
    void showAbout();
    QString aboutText() const;

private:
    QMainWindow* m_window;
    QDialog* m_keyboardHelp = nullptr;
    QTableWidget* m_keyboardTable = nullptr;
};

}  // namespace crosscheck::app
