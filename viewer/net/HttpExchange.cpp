#include "viewer/net/HttpExchange.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>
#include <algorithm>

#include "core/pacs/PacsError.h"

namespace crosscheck {

namespace {

/// Qt's networking needs an application object; the command line has none.
void ensureApplication() {
    if (QCoreApplication::instance() == nullptr) {
        static int argc = 1;
        static char name[] = "crosscheck-cli";
        static char* argv[] = {name, nullptr};
        static QCoreApplication* app = new QCoreApplication(argc, argv);
        (void)app;
    }
}

}  // namespace

HttpExchange::HttpExchange(DicomWebNode node) : m_node(std::move(node)) {
    ensureApplication();
    m_network = std::make_unique<QNetworkAccessManager>();
}

HttpExchange::~HttpExchange() = default;

HttpResult HttpExchange::get(const std::string& pathAndQuery, const QByteArray& accept) {
    return send(pathAndQuery, nullptr, QByteArray(), accept);
}

HttpResult HttpExchange::post(const std::string& path, const QByteArray& contentType,
                              const QByteArray& body, const QByteArray& accept) {
    return send(path, &body, contentType, accept);
}

HttpResult HttpExchange::send(const std::string& pathAndQuery, const QByteArray* body,
                              const QByteArray& contentType, const QByteArray& accept) {
    std::string root = m_node.root;
    while (!root.empty() && root.back() == '/') {
        root.pop_back();
    }
    QNetworkRequest request(QUrl(QString::fromStdString(root + pathAndQuery)));
    request.setRawHeader("Accept", accept);
    if (!m_node.token.empty()) {
        request.setRawHeader("Authorization", "Bearer " + QByteArray::fromStdString(m_node.token));
    } else if (!m_node.user.empty()) {
        const QByteArray pair = QByteArray::fromStdString(m_node.user + ":" + m_node.password);
        request.setRawHeader("Authorization", "Basic " + pair.toBase64());
    }
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    QNetworkReply* reply = nullptr;
    if (body != nullptr) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        reply = m_network->post(request, *body);
    } else {
        reply = m_network->get(request);
    }
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    bool timedOut = false;
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        reply->abort();
    });
    // Each chunk that arrives restarts the clock: the time-out bounds silence, not size.
    const int ms = std::max(1, m_node.timeoutSeconds) * 1000;
    QObject::connect(reply, &QNetworkReply::downloadProgress, &timer, [&] { timer.start(ms); });
    QObject::connect(reply, &QNetworkReply::uploadProgress, &timer, [&] { timer.start(ms); });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    timer.start(ms);
    if (!reply->isFinished()) {
        loop.exec();
    }
    std::unique_ptr<QNetworkReply> owned(reply);
    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    if (reply->isOpen()) {  // an aborted reply is closed: reading it only warns
        result.body = reply->readAll();
    }
    const std::string node = m_node.address();
    const std::string seconds = std::to_string(std::max(1, m_node.timeoutSeconds));
    if (timedOut) {
        throw PacsError(node, PacsFailure::TimedOut, "timed out after " + seconds + " s");
    }
    switch (reply->error()) {
        case QNetworkReply::NoError:
            return result;
        case QNetworkReply::ConnectionRefusedError:
            throw PacsError(node, PacsFailure::ConnectionRefused,
                            "connection refused (is the server running, and is the port right?)");
        case QNetworkReply::HostNotFoundError:
            throw PacsError(node, PacsFailure::HostNotFound, "host not found");
        case QNetworkReply::RemoteHostClosedError:
            throw PacsError(node, PacsFailure::Aborted, "the server closed the connection");
        case QNetworkReply::AuthenticationRequiredError:
            throw PacsError(node, PacsFailure::Refused,
                            "authentication refused (HTTP 401: check the user and password or "
                            "token)");
        default:
            break;
    }
    if (result.status == 401 || result.status == 403) {
        throw PacsError(node, PacsFailure::Refused,
                        "authentication refused (HTTP " + std::to_string(result.status) +
                            ": check the user and password or token)");
    }
    if (result.status >= 400) {
        throw PacsError(node, PacsFailure::Refused,
                        "the server answered HTTP " + std::to_string(result.status) + " to " +
                            pathAndQuery.substr(0, pathAndQuery.find('?')));
    }
    throw PacsError(node, PacsFailure::Aborted, reply->errorString().toStdString());
}

}  // namespace crosscheck
