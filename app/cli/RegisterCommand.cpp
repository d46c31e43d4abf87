#include "app/cli/RegisterCommand.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

#include "core/dicom/DicomScanner.h"
#include "core/dicom/SeriesLoader.h"
#include "core/dicom/SeriesSelection.h"
#include "core/registration/LandmarkFile.h"
#include "core/registration/LandmarkRegistration.h"
#include "core/registration/RegistrationError.h"
#include "core/registration/RegistrationQuality.h"
#include "core/registration/RegistrationRegion.h"
#include "core/registration/RigidMiRegistration.h"
#include "core/registration/TransformFile.h"

namespace crosscheck::cli {

namespace {

struct RegisterArgs {
    std::string fixedPath, movingPath, fixedSeries, movingSeries, fixedRole, movingRole;
    std::string landmarks, method, out, levels = "4,2,1", region;
    std::uint32_t seed = 20251126;
    bool json = false;
};

// SERIES of docs/cli.md: a folder with one series, a file, or a folder plus a series
// UID or a role that picks exactly one (selectSeries names the path when it cannot).
SeriesInfo resolveSeries(const std::string& path, const std::string& uid,
                         std::optional<SeriesRole> role, const std::string& which) {
    const ScanResult scan = scanPaths({path});
    try {
        return selectSeries(scan, path, uid, role);
    } catch (const std::exception& e) {
        if (scan.series.size() < 2) {
            throw;
        }
        // selectSeries speaks of --series / --role; here they are prefixed.
        throw std::runtime_error(std::string(e.what()) + " (for register: --" + which +
                                 "-series UID or --" + which + "-role ROLE)");
    }
}

// Parses --fixed-role / --moving-role; false for an unknown name (a usage error).
bool parseRole(const std::string& text, const std::string& option,
               std::optional<SeriesRole>& role) {
    if (text.empty()) {
        return true;
    }
    role = seriesRoleFromString(text);
    if (!role) {
        std::cerr << "crosscheck-cli register: " << option << ": unknown role " << text
                  << " (CT, T1w, T2w, sCT)\n";
    }
    return role.has_value();
}

std::vector<double> parseLevels(const std::string& text) {
    std::vector<double> levels;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        try {
            const double v = std::stod(item);
            if (!(v > 0.0)) {
                throw std::invalid_argument(item);
            }
            levels.push_back(v);
        } catch (const std::exception&) {
            return {};
        }
    }
    return levels;
}

// --region X,Y,Z[,R]: centre in the fixed series' patient mm, radius in mm.
std::optional<RegistrationRegion> parseRegion(const std::string& text) {
    std::vector<double> values;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        try {
            std::size_t used = 0;
            const double v = std::stod(item, &used);
            if (used != item.size() || !std::isfinite(v)) {
                return std::nullopt;
            }
            values.push_back(v);
        } catch (const std::exception&) {
            return std::nullopt;
        }
    }
    if (values.size() != 3 && values.size() != 4) {
        return std::nullopt;
    }
    RegistrationRegion region;
    region.centreMm = Eigen::Vector3d(values[0], values[1], values[2]);
    if (values.size() == 4) {
        region.radiusMm = values[3];
    }
    return region;
}

nlohmann::json qualityJson(const RegistrationQuality& q) {
    nlohmann::json out = {
        {"warning", q.warning.empty() ? nlohmann::json(nullptr) : nlohmann::json(q.warning)}};
    if (q.landmarkRmsMm) {
        out["landmark_rms_mm"] = *q.landmarkRmsMm;
    } else {
        out["ngf_before"] = q.ngfBefore;
        out["ngf_after"] = q.ngfAfter;
        out["mi_before"] = q.miBefore;
        out["mi_after"] = q.miAfter;
        out["samples"] = q.samples;
    }
    return out;
}

