#pragma once

#include <string>

#include "core/pacs/PacsNode.h"

namespace crosscheck {

/// A node the user configured once and picks by name in the viewer: a display name and
/// either a DIMSE address "AET@HOST:PORT" (with the calling AE title Crosscheck uses) or a
/// DICOMweb root URL "http(s)://HOST:PORT/PATH" (with optional HTTP basic credentials or a
/// bearer token); the time-out (seconds) bounds each network step either way. A DIMSE node
/// may ask for DICOM TLS (`useTls`, the CA to trust, optionally Crosscheck's own certificate
/// and key: PacsNode says how they are used); a DICOMweb node gets TLS from https://.
///
/// The credentials are secrets: nothing but the node list file (user-only permissions) and
/// the Authorization header ever holds them; `label()` and `address` carry none.
/// `extraJson` keeps the keys of the file this version does not know (a JSON object, or
/// empty), so a node written by a newer Crosscheck keeps them when this one saves the list.
struct ConfiguredNode {
    std::string name;
    std::string address;
    std::string callingAeTitle = "CROSSCHECK";
    int timeoutSeconds = 30;
    std::string user, password;  // DICOMweb basic authentication when `user` is not empty
    std::string token;           // DICOMweb bearer authentication when not empty
    bool useTls = false;         // DIMSE over DICOM TLS
    std::string tlsCaFile, tlsCertFile, tlsKeyFile;  // PEM files (see PacsNode)
    std::string extraJson;

    /// True when `address` is an http:// or https:// root.
    bool isDicomWeb() const;
    /// The DIMSE node (AE titles, host, port, time-out). Throws std::invalid_argument (the
    /// reason, naming the node) when `address` is not AET@HOST:PORT.
    PacsNode dimseNode() const;
    /// "NAME (ADDRESS)", or the address alone when the name is empty or the same.
    std::string label() const;
};

/// Throws std::invalid_argument with one sentence naming the node when it cannot be used:
/// no name, an address that is neither AET@HOST:PORT nor http(s)://..., a bad calling AE
/// title, a time-out outside 1..3600 s, both basic credentials and a token, credentials
/// on a DIMSE node, TLS on a DICOMweb node (that is https://), TLS without a CA file, or a
/// client certificate without its key (or the other way round).
void checkConfiguredNode(const ConfiguredNode& node);

}  // namespace crosscheck
