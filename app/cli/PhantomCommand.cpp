#include "app/cli/PhantomCommand.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <iostream>
#include <memory>
#include <sstream>

#include "core/phantom/PhantomWriter.h"

namespace crosscheck::cli {

namespace {
struct PhantomArgs {
    std::string outDir;
    std::uint64_t seed = 1;
    std::string size = "full";
    bool sctShowsTumor = false;
    bool sameFrame = false;
    std::string tumorMm;
    double tumorHu = std::nan("");
    int patients = 0;
    bool published = false;
    double postureDegrees = 0.0;
    bool json = false;
};

bool parseTumorMm(const std::string& text, Eigen::Vector3d& out) {
    std::stringstream in(text);
    std::string part;
    int n = 0;
    while (std::getline(in, part, ',')) {
        if (n >= 3) {
            return false;
        }
        try {
            std::size_t used = 0;
            out[n] = std::stod(part, &used);
            if (used != part.size() || !(out[n] > 0.0) || out[n] > 100.0) {
                return false;
            }
        } catch (const std::exception&) {
            return false;
        }
        ++n;
    }
    return n == 3;
}

int run(const PhantomArgs& args) {
    PhantomOptions options;
    options.seed = args.seed;
    options.size = args.size == "small" ? PhantomSize::Small : PhantomSize::Full;
    options.sctShowsTumor = args.sctShowsTumor;
    options.sameFrame = args.sameFrame;
    options.patients = args.patients;
    options.published = args.published;
    options.postureDegrees = args.postureDegrees;
    if (!args.tumorMm.empty() && !parseTumorMm(args.tumorMm, options.tumorDiametersMm)) {
        std::cerr << "crosscheck-cli phantom: --tumor-mm expects three diameters in mm, A,B,C "
                     "(craniocaudal, anteroposterior, left-right), each in (0, 100]: got '"
                  << args.tumorMm << "'\n";
        return 2;
    }
    if (!std::isnan(args.tumorHu)) {
        options.tumorHu = args.tumorHu;
    }
    if (args.published && args.patients <= 0) {
        std::cerr << "crosscheck-cli phantom: --published needs --patients N\n";
        return 2;
    }
    if (args.patients > 0 && (!args.tumorMm.empty() || !std::isnan(args.tumorHu))) {
        std::cerr
            << "crosscheck-cli phantom: warning: with --patients the tumours are drawn around the "
               "published cohort; --tumor-mm/--tumor-hu are ignored\n";
    }
    Progress progress;
    auto lastTenth = std::make_shared<std::atomic<int>>(-1);
    const bool terminal = ::isatty(STDERR_FILENO) != 0;  // a log file gets no progress lines
    progress.report = [lastTenth, terminal](double f, const std::string&) {
        if (!terminal) {
            return;
        }
        const int tenth = static_cast<int>(f * 10.0);
        int seen = lastTenth->load();
        // Worker threads report too: only the one that advances the tenth prints it.
        while (tenth > seen) {
            if (lastTenth->compare_exchange_weak(seen, tenth)) {
                std::cerr << "\rphantom: " << tenth * 10 << " %" << std::flush;
                break;
            }
        }
    };
    const auto start = std::chrono::steady_clock::now();
    std::vector<PhantomGroundTruth> truths;
    try {
        truths = writePhantomStudy(args.outDir, options, progress);
    } catch (const PhantomOutputError& e) {
        std::cerr << (terminal ? "\n" : "") << "crosscheck-cli phantom: " << e.what() << "\n";
        return 1;
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cerr << (terminal ? "\r" : "") << "phantom: wrote " << truths.size()
              << (truths.size() == 1 ? " study" : " studies") << " to " << args.outDir << " in "
              << std::round(seconds * 10.0) / 10.0 << " s\n";
    for (const auto& t : truths) {
        std::cerr << "  " << t.patientId << ": tumour " << t.tumor.diametersMm.transpose()
                  << " mm, CT mean " << t.tumor.ctMeanHu << " HU, sCT mean " << t.tumor.sctMeanHu
                  << " HU\n";
    }
    if (args.json) {
        nlohmann::json out;
        if (options.patients > 0) {
            out["patients"] = nlohmann::json::array();
            for (const auto& t : truths) {
                out["patients"].push_back(toJson(t));
            }
        } else {
            out = toJson(truths.front());
        }
        std::cout << out.dump(2) << "\n";
    }
    return 0;
}
}  // namespace

void addPhantomCommand(CLI::App& app, CommandAction& action) {
    auto args = std::make_shared<PhantomArgs>();
    CLI::App* cmd = app.add_subcommand(
        "phantom", "Write the synthetic spine study (CT, T1w, T2w, sCT + ground_truth.json)");
    cmd->add_option("OUTDIR", args->outDir,
                    "Output folder (series folders must not exist or be empty)")
        ->required();
    cmd->add_option("--seed", args->seed, "Random seed (default 1)");
    cmd->add_option("--size", args->size, "small (CT 128x128x60) or full (CT 512x512x200, default)")
        ->check(CLI::IsMember({"small", "full"}));
    cmd->add_flag("--sct-shows-tumor", args->sctShowsTumor,
                  "The sCT shows the tumour (a correct sCT)");
    cmd->add_flag("--same-frame", args->sameFrame,
                  "CT in the MRI frame of reference (identity ct_to_mr)");
    cmd->add_option("--tumor-mm", args->tumorMm,
                    "Tumour diameters A,B,C in mm: craniocaudal, AP, LR (20,12,15)");
    cmd->add_option("--tumor-hu", args->tumorHu, "Nominal tumour attenuation in HU (460)")
        ->check(CLI::Range(-100.0, 2000.0));
    cmd->add_option("--patients", args->patients,
                    "Write a cohort of N patients into OUTDIR/P001 ...")
        ->check(CLI::Range(1, 999));
    cmd->add_flag("--published", args->published,
                  "With --patients: every tumour densely calcified around the published means");
    cmd->add_option("--posture", args->postureDegrees,
                    "MRI posture change: each vertebral level turned about its own centre, up "
                    "to DEG degrees (ground truth per level in ground_truth.json)")
        ->check(CLI::Range(0.0, 15.0));
    cmd->add_flag("--json", args->json, "Print the ground truth as JSON on stdout");
    cmd->callback([&action, args] { action = [args] { return run(*args); }; });
}

}  // namespace crosscheck::cli
