#pragma once

#include <string>

namespace crosscheck {

/// `text` with A-Z turned to a-z and every other byte kept: for matching DICOM text and
/// library messages without regard to case (not a Unicode case fold).
std::string asciiLower(std::string text);

}  // namespace crosscheck
