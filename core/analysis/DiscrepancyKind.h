#pragma once

#include <optional>
#include <string>

namespace crosscheck {

/// What a discrepancy region is (docs/cli.md `kind`):
/// - CtDenseSctNot: dense on the CT, not on the sCT (the missed calcified tumour);
/// - SctDenseCtNot: the reverse (bone invented by the sCT);
/// - LargeDifference: the two disagree by a large amount, neither of the above.
enum class DiscrepancyKind { CtDenseSctNot, SctDenseCtNot, LargeDifference };

/// "ct_dense_sct_not", "sct_dense_ct_not", "large_difference".
const char* toString(DiscrepancyKind kind);
std::optional<DiscrepancyKind> discrepancyKindFromString(const std::string& text);
/// For people: "dense on CT, not on sCT", "dense on sCT, not on CT", "large difference".
const char* describe(DiscrepancyKind kind);

}  // namespace crosscheck
