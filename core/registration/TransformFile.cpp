#include "core/registration/TransformFile.h"

#include <fstream>
#include <system_error>

#include "core/geometry/RigidTransform.h"

namespace crosscheck {

namespace {

const char* const kKnownKeys[] = {"moving_to_fixed",
                                  "fixed_frame_uid",
                                  "moving_frame_uid",
                                  "method",
                                  "metric",
                                  "iterations",
                                  "ms"};

[[noreturn]] void fail(const std::string& source, const std::string& reason) {
    throw TransformFileError(source + ": " + reason);
}

Eigen::Matrix4d matrixFromJson(const nlohmann::json& j, const std::string& source) {
    Eigen::Matrix4d m;
    if (j.is_array() && j.size() == 4 && j[0].is_array()) {
        for (int r = 0; r < 4; ++r) {
            const auto& row = j[static_cast<std::size_t>(r)];
            if (!row.is_array() || row.size() != 4) {
                fail(source, "\"moving_to_fixed\" must be 4 rows of 4 numbers");
            }
            for (int c = 0; c < 4; ++c) {
                if (!row[static_cast<std::size_t>(c)].is_number()) {
                    fail(source, "\"moving_to_fixed\" holds a value that is not a number");
                }
                m(r, c) = row[static_cast<std::size_t>(c)].get<double>();
            }
        }
    } else if (j.is_array() && j.size() == 16) {
        for (int i = 0; i < 16; ++i) {
            if (!j[static_cast<std::size_t>(i)].is_number()) {
                fail(source, "\"moving_to_fixed\" holds a value that is not a number");
            }
            m(i / 4, i % 4) = j[static_cast<std::size_t>(i)].get<double>();
        }
    } else {
        fail(source, "\"moving_to_fixed\" must be a 4x4 matrix (4 rows of 4 numbers)");
    }
    return m;
}

}  // namespace

std::optional<Eigen::Matrix4d> TransformFile::between(const std::string& fromFrame,
                                                      const std::string& toFrame) const {
    if (fromFrame == toFrame) {
        return Eigen::Matrix4d::Identity();
    }
    if (fromFrame == movingFrameUid && toFrame == fixedFrameUid) {
        return movingToFixed;
    }
    if (fromFrame == fixedFrameUid && toFrame == movingFrameUid) {
        return rigidInverse(movingToFixed);
    }
    return std::nullopt;
}

TransformProvenance provenanceOf(const TransformFile& file) {
    TransformProvenance p;
    p.metric = file.metric;
    p.iterations = file.iterations;
    if (file.method == "rigid-mi") {
        p.basis = TransformBasis::AutomaticMi;
    } else if (file.method == "landmarks") {
        p.basis = TransformBasis::Landmarks;
        p.rmsMm = file.extra.contains("rms_mm") && file.extra.at("rms_mm").is_number()
                      ? file.extra.at("rms_mm").get<double>()
                      : file.metric;
    } else if (file.method == "same-frame") {
        p.basis = TransformBasis::SameFrame;
    } else {
        p.basis = TransformBasis::File;
    }
    return p;
}

nlohmann::json toJson(const TransformFile& file) {
    nlohmann::json j = file.extra.is_object() ? file.extra : nlohmann::json::object();
    nlohmann::json rows = nlohmann::json::array();
    for (int r = 0; r < 4; ++r) {
        rows.push_back({file.movingToFixed(r, 0), file.movingToFixed(r, 1),
                        file.movingToFixed(r, 2), file.movingToFixed(r, 3)});
    }
    j["moving_to_fixed"] = rows;
    j["fixed_frame_uid"] = file.fixedFrameUid;
    j["moving_frame_uid"] = file.movingFrameUid;
    j["method"] = file.method;
    j["metric"] = file.metric;
    j["iterations"] = file.iterations;
    j["ms"] = file.ms;
    return j;
}

TransformFile transformFileFromJson(const nlohmann::json& j, const std::string& source) {
    if (!j.is_object()) {
        fail(source, "not a JSON object");
    }
    if (!j.contains("moving_to_fixed")) {
        fail(source, "missing \"moving_to_fixed\"");
    }
    TransformFile file;
    file.movingToFixed = matrixFromJson(j.at("moving_to_fixed"), source);
    if (!isRigid(file.movingToFixed, 1e-3)) {
        fail(source, "\"moving_to_fixed\" is not a rigid transform (rotation + translation)");
    }
    for (const char* key : {"fixed_frame_uid", "moving_frame_uid"}) {
        if (!j.contains(key) || !j.at(key).is_string()) {
            fail(source, std::string("missing or non-text \"") + key + "\"");
        }
    }
    file.fixedFrameUid = j.at("fixed_frame_uid").get<std::string>();
    file.movingFrameUid = j.at("moving_frame_uid").get<std::string>();
    if (j.contains("method") && j.at("method").is_string()) {
        file.method = j.at("method").get<std::string>();
    }
    if (j.contains("metric") && j.at("metric").is_number()) {
        file.metric = j.at("metric").get<double>();
    }
    if (j.contains("iterations") && j.at("iterations").is_number()) {
        file.iterations = j.at("iterations").get<int>();
    }
    if (j.contains("ms") && j.at("ms").is_number()) {
        file.ms = j.at("ms").get<double>();
    }
    for (const auto& [key, value] : j.items()) {
        bool known = false;
        for (const char* k : kKnownKeys) {
            known = known || key == k;
        }
        if (!known) {
            file.extra[key] = value;
        }
    }
    return file;
}

TransformFile readTransformFile(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) {
        fail(path.string(), "cannot be opened");
    }
    nlohmann::json j;
    try {
        in >> j;
    } catch (const nlohmann::json::exception& e) {
        fail(path.string(), std::string("not valid JSON (") + e.what() + ")");
    }
    return transformFileFromJson(j, path.string());
}

void writeTransformFile(const TransformFile& file, const std::filesystem::path& path) {
    std::filesystem::path temporary = path;
    temporary += ".partial";
    {
        std::ofstream out(temporary, std::ios::trunc);
        if (!out) {
            fail(path.string(), "cannot be written");
        }
        out << toJson(file).dump(2) << "\n";
        if (!out.flush()) {
            out.close();
            std::error_code ignored;
            std::filesystem::remove(temporary, ignored);
            fail(path.string(), "could not be written completely");
        }
    }
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error) {
        std::filesystem::remove(temporary, error);
        fail(path.string(), "cannot be written (" + error.message() + ")");
    }
}

}  // namespace crosscheck
