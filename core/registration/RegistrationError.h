#pragma once

#include <stdexcept>
#include <string>

namespace crosscheck {

/// Thrown when a registration cannot be computed from what it was given (too few or
/// degenerate landmarks, an empty image, no overlap). The message says why, in words a
/// user can act on.
class RegistrationError : public std::runtime_error {
public:
    explicit RegistrationError(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace crosscheck
