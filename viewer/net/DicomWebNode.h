#pragma once

#include <string>

namespace crosscheck {

/// A DICOMweb server as configured: its root URL (`http(s)://HOST:PORT/PATH`, e.g. Orthanc's
/// `http://127.0.0.1:8042/dicom-web`), optional HTTP basic credentials or a bearer token,
/// and how long one request may take. The credentials are sent in the Authorization header
/// only; nothing Crosscheck prints or writes contains them (`address()` is the root URL
/// without any user information).
struct DicomWebNode {
    std::string root;
    std::string user, password;  // basic authentication when `user` is not empty
    std::string token;           // bearer authentication when not empty (wins over basic)
    int timeoutSeconds = 30;

    std::string address() const;
};

/// True for text that names a DICOMweb root (starts with http:// or https://).
bool isDicomWebAddress(const std::string& text);

}  // namespace crosscheck
