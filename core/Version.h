#pragma once

namespace crosscheck {

/// The software version ("0.1.0"), recorded in every report's provenance.
const char* versionString();
/// The git commit the build was configured from, or "unknown".
const char* gitCommit();

}  // namespace crosscheck
