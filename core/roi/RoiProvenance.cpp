#include "core/roi/RoiProvenance.h"

#include <stdexcept>

namespace crosscheck {

nlohmann::json toJson(const RoiProvenance& p) {
    nlohmann::json j{{"format", p.format},
                     {"file", p.file},
                     {"sop_instance_uid", p.sopInstanceUid},
                     {"number", p.number},
                     {"codes", p.codes}};
    if (p.colorRgb) {
        j["color_rgb"] = {(*p.colorRgb)[0], (*p.colorRgb)[1], (*p.colorRgb)[2]};
    }
    return j;
}

RoiProvenance roiProvenanceFromJson(const nlohmann::json& j) {
    if (!j.is_object()) {
        throw std::invalid_argument("key \"imported_from\": expected an object");
    }
    auto text = [&](const char* key) -> std::string {
        if (!j.contains(key)) {
            return {};
        }
        if (!j.at(key).is_string()) {
            throw std::invalid_argument(std::string("key \"imported_from.") + key +
                                        "\": expected a string");
        }
        return j.at(key).get<std::string>();
    };
    RoiProvenance p;
    p.format = text("format");
    p.file = text("file");
    p.sopInstanceUid = text("sop_instance_uid");
    p.codes = text("codes");
    if (j.contains("number")) {
        if (!j.at("number").is_number_integer()) {
            throw std::invalid_argument("key \"imported_from.number\": expected a whole number");
        }
        p.number = j.at("number").get<int>();
    }
    if (j.contains("color_rgb")) {
        const auto& c = j.at("color_rgb");
        if (!c.is_array() || c.size() != 3) {
            throw std::invalid_argument("key \"imported_from.color_rgb\": expected [r, g, b]");
        }
        std::array<std::uint8_t, 3> rgb{};
        for (std::size_t i = 0; i < 3; ++i) {
            if (!c[i].is_number_integer() || c[i].get<int>() < 0 || c[i].get<int>() > 255) {
                throw std::invalid_argument(
                    "key \"imported_from.color_rgb\": expected whole numbers 0-255");
            }
            rgb[i] = static_cast<std::uint8_t>(c[i].get<int>());
        }
        p.colorRgb = rgb;
    }
    return p;
}

}  // namespace crosscheck
