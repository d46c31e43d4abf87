#pragma once

#include "core/dicom/SeriesInfo.h"
#include "core/vocabulary/SeriesRole.h"

namespace crosscheck {

/// Guesses what a series is for from its tags (docs/domain.md): sCT for a CT whose ImageType
/// says DERIVED/SECONDARY or whose description, manufacturer or derivation names a
/// synthetic, MR-derived or pseudo CT (BoneMRI, MRCAT, "sCT", ...); CT for other CTs; for
/// MR, T1w / T2w from the description first (t1, T1W, MPRAGE, t2_tse, ...), then from TR/TE
/// (T1w: TR under 800 ms and TE under 30 ms, or an inversion-recovery gradient echo; T2w:
/// TR over 2000 ms and TE over 80 ms); Other for the rest. Always overridable by the user.
SeriesRole guessRole(const SeriesInfo& series);

}  // namespace crosscheck
