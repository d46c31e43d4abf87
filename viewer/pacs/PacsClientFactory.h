#pragma once

#include <memory>

#include "core/pacs/ConfiguredNode.h"
#include "core/pacs/PacsClient.h"

namespace crosscheck::viewer {

/// The client for a configured node: core's DimseClient for AET@HOST:PORT, the DICOMweb
/// client (viewer/net) for an http(s) root with the node's credentials. Create it on the
/// thread that uses it (the DICOMweb client's network objects belong to their thread).
/// Throws std::invalid_argument naming the node when its configuration is unusable.
std::unique_ptr<PacsClient> makePacsClient(const ConfiguredNode& node);

}  // namespace crosscheck::viewer
