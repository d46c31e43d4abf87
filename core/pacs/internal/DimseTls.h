#pragma once

// Private to core/pacs: DICOM TLS for an SCU through DCMTK's dcmtls (names DCMTK types).

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmnet/cond.h>
#include <dcmtk/dcmtls/tlslayer.h>

#include <memory>
#include <optional>
#include <string>

#include "core/pacs/PacsError.h"
#include "core/pacs/PacsNode.h"

namespace crosscheck {

/// The TLS layer of a requestor for `node` (node.useTls): BCP 195 profile, the node's
/// certificate must chain to node.tlsCaFile, and node.tlsCertFile/tlsKeyFile (PEM) are
/// presented when given. Throws PacsError(Local) naming the node and the file that cannot
/// be read or does not fit.
std::unique_ptr<DcmTLSTransportLayer> makeClientTls(const PacsNode& node);

/// A failed TLS handshake as a sentence for the user (certificate not trusted, client
/// certificate required, no TLS on that port, ...); nullopt when `cond` is not about TLS.
std::optional<PacsError> tlsError(const OFCondition& cond, const PacsNode& node);

}  // namespace crosscheck
