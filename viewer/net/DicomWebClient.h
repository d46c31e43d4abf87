#pragma once

#include <memory>

#include "core/pacs/PacsClient.h"
#include "viewer/net/DicomWebNode.h"

namespace crosscheck {

class HttpExchange;

/// A DICOMweb node behind the same interface as a DIMSE one (PacsClient): QIDO-RS searches
/// (`/studies`, `/series`; patient level is the studies grouped by patient, QIDO-RS having
/// no patient resource), WADO-RS retrieval of a study or series (multipart/related
/// application/dicom, each part written through RetrievedFiles: temporary name, renamed
/// when complete), STOW-RS of files (one request per file, so a refusal names its file).
/// HTTP through Qt Network, which is why this lives outside core. Basic or bearer
/// authentication from the node; credentials never appear in messages or results.
/// A WADO-RS response is held in memory before its parts are written (fine for a study
/// of a few hundred MB; a streaming parser would lift that).
class DicomWebClient : public PacsClient {
public:
    explicit DicomWebClient(DicomWebNode node);
    ~DicomWebClient() override;

    std::string address() const override;
    double echo() override;
    std::vector<PacsMatch> find(const PacsQuery& query) override;
    RetrieveResult retrieve(const RetrieveRequest& request, const Progress& progress) override;
    StoreResult store(const std::vector<std::string>& files, const Progress& progress) override;

private:
    int countInstances(const RetrieveRequest& request);

    DicomWebNode m_node;
    std::unique_ptr<HttpExchange> m_http;
};

}  // namespace crosscheck
