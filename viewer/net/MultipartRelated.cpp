#include "viewer/net/MultipartRelated.h"

#include <QList>

namespace crosscheck {

QByteArray multipartBoundary(const QByteArray& contentType) {
    for (QByteArray param : contentType.split(';')) {
        param = param.trimmed();
        if (param.toLower().startsWith("boundary=")) {
            QByteArray value = param.mid(9).trimmed();
            if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"')) {
                value = value.mid(1, value.size() - 2);
            }
            return value;
        }
    }
    return {};
}

std::vector<QByteArrayView> multipartParts(const QByteArray& body, const QByteArray& boundary) {
    std::vector<QByteArrayView> parts;
    const QByteArray delimiter = "--" + boundary;
    qsizetype at = body.indexOf(delimiter);
    while (at >= 0) {
        qsizetype start = at + delimiter.size();
        if (body.mid(start, 2) == "--") {
            break;  // the closing delimiter
        }
        const qsizetype headersEnd = body.indexOf("\r\n\r\n", start);
        if (headersEnd < 0) {
            break;
        }
        start = headersEnd + 4;
        const qsizetype next = body.indexOf("\r\n" + delimiter, start);
        if (next < 0) {
            break;  // truncated: the last part is incomplete
        }
        parts.emplace_back(body.constData() + start, next - start);
        at = next + 2;
    }
    return parts;
}

QByteArray multipartBody(const std::vector<QByteArray>& parts, const QByteArray& partType,
                         const QByteArray& boundary) {
    QByteArray out;
    for (const QByteArray& part : parts) {
        out += "--" + boundary + "\r\nContent-Type: " + partType + "\r\n\r\n";
        out += part;
        out += "\r\n";
    }
    out += "--" + boundary + "--\r\n";
    return out;
}

}  // namespace crosscheck
