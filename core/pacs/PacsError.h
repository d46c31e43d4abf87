#pragma once

#include <stdexcept>
#include <string>

namespace crosscheck {

/// What went wrong talking to a node, in terms a user can act on.
enum class PacsFailure {
    ConnectionRefused,    // nothing listens there: server down or wrong port
    HostNotFound,         // the host name does not resolve
    AssociationRejected,  // the node refused the association (AE titles, not configured)
    TimedOut,             // no answer within the node's time-out
    Aborted,              // the association broke off mid-operation
    Incomplete,           // fewer instances arrived than the node found
    Refused,              // the node answered with a failure status
    TlsRefused,           // the TLS handshake failed (certificate not trusted, none given)
    Local,                // a file could not be read or written here
};

/// Thrown by the PACS client. what() is one sentence that starts with the node's address:
/// "ORTHANC@127.0.0.1:4242: connection refused (is the PACS running, is the port right?)".
class PacsError : public std::runtime_error {
public:
    PacsError(const std::string& node, PacsFailure failure, const std::string& reason)
        : std::runtime_error(node + ": " + reason), m_node(node), m_failure(failure) {}

    const std::string& node() const { return m_node; }
    PacsFailure failure() const { return m_failure; }

private:
    std::string m_node;
    PacsFailure m_failure;
};

}  // namespace crosscheck
