#pragma once

#include <stdexcept>
#include <string>

namespace crosscheck {

/// Thrown when a DICOM file or series cannot be used. The message always names the file
/// (or the series) and the reason, so a user can act on it: "CT/0001.dcm: truncated pixel
/// data (expected 524288 bytes, found 1200)".
class DicomError : public std::runtime_error {
public:
    DicomError(const std::string& file, const std::string& reason)
        : std::runtime_error(file + ": " + reason), m_file(file), m_reason(reason) {}

    const std::string& file() const { return m_file; }
    const std::string& reason() const { return m_reason; }

private:
    std::string m_file;
    std::string m_reason;
};

}  // namespace crosscheck
