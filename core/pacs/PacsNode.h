#pragma once

#include <string>

namespace crosscheck {

/// A DIMSE peer (a PACS, an Orthanc, a modality) as the user configured it: the AE title
/// the node answers to (`aeTitle`, the "called" AE), where it listens (`host`, `port`), the
/// AE title Crosscheck introduces itself with (`callingAeTitle`) and how long any one step
/// (TCP connect, association negotiation, each DIMSE message) may take before giving up
/// (`timeoutSeconds`). Every error about the node names it by `address()`.
///
/// DICOM TLS (PS3.15 Annex B, DCMTK's dcmtls, BCP 195 cipher suites) when `useTls`: the
/// node's certificate must chain to the CA certificate in `tlsCaFile` (PEM; required with
/// TLS); `tlsCertFile` and `tlsKeyFile` (PEM, an unencrypted key; both or neither) are
/// Crosscheck's own certificate for nodes that require one. The host name is not compared
/// with the certificate (DICOM TLS nodes are commonly addressed by IP): trust comes from
/// the CA alone, so give a CA that signs only PACS certificates.
struct PacsNode {
    std::string aeTitle;
    std::string host;
    int port = 104;
    std::string callingAeTitle = "CROSSCHECK";
    int timeoutSeconds = 30;
    bool useTls = false;
    std::string tlsCaFile;
    std::string tlsCertFile;
    std::string tlsKeyFile;

    /// "AET@HOST:PORT", the form the command line takes.
    std::string address() const;
};

/// Reads "AET@HOST:PORT". Throws std::invalid_argument with a sentence saying what is
/// wrong (missing '@', AE title longer than 16 characters, port not in 1..65535).
PacsNode parsePacsNode(const std::string& text);

/// Throws std::invalid_argument unless `title` is a usable AE title: 1 to 16 characters,
/// no backslash, no control characters, not only spaces.
void checkAeTitle(const std::string& title, const std::string& what);

}  // namespace crosscheck
