#include "viewer/pacs/PacsClientFactory.h"

#include <stdexcept>

#include "core/pacs/DimseClient.h"
#ifdef CROSSCHECK_VIEWER_HAS_DICOMWEB
#include "viewer/net/DicomWebClient.h"
#endif

namespace crosscheck::viewer {

std::unique_ptr<PacsClient> makePacsClient(const ConfiguredNode& node) {
    checkConfiguredNode(node);
    if (!node.isDicomWeb()) {
        return std::make_unique<DimseClient>(node.dimseNode());
    }
#ifdef CROSSCHECK_VIEWER_HAS_DICOMWEB
    DicomWebNode web;
    web.root = node.address;
    web.user = node.user;
    web.password = node.password;
    web.token = node.token;
    web.timeoutSeconds = node.timeoutSeconds;
    return std::make_unique<DicomWebClient>(web);
#else
    throw std::invalid_argument(node.address + ": this build has no DICOMweb client (Qt Network)");
#endif
}

}  // namespace crosscheck::viewer
