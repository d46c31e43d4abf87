#include "core/pacs/ConfiguredNode.h"

#include <stdexcept>

namespace crosscheck {

namespace {

bool startsWith(const std::string& text, const char* prefix) {
    return text.rfind(prefix, 0) == 0;
}

void checkTlsFiles(const ConfiguredNode& node, const std::string& who) {
    if (!node.useTls) {
        return;
    }
    if (node.tlsCaFile.empty()) {
        throw std::invalid_argument(who +
                                    ": DICOM TLS needs the CA certificate (PEM) that signs "
                                    "the node's certificate");
    }
    if (node.tlsCertFile.empty() != node.tlsKeyFile.empty()) {
        throw std::invalid_argument(who +
                                    ": give both Crosscheck's certificate and its key, or "
                                    "neither");
    }
}

}  // namespace

bool ConfiguredNode::isDicomWeb() const {
    return startsWith(address, "http://") || startsWith(address, "https://");
}

PacsNode ConfiguredNode::dimseNode() const {
    PacsNode node = parsePacsNode(address);
    node.callingAeTitle = callingAeTitle;
    node.timeoutSeconds = timeoutSeconds;
    node.useTls = useTls;
    if (useTls) {
        node.tlsCaFile = tlsCaFile;
        node.tlsCertFile = tlsCertFile;
        node.tlsKeyFile = tlsKeyFile;
    }
    return node;
}

std::string ConfiguredNode::label() const {
    if (name.empty() || name == address) {
        return address;
    }
    return name + " (" + address + ")";
}

void checkConfiguredNode(const ConfiguredNode& node) {
    const std::string who = node.name.empty() ? "a node" : "node '" + node.name + "'";
    if (node.name.empty()) {
        throw std::invalid_argument("a node needs a name");
    }
    if (node.timeoutSeconds < 1 || node.timeoutSeconds > 3600) {
        throw std::invalid_argument(who + ": the time-out must be 1 to 3600 s");
    }
    if (node.isDicomWeb()) {
        const auto hostStart = node.address.find("://") + 3;
        if (node.address.size() <= hostStart || node.address[hostStart] == '/') {
            throw std::invalid_argument(who + ": the DICOMweb root '" + node.address +
                                        "' names no host");
        }
        if (node.useTls) {
            throw std::invalid_argument(who +
                                        ": DICOM TLS is for DIMSE nodes; a DICOMweb node "
                                        "uses TLS through an https:// root");
        }
        if (!node.user.empty() && !node.token.empty()) {
            throw std::invalid_argument(who +
                                        ": give either a user and password or a token, "
                                        "not both");
        }
        return;
    }
    if (!node.user.empty() || !node.password.empty() || !node.token.empty()) {
        throw std::invalid_argument(who +
                                    ": a user, password or token is for DICOMweb nodes "
                                    "(http://...) only");
    }
    checkTlsFiles(node, who);
    try {
        parsePacsNode(node.address);
        checkAeTitle(node.callingAeTitle, "the calling AE title");
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(who + ": " + e.what() +
                                    " (a node is AET@HOST:PORT or an http(s):// DICOMweb root)");
    }
}

}  // namespace crosscheck
