#pragma once
// Paths as the GUI shows and passes them (QString) and as core reads them
// (std::filesystem::path): one conversion each way for the window and the workflow.
#include <QString>
#include <QStringList>
#include <filesystem>
#include <vector>

namespace crosscheck::viewer {

inline std::vector<std::filesystem::path> toPaths(const QStringList& list) {
    std::vector<std::filesystem::path> paths;
    paths.reserve(static_cast<std::size_t>(list.size()));
    for (const QString& p : list) {
        paths.emplace_back(p.toStdString());
    }
    return paths;
}

inline QStringList toStrings(const std::vector<std::filesystem::path>& paths) {
    QStringList list;
    for (const auto& p : paths) {
        list << QString::fromStdString(p.string());
    }
    return list;
}

}  // namespace crosscheck::viewer
