#include "core/dicom/RoleGuess.h"

#include <regex>

#include "core/util/AsciiLower.h"

namespace crosscheck {

namespace {

bool matches(const std::string& text, const char* pattern) {
    return std::regex_search(text, std::regex(pattern, std::regex::icase));
}

bool isSynthetic(const SeriesInfo& s) {
    const std::string words = s.description + " | " + s.manufacturer + " | " +
                              s.manufacturerModelName + " | " + s.derivationDescription;
    return matches(
        words,
        R"((synth|pseudo[ _-]?ct|\bs[ _-]?ct\b|mr[ _-]?(derived|based|only|cat)|bone ?mri|mrcat|ct[ _-]?like|\bsynct))");
}

}  // namespace

SeriesRole guessRole(const SeriesInfo& s) {
    const std::string modality = asciiLower(s.modality);
    if (modality == "ct") {
        // A derived CT is only an sCT when something says it came from MR: a derived CT
        // may also be a reformat or a dual-energy map.
        if (isSynthetic(s)) {
            return SeriesRole::sCT;
        }
        return SeriesRole::CT;
    }
    if (modality != "mr") {
        return SeriesRole::Other;
    }
    if (isSynthetic(s) && !matches(s.description, R"(t[12])")) {
        // An MR series storing a synthetic CT (some products do) still holds HU.
        return SeriesRole::sCT;
    }
    const std::string d = s.description;
    const bool t1 = matches(d, R"((^|[^a-z0-9])t1|mprage|spgr|tfl3d|bravo|vibe|flash)");
    const bool t2 = matches(d, R"((^|[^a-z0-9])t2|tse|space|cube|haste|ciss|fiesta|stir)");
    if (t1 && !t2) {
        return SeriesRole::T1w;
    }
    if (t2 && !t1) {
        return SeriesRole::T2w;
    }
    if (s.repetitionTimeMs && s.echoTimeMs) {
        const double tr = *s.repetitionTimeMs, te = *s.echoTimeMs;
        if (tr < 800.0 && te < 30.0) {
            return SeriesRole::T1w;
        }
        if (tr > 2000.0 && te > 80.0) {
            return SeriesRole::T2w;
        }
        const bool inversionGradientEcho = s.inversionTimeMs && matches(s.scanningSequence, "GR") &&
                                           matches(s.scanningSequence + s.sequenceVariant, "IR|MP");
        if (inversionGradientEcho && te < 30.0) {
            return SeriesRole::T1w;
        }
    }
    return SeriesRole::Other;
}

}  // namespace crosscheck