int runRegister(const RegisterArgs& args) {
    const auto started = std::chrono::steady_clock::now();
    const std::string method =
        !args.method.empty() ? args.method : (args.landmarks.empty() ? "rigid-mi" : "landmarks");
    const std::vector<double> levels = parseLevels(args.levels);
    if (levels.empty()) {
        std::cerr << "crosscheck-cli register: --levels expects positive mm values such as 4,2,1\n";
        return 2;
    }
    std::optional<RegistrationRegion> region;
    if (!args.region.empty()) {
        region = parseRegion(args.region);
        if (!region) {
            std::cerr << "crosscheck-cli register: --region expects X,Y,Z or X,Y,Z,R in mm "
                         "(centre in the fixed series' patient coordinates): got '"
                      << args.region << "'\n";
            return 2;
        }
        if (method == "landmarks") {
            std::cerr
                << "crosscheck-cli register: --region applies to rigid-mi, not to landmarks\n";
            return 2;
        }
    }
    if (method == "landmarks" && args.landmarks.empty()) {
        std::cerr << "crosscheck-cli register: --method landmarks needs --landmarks FILE.json\n";
        return 2;
    }
    std::optional<SeriesRole> fixedRole, movingRole;
    if (!parseRole(args.fixedRole, "--fixed-role", fixedRole) ||
        !parseRole(args.movingRole, "--moving-role", movingRole)) {
        return 2;
    }
    try {
        const SeriesInfo fixedInfo =
            resolveSeries(args.fixedPath, args.fixedSeries, fixedRole, "fixed");
        const SeriesInfo movingInfo =
            resolveSeries(args.movingPath, args.movingSeries, movingRole, "moving");
        TransformFile file;
        RegistrationQuality quality;
        file.fixedFrameUid = fixedInfo.frameOfReferenceUid;
        file.movingFrameUid = movingInfo.frameOfReferenceUid;
        file.method = method;
        if (method == "landmarks") {
            const auto result = registerLandmarks(readLandmarkFile(args.landmarks));
            file.movingToFixed = result.movingToFixed;
            file.metric = result.rmsMm;
            file.extra["rms_mm"] = result.rmsMm;
            file.extra["residuals_mm"] = result.residualsMm;
            quality = landmarkQuality(result.rmsMm);
        } else {
            Progress progress;
            std::string lastStage;
            progress.report = [&lastStage](double, const std::string& stage) {
                if (stage != lastStage) {
                    lastStage = stage;
                    std::cerr << stage << "\n";
                }
            };
            std::cerr << "loading " << args.fixedPath << "\n";
            const LoadedSeries fixed = loadSeries(fixedInfo);
            std::cerr << "loading " << args.movingPath << "\n";
            const LoadedSeries moving = loadSeries(movingInfo);
            RigidMiOptions options;
            options.levelSpacingsMm = levels;
            options.seed = args.seed;
            options.region = region;
            const auto result = registerRigidMi(*fixed.volume, *moving.volume, options, progress);
            file.movingToFixed = result.movingToFixed;
            file.metric = result.metric;
            file.iterations = result.iterations;
            file.extra["registration_ms"] = result.ms;
            nlohmann::json levelReports = nlohmann::json::array();
            for (const auto& l : result.levels) {
                levelReports.push_back({{"spacing_mm", l.spacingMm},
                                        {"samples", l.samples},
                                        {"iterations", l.iterations},
                                        {"converged", l.converged},
                                        {"metric", l.metric}});
            }
            file.extra["levels"] = levelReports;
            if (region) {
                file.extra["region"] = {
                    {"center_mm",
                     {region->centreMm.x(), region->centreMm.y(), region->centreMm.z()}},
                    {"radius_mm", region->radiusMm}};
            }
            quality = result.quality;
        }
        file.extra["quality"] = qualityJson(quality);
        if (!quality.warning.empty()) {
            std::cerr << "warning: " << quality.warning << "\n";
        }
        file.ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                .count();
        if (!args.out.empty()) {
            writeTransformFile(file, args.out);
        }
        if (args.json) {
            std::cout << toJson(file).dump(2) << "\n";
        } else {
            std::printf(
                "method %s: metric %.4f, %d iterations, %.0f ms\nmoving_to_fixed (%s -> %s):\n",
                file.method.c_str(), file.metric, file.iterations, file.ms,
                file.movingFrameUid.c_str(), file.fixedFrameUid.c_str());
            for (int r = 0; r < 4; ++r) {
                std::printf("  %12.6f %12.6f %12.6f %12.4f\n", file.movingToFixed(r, 0),
                            file.movingToFixed(r, 1), file.movingToFixed(r, 2),
                            file.movingToFixed(r, 3));
            }
            if (region) {
                std::printf("region: centre (%.2f, %.2f, %.2f) mm, radius %.1f mm\n",
                            region->centreMm.x(), region->centreMm.y(), region->centreMm.z(),
                            region->radiusMm);
            }
            if (quality.landmarkRmsMm) {
                std::printf("quality: landmark RMS %.2f mm%s\n", *quality.landmarkRmsMm,
                            quality.warning.empty() ? "" : " (poor)");
            } else {
                std::printf("quality: edge agreement (NGF) %.3f -> %.3f, MI %.4f -> %.4f%s\n",
                            quality.ngfBefore, quality.ngfAfter, quality.miBefore, quality.miAfter,
                            quality.warning.empty() ? "" : " (poor)");
            }
        }
    } catch (const RegistrationError& e) {
        const std::string what = e.what();
        const std::string source =
            region && what.find("region") != std::string::npos
                ? "--region " + args.region
                : (args.landmarks.empty() ? args.movingPath : args.landmarks);
        std::cerr << "crosscheck-cli register: " << source << ": " << what << "\n";
        return 1;
    }
    return 0;
}

}  // namespace

