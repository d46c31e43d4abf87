#include "core/pacs/internal/DimseTls.h"

#include <fstream>
#include <mutex>

#include "core/util/AsciiLower.h"

namespace crosscheck {

namespace {

PacsError local(const PacsNode& node, const std::string& reason) {
    return PacsError(node.address(), PacsFailure::Local, "TLS: " + reason);
}

void requireReadable(const PacsNode& node, const std::string& file, const std::string& what) {
    if (file.empty()) {
        throw local(node, "no " + what + " given");
    }
    if (!std::ifstream(file).good()) {
        throw local(node, "cannot read the " + what + " '" + file + "'");
    }
}

}  // namespace

std::unique_ptr<DcmTLSTransportLayer> makeClientTls(const PacsNode& node) {
    requireReadable(node, node.tlsCaFile, "CA certificate file");
    if (node.tlsCertFile.empty() != node.tlsKeyFile.empty()) {
        throw local(node, "a client certificate needs both its certificate and its key file");
    }
    // OpenSSL is initialised once per process; every later layer skips it.
    static std::once_flag once;
    bool first = false;
    std::call_once(once, [&first] { first = true; });
    auto layer =
        std::make_unique<DcmTLSTransportLayer>(NET_REQUESTOR, nullptr, first ? OFTrue : OFFalse);
    if (layer->setTLSProfile(TSP_Profile_BCP195).bad() || layer->activateCipherSuites().bad()) {
        throw local(node, "OpenSSL offers none of the BCP 195 cipher suites");
    }
    if (layer->addTrustedCertificateFile(node.tlsCaFile.c_str(), DCF_Filetype_PEM).bad()) {
        throw local(node, "'" + node.tlsCaFile + "' is not a PEM certificate");
    }
    layer->setCertificateVerification(DCV_requireCertificate);
    if (!node.tlsCertFile.empty()) {
        requireReadable(node, node.tlsCertFile, "client certificate file");
        requireReadable(node, node.tlsKeyFile, "client key file");
        if (layer->setPrivateKeyFile(node.tlsKeyFile.c_str(), DCF_Filetype_PEM).bad()) {
            throw local(node, "'" + node.tlsKeyFile + "' is not an unencrypted PEM private key");
        }
        if (layer->setCertificateFile(node.tlsCertFile.c_str(), DCF_Filetype_PEM).bad()) {
            throw local(node, "'" + node.tlsCertFile + "' is not a PEM certificate");
        }
        if (!layer->checkPrivateKeyMatchesCertificate()) {
            throw local(node, "the key '" + node.tlsKeyFile +
                                  "' does not belong to the certificate '" + node.tlsCertFile +
                                  "'");
        }
    }
    return layer;
}

std::optional<PacsError> tlsError(const OFCondition& cond, const PacsNode& node) {
    const std::string text = asciiLower(cond.text());
    if (!node.useTls || (text.find("secure transport") == std::string::npos &&
                         text.find("tls") == std::string::npos)) {
        return std::nullopt;
    }
    const std::string address = node.address();
    const std::string detail = " (" + std::string(cond.text()) + ")";
    if (text.find("certificate verify failed") != std::string::npos ||
        text.find("unknown ca") != std::string::npos ||
        text.find("self-signed") != std::string::npos ||
        text.find("self signed") != std::string::npos) {
        return PacsError(address, PacsFailure::TlsRefused,
                         "TLS handshake failed: the node's certificate is not trusted (not signed "
                         "by the CA in '" +
                             node.tlsCaFile + "')");
    }
    if (text.find("certificate required") != std::string::npos ||
        text.find("handshake failure") != std::string::npos ||
        text.find("bad certificate") != std::string::npos) {
        return PacsError(
            address, PacsFailure::TlsRefused,
            "TLS handshake failed: the node refused Crosscheck's certificate" +
                std::string(node.tlsCertFile.empty()
                                ? " (it requires one: give a client certificate and its key)"
                                : " (is it signed by a CA the node trusts?)") +
                detail);
    }
    if (text.find("wrong version") != std::string::npos ||
        text.find("unexpected eof") != std::string::npos ||
        text.find("packet length") != std::string::npos) {
        return PacsError(address, PacsFailure::TlsRefused,
                         "TLS handshake failed: does the node speak DICOM TLS on port " +
                             std::to_string(node.port) + "?" + detail);
    }
    return PacsError(address, PacsFailure::TlsRefused, "TLS handshake failed" + detail);
}

}  // namespace crosscheck
