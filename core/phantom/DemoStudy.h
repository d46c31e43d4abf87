#pragma once

#include <filesystem>

#include <string>

#include "core/phantom/PhantomOptions.h"
#include "core/util/Progress.h"

namespace crosscheck {

/// The folder of the built-in demo study (`crosscheck --demo`, `make demo`): the
/// full-size default phantom (seed 1), generated on first use into
/// $XDG_CACHE_HOME/crosscheck/demo-<version> (else ~/.cache/crosscheck/..., else
/// /tmp/crosscheck-demo-<uid>) and reused afterwards. It is written into a temporary
/// sibling folder and renamed into place, so an interrupted run never leaves a half
/// study; two processes racing both end up with one complete study. Takes a few seconds
/// the first time. Throws std::runtime_error when no location is writable, Cancelled
/// when cancelled.
std::filesystem::path ensureDemoStudy(const Progress& progress = {});

/// The general form: the study of `options` (options.patients is ignored) cached in the
/// same places as the demo, in a folder named `folderName`. Tests use it with small studies.
std::filesystem::path ensureCachedPhantomStudy(const PhantomOptions& options,
                                               const std::string& folderName,
                                               const Progress& progress = {});

/// Where ensureDemoStudy keeps (or would keep) the demo study, without generating it.
std::filesystem::path demoStudyLocation();

}  // namespace crosscheck