void addRegisterCommand(CLI::App& app, CommandAction& action) {
    auto args = std::make_shared<RegisterArgs>();
    CLI::App* cmd =
        app.add_subcommand("register", "Rigid registration of a moving series onto a fixed one");
    cmd->add_option("--fixed", args->fixedPath, "Fixed SERIES (folder with one series, or a file)")
        ->required();
    cmd->add_option("--moving", args->movingPath, "Moving SERIES")->required();
    cmd->add_option("--fixed-series", args->fixedSeries,
                    "SeriesInstanceUID picking the fixed series in a folder");
    cmd->add_option("--moving-series", args->movingSeries,
                    "SeriesInstanceUID picking the moving series");
    cmd->add_option("--fixed-role", args->fixedRole,
                    "Role picking the fixed series (CT, T1w, T2w, sCT)");
    cmd->add_option("--moving-role", args->movingRole, "Role picking the moving series");
    cmd->add_option(
        "--landmarks", args->landmarks,
        "Paired landmarks: {\"landmarks\": [{\"fixed_mm\": [x,y,z], \"moving_mm\": [x,y,z]}]}");
    cmd->add_option("--method", args->method,
                    "rigid-mi (default) or landmarks (default with --landmarks)")
        ->check(CLI::IsMember({"rigid-mi", "landmarks"}));
    cmd->add_option("--levels", args->levels, "Pyramid spacings in mm, coarse to fine (rigid-mi)")
        ->capture_default_str();
    cmd->add_option("--region", args->region,
                    "X,Y,Z[,R]: metric only inside this sphere (centre in the fixed series' "
                    "patient mm, radius R mm, default 40) (rigid-mi)");
    cmd->add_option("--seed", args->seed, "Seed of the random samples (rigid-mi)")
        ->capture_default_str();
    cmd->add_option("--out", args->out, "Also write the transform file here (atomically)");
    cmd->add_flag("--json", args->json, "Print the transform file as JSON on stdout");
    cmd->callback([args, &action] { action = [args] { return runRegister(*args); }; });
}

}  // namespace crosscheck::cli
