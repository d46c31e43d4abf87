#include "core/registration/LandmarkFile.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/registration/TransformFile.h"

namespace crosscheck {

namespace {
Eigen::Vector3d pointFromJson(const nlohmann::json& j, const std::string& what,
                              const std::string& source) {
    if (!j.is_array() || j.size() != 3 || !j[0].is_number() || !j[1].is_number() ||
        !j[2].is_number()) {
        throw TransformFileError(source + ": " + what + " must be [x, y, z] in mm");
    }
    return {j[0].get<double>(), j[1].get<double>(), j[2].get<double>()};
}
}  // namespace

std::vector<LandmarkPair> readLandmarkFile(const std::filesystem::path& path) {
    const std::string source = path.string();
    std::ifstream in(path);
    if (!in) {
        throw TransformFileError(source + ": cannot be opened");
    }
    nlohmann::json j;
    try {
        in >> j;
    } catch (const nlohmann::json::exception& e) {
        throw TransformFileError(source + ": not valid JSON (" + e.what() + ")");
    }
    if (!j.is_object() || !j.contains("landmarks") || !j.at("landmarks").is_array()) {
        throw TransformFileError(
            source + ": expected {\"landmarks\": [{\"fixed_mm\", \"moving_mm\"}, ...]}");
    }
    std::vector<LandmarkPair> pairs;
    int index = 0;
    for (const auto& item : j.at("landmarks")) {
        ++index;
        const std::string what = "landmark " + std::to_string(index);
        if (!item.is_object() || !item.contains("fixed_mm") || !item.contains("moving_mm")) {
            throw TransformFileError(source + ": " + what +
                                     " needs \"fixed_mm\" and \"moving_mm\"");
        }
        LandmarkPair pair;
        pair.fixed.mm = pointFromJson(item.at("fixed_mm"), what + " \"fixed_mm\"", source);
        pair.moving.mm = pointFromJson(item.at("moving_mm"), what + " \"moving_mm\"", source);
        if (item.contains("name") && item.at("name").is_string()) {
            pair.name = item.at("name").get<std::string>();
        }
        pairs.push_back(pair);
    }
    return pairs;
}

}  // namespace crosscheck
