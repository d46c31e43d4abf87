#pragma once

#include <stdexcept>
#include <string>

namespace crosscheck {

/// Thrown when a report file cannot be written: it exists and overwriting was not allowed,
/// the folder cannot be created, the disk refused, or the SR could not be built. The
/// message names the file and the reason.
class ReportWriteError : public std::runtime_error {
public:
    explicit ReportWriteError(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace crosscheck
