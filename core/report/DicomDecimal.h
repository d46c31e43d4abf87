#pragma once

#include <string>

namespace crosscheck {

/// A value for a DICOM Decimal String (DS) element: at most 16 characters, as many
/// significant digits as fit ("-123.456789012" rather than a rounded "-123.46").
std::string dicomDecimalString(double value);

}  // namespace crosscheck
