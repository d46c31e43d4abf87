#pragma once

#include <QJsonObject>
#include <optional>
#include <string>

namespace crosscheck {

/// The value of one attribute in the DICOM JSON model (PS3.18 F.2) as text: a person
/// name's Alphabetic group, numbers in decimal, several values joined with a backslash;
/// empty when the attribute is absent or has no value. `tag` is 8 hex digits ("0020000D").
std::string dicomJsonText(const QJsonObject& dataset, const char* tag);
std::optional<int> dicomJsonInt(const QJsonObject& dataset, const char* tag);

}  // namespace crosscheck
