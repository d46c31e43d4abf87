#include "viewer/net/DicomWebClient.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QUrlQuery>
#include <chrono>
#include <fstream>
#include <map>

#include "core/pacs/PacsError.h"
#include "core/pacs/RetrievedFiles.h"
#include "viewer/net/DicomJson.h"
#include "viewer/net/HttpExchange.h"
#include "viewer/net/MultipartRelated.h"

namespace crosscheck {

namespace {

using Clock = std::chrono::steady_clock;
constexpr const char* kJson = "application/dicom+json";
constexpr const char* kDicomParts = "multipart/related; type=\"application/dicom\"";
constexpr const char* kBoundary = "crosscheck-stow-5f1d0c7a";

// Attributes every search asks for (hex tags, as QIDO-RS includefield takes them).
constexpr const char* kIncluded[] = {"00100010", "00100020", "0020000D", "00080020",
                                     "00081030", "00080050", "00080061", "00201208",
                                     "0020000E", "00080060", "0008103E", "00201209"};

QJsonArray jsonArray(const HttpResult& r, const std::string& node) {
    if (r.body.trimmed().isEmpty()) {
        return {};  // "204 No Content": nothing matched
    }
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(r.body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray()) {
        throw PacsError(
            node, PacsFailure::Refused,
            "the server's search answer is not DICOM JSON: " + error.errorString().toStdString());
    }
    return doc.array();
}

std::string queryString(const PacsQuery& q, bool series) {
    QUrlQuery query;
    auto add = [&](const char* key, const std::string& value) {
        if (!value.empty()) {
            query.addQueryItem(key, QString::fromStdString(value));
        }
    };
    add("00100010", q.patientName);
    add("00100020", q.patientId);
    add("00100030", q.patientBirthDate);
    add("00080020", q.studyDate);
    add("00080050", q.accessionNumber);
    add("00081030", q.studyDescription);
    add("0020000D", q.studyInstanceUid);
    add(series ? "00080060" : "00080061", q.modality);
    for (const char* tag : kIncluded) {
        query.addQueryItem("includefield", tag);
    }
    // Percent-encoded as the standard wants ('^' is "%5E"). Orthanc's DICOMweb plugin 1.7
    // does not decode "%5E", so there a name pattern with '^' matches nothing: docs/pacs.md.
    return "?" + query.toString(QUrl::FullyEncoded).toStdString();
}

std::string pathOf(const RetrieveRequest& r) {
    std::string path = "/studies/" + r.studyInstanceUid;
    if (!r.seriesInstanceUid.empty()) {
        path += "/series/" + r.seriesInstanceUid;
    }
    return path;
}

}  // namespace

DicomWebClient::DicomWebClient(DicomWebNode node)
    : m_node(std::move(node)), m_http(std::make_unique<HttpExchange>(m_node)) {}

DicomWebClient::~DicomWebClient() = default;

std::string DicomWebClient::address() const {
    return m_node.address();
}

double DicomWebClient::echo() {
    const auto start = Clock::now();
    m_http->get("/studies?limit=1", kJson);
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::vector<PacsMatch> DicomWebClient::find(const PacsQuery& query) {
    checkQuery(query);
    const bool series = query.level == QueryLevel::Series;
    const QJsonArray found = jsonArray(
        m_http->get((series ? "/series" : "/studies") + queryString(query, series), kJson),
        address());
    std::vector<PacsMatch> matches;
    std::map<std::pair<std::string, std::string>, std::size_t> patients;
    for (const QJsonValue& value : found) {
        const QJsonObject d = value.toObject();
        PacsMatch m;
        m.level = query.level;
        m.patientId = dicomJsonText(d, "00100020");
        m.patientName = dicomJsonText(d, "00100010");
        if (query.level == QueryLevel::Patient) {
            // QIDO-RS has no patient resource: one match per patient of the studies found.
            const auto key = std::make_pair(m.patientId, m.patientName);
            const std::optional<int> n = dicomJsonInt(d, "00201208");
            const auto it = patients.find(key);
            if (it == patients.end()) {
                m.instances = n;
                patients[key] = matches.size();
                matches.push_back(std::move(m));
            } else if (n && matches[it->second].instances) {
                *matches[it->second].instances += *n;
            }
            continue;
        }
        m.studyInstanceUid = dicomJsonText(d, "0020000D");
        m.studyDate = dicomJsonText(d, "00080020");
        m.studyDescription = dicomJsonText(d, "00081030");
        m.accessionNumber = dicomJsonText(d, "00080050");
        if (series) {
            m.seriesInstanceUid = dicomJsonText(d, "0020000E");
            m.modality = dicomJsonText(d, "00080060");
            m.seriesDescription = dicomJsonText(d, "0008103E");
            m.instances = dicomJsonInt(d, "00201209");
        } else {
            m.modality = dicomJsonText(d, "00080061");
            m.instances = dicomJsonInt(d, "00201208");
        }
        matches.push_back(std::move(m));
    }
    return matches;
}

int DicomWebClient::countInstances(const RetrieveRequest& request) {
    PacsQuery q;
    q.level = request.seriesInstanceUid.empty() ? QueryLevel::Study : QueryLevel::Series;
    q.studyInstanceUid = request.studyInstanceUid;
    int total = 0;
    bool known = false;
    for (const PacsMatch& m : find(q)) {
        if ((request.seriesInstanceUid.empty() ||
             m.seriesInstanceUid == request.seriesInstanceUid) &&
            m.instances) {
            total += *m.instances;
            known = true;
        }
    }
    return known ? total : -1;
}

RetrieveResult DicomWebClient::retrieve(const RetrieveRequest& request, const Progress& progress) {
    const auto start = Clock::now();
    const int expected = countInstances(request);
    const HttpResult r = m_http->get(pathOf(request), kDicomParts);
    if (progress.cancelled()) {
        throw Cancelled();
    }
    const QByteArray boundary = multipartBoundary(r.contentType);
    if (boundary.isEmpty()) {
        throw PacsError(address(), PacsFailure::Refused,
                        "the WADO-RS answer is not multipart/related (Content-Type '" +
                            r.contentType.toStdString() + "')");
    }
    RetrievedFiles files(request.outDir);
    const std::vector<QByteArrayView> parts = multipartParts(r.body, boundary);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (progress.cancelled()) {
            throw Cancelled();
        }
        const std::string temp = files.begin("wado-" + std::to_string(i));
        {
            std::ofstream out(temp, std::ios::binary);
            out.write(parts[i].data(), parts[i].size());
            if (!out.flush()) {
                files.discard(temp);
                throw PacsError(address(), PacsFailure::Local, temp + ": cannot write");
            }
        }
        files.complete(temp, "");
        progress(expected > 0 ? std::min(1.0, double(i + 1) / expected) : 0.0, "retrieving");
    }
    const int received = files.count();
    if (expected >= 0 && received < expected) {
        throw PacsError(address(), PacsFailure::Incomplete,
                        "only " + std::to_string(received) + " of " + std::to_string(expected) +
                            " instances were retrieved by WADO-RS");
    }
    if (received == 0) {
        throw PacsError(address(), PacsFailure::Incomplete,
                        "WADO-RS brought no instances (does the server have that study?)");
    }
    RetrieveResult result;
    result.instances = received;
    result.bytes = files.bytes();
    result.expected = expected;
    result.files = files.files();
    result.ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    return result;
}

StoreResult DicomWebClient::store(const std::vector<std::string>& files, const Progress& progress) {
    StoreResult result;
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (progress.cancelled()) {
            throw Cancelled();
        }
        QFile file(QString::fromStdString(files[i]));
        if (!file.open(QIODevice::ReadOnly)) {
            result.failed.push_back({files[i], "cannot read: " + file.errorString().toStdString()});
            continue;
        }
        const QByteArray body = multipartBody({file.readAll()}, "application/dicom", kBoundary);
        const QByteArray type = QByteArray(kDicomParts) + "; boundary=" + kBoundary;
        try {
            const HttpResult r = m_http->post("/studies", type, body, kJson);
            const QJsonObject answer = QJsonDocument::fromJson(r.body).object();
            const QJsonArray failures =
                answer.value("00081198").toObject().value("Value").toArray();  // FailedSOPSequence
            if (!failures.isEmpty()) {
                result.failed.push_back(
                    {files[i], "refused by STOW-RS (failure reason " +
                                   dicomJsonText(failures.first().toObject(), "00081197") + ")"});
            } else {
                ++result.sent;
            }
        } catch (const PacsError& e) {
            if (e.failure() != PacsFailure::Refused ||
                std::string(e.what()).find("authentication") != std::string::npos) {
                throw;
            }
            result.failed.push_back({files[i], e.what()});
        }
        progress(double(i + 1) / files.size(), "sending");
    }
    return result;
}

}  // namespace crosscheck
