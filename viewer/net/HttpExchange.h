#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <memory>
#include <string>

#include "viewer/net/DicomWebNode.h"

class QNetworkAccessManager;

namespace crosscheck {

/// What came back from one HTTP request.
struct HttpResult {
    int status = 0;
    QByteArray contentType;
    QByteArray body;
};

/// Blocking HTTP requests to one DICOMweb node, on a private event loop so that the command
/// line (no running Qt application) and worker threads can use it alike. Adds the node's
/// Authorization header; bounds each request by the node's time-out (aborting it). Every
/// failure throws PacsError naming the node: connection refused, host not found, timed out
/// after N s, authentication refused (HTTP 401/403), other HTTP errors with their status.
/// Credentials never appear in a message.
class HttpExchange {
public:
    explicit HttpExchange(DicomWebNode node);
    ~HttpExchange();
    HttpExchange(const HttpExchange&) = delete;
    HttpExchange& operator=(const HttpExchange&) = delete;

    /// GET root + path (path starts with '/', query included), accepting `accept`.
    HttpResult get(const std::string& pathAndQuery, const QByteArray& accept);
    /// POST body to root + path.
    HttpResult post(const std::string& path, const QByteArray& contentType, const QByteArray& body,
                    const QByteArray& accept);

    const DicomWebNode& node() const { return m_node; }

private:
    HttpResult send(const std::string& pathAndQuery, const QByteArray* body,
                    const QByteArray& contentType, const QByteArray& accept);

    DicomWebNode m_node;
    std::unique_ptr<QNetworkAccessManager> m_network;
};

}  // namespace crosscheck
