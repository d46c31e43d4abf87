#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/analysis/DiscrepancyAnalysis.h"

namespace crosscheck {

struct LoadedSeries;
struct Study;

/// Which CT and which sCT of a study are compared, through which transform, or why they
/// cannot be. The one rule the viewer, `crosscheck-cli analyze` and the report all use:
///
/// - the CT is the study's first series with role CT, the sCT its first with role sCT;
/// - both must hold int16 Hounsfield units;
/// - the CT -> sCT transform is the study's known chain of links between their frames
///   (the identity when they share a frame); without one the pair needs a registration;
/// - each T1w and T2w with a known transform from the CT's frame judges visibility on MR;
///   one without is named in `notes` and left out.
///
/// `inputs` holds volumes shared with the study (no copies); `ct` and `sct` point into the
/// study and stay valid as long as it does.
struct StudyComparison {
    const LoadedSeries* ct = nullptr;
    const LoadedSeries* sct = nullptr;
    std::optional<DiscrepancyInputs> inputs;
    /// Empty when inputs is set; else one sentence for a user ("the study has no sCT").
    std::string whyNot;
    /// A CT and an sCT exist but no transform joins their frames: registering the sCT's
    /// frame to the CT's would make the comparison possible.
    bool needsRegistration = false;
    /// MR series left out of the visibility judgement, each with the reason.
    std::vector<std::string> notes;
};

StudyComparison comparisonInputs(const Study& study);

}  // namespace crosscheck
