#pragma once

#include <filesystem>
#include <vector>

#include "core/pacs/ConfiguredNode.h"

namespace crosscheck {

/// The configured nodes, kept in one JSON file (docs/pacs.md):
///
///     {"version": 1, "nodes": [{"name": "Hospital PACS", "address": "PACS@10.0.0.5:104",
///       "calling_aet": "CROSSCHECK", "timeout_s": 30}, {"name": "Orthanc web",
///       "address": "http://127.0.0.1:8042/dicom-web", "user": "u", "password": "p"}]}
///
/// The file holds credentials, so it is written with user-only permissions (0600, its
/// folder 0700 when created) and atomically: a temporary file in the same folder,
/// flushed, then renamed over the old one, so a crash leaves the old list or the new one.
/// Keys this version does not know are ignored when read and written back unchanged (a
/// newer Crosscheck may add some, TLS settings for instance).

/// $XDG_CONFIG_HOME/crosscheck/nodes.json, or ~/.config/crosscheck/nodes.json.
std::filesystem::path defaultNodeListLocation();

/// The nodes in the file, in its order; none when the file does not exist. Throws
/// std::runtime_error naming the file (and the node) when it cannot be read, is not JSON
/// of this form, or a node is unusable (checkConfiguredNode).
std::vector<ConfiguredNode> loadNodeList(const std::filesystem::path& file);

/// Replaces the file with these nodes (creating its folder). Throws std::invalid_argument
/// when a node is unusable or two share a name, std::runtime_error naming the file when it
/// cannot be written (the old file is then untouched).
void saveNodeList(const std::filesystem::path& file, const std::vector<ConfiguredNode>& nodes);

}  // namespace crosscheck
