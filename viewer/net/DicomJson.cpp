#include "viewer/net/DicomJson.h"

#include <QJsonArray>
#include <QJsonValue>

namespace crosscheck {

std::string dicomJsonText(const QJsonObject& dataset, const char* tag) {
    const QJsonArray values = dataset.value(tag).toObject().value("Value").toArray();
    std::string out;
    for (const QJsonValue& v : values) {
        if (!out.empty()) {
            out += "\\";
        }
        if (v.isObject()) {
            out += v.toObject().value("Alphabetic").toString().toStdString();
        } else if (v.isDouble()) {
            const double d = v.toDouble();
            out += d == static_cast<long long>(d) ? std::to_string(static_cast<long long>(d))
                                                  : std::to_string(d);
        } else {
            out += v.toString().toStdString();
        }
    }
    return out;
}

std::optional<int> dicomJsonInt(const QJsonObject& dataset, const char* tag) {
    const QJsonArray values = dataset.value(tag).toObject().value("Value").toArray();
    if (values.isEmpty()) {
        return std::nullopt;
    }
    const QJsonValue v = values.first();
    if (v.isDouble()) {
        return v.toInt();
    }
    bool ok = false;
    const int n = v.toString().toInt(&ok);
    return ok ? std::optional<int>(n) : std::nullopt;
}

}  // namespace crosscheck
