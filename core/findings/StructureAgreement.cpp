#include "core/findings/StructureAgreement.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iomanip>
#include <sstream>

#include "core/analysis/MaskedMetrics.h"
#include "core/roi/RoiSampler.h"

namespace crosscheck {

namespace {

nlohmann::json number(double v) {
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

std::string csvText(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) {
        return s;
    }
    std::string out = "\"";
    for (char c : s) {
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return out + "\"";
}

}  // namespace

std::vector<StructureAgreementRow> structureAgreement(const DifferenceVolume& difference,
                                                      const std::vector<ImportedRoi>& structures,
                                                      const FrameTransforms& transforms,
                                                      const std::string& ctFrameUid) {
    const Volume& ct = difference.ct();
    const Eigen::Vector3i d = ct.geometry().dims();
    const std::int16_t* ctHu = ct.voxels<std::int16_t>();
    const std::int16_t* sctHu = difference.sctOnCtGrid().voxels<std::int16_t>();
    const std::vector<std::uint8_t>& domain = difference.domain();
    // One CT-sized mask, set and cleared per structure: a hundred structures of a large CT
    // must not allocate a hundred CT-sized masks.
    std::vector<std::uint8_t> mask(domain.size(), 0);
    std::vector<StructureAgreementRow> rows;
    for (const ImportedRoi& s : structures) {
        StructureAgreementRow row;
        row.label = s.label;
        const auto toCt = transforms.transform(s.roi.frameOfReferenceUid, ctFrameUid);
        if (!toCt) {
            row.warning = "no transform";
            rows.push_back(row);
            continue;
        }
        std::vector<std::size_t> voxels;
        for (const SampledVoxel& v :
             sampleRoi(s.roi.transformed(*toCt, ctFrameUid), ct, 0.0).inside) {
            voxels.push_back((static_cast<std::size_t>(v.ijk[2]) * d[1] + v.ijk[1]) * d[0] +
                             v.ijk[0]);
        }
        double ctSum = 0.0, sctSum = 0.0;
        long long n = 0;
        for (std::size_t o : voxels) {
            mask[o] = 1;
            if (domain[o]) {
                ctSum += ctHu[o];
                sctSum += sctHu[o];
                ++n;
            }
        }
        if (n > 0) {
            row.metrics = metricsInMask(difference, mask, s.label);
            row.ctMeanHu = ctSum / static_cast<double>(n);
            row.sctMeanHu = sctSum / static_cast<double>(n);
            row.measured = true;
        } else {
            row.warning = "no voxel in the comparison's domain";
        }
        for (std::size_t o : voxels) {
            mask[o] = 0;
        }
        rows.push_back(row);
    }
    std::stable_sort(rows.begin(), rows.end(),
                     [](const StructureAgreementRow& a, const StructureAgreementRow& b) {
                         if (a.measured != b.measured) {
                             return a.measured;
                         }
                         return a.measured && a.metrics.maeHu > b.metrics.maeHu;
                     });
    return rows;
}

nlohmann::json toJson(const std::vector<StructureAgreementRow>& rows) {
    nlohmann::json out = nlohmann::json::array();
    for (const StructureAgreementRow& r : rows) {
        nlohmann::json j{{"label", r.label}};
        auto put = [&](const char* key, double v) {
            j[key] = r.measured ? number(v) : nlohmann::json(nullptr);
        };
        put("ct_mean_hu", r.ctMeanHu);
        put("sct_mean_hu", r.sctMeanHu);
        put("mae_hu", r.metrics.maeHu);
        put("me_hu", r.metrics.meHu);
        put("rmse_hu", r.metrics.rmseHu);
        put("psnr_db", r.metrics.psnrDb);
        put("ssim", r.metrics.ssim);
        put("bone_dice", r.metrics.boneDice);
        j["voxels"] = r.measured ? r.metrics.voxels : 0;
        if (!r.warning.empty()) {
            j["warning"] = r.warning;
        }
        out.push_back(j);
    }
    return out;
}

std::string structureAgreementCsv(const std::vector<StructureAgreementRow>& rows) {
    std::ostringstream out;
    out << "label,ct_mean_hu,sct_mean_hu,mae_hu,me_hu,rmse_hu,psnr_db,ssim,bone_dice,voxels\n";
    out << std::setprecision(10);
    for (const StructureAgreementRow& r : rows) {
        out << csvText(r.label);
        if (r.measured) {
            for (double v :
                 {r.ctMeanHu, r.sctMeanHu, r.metrics.maeHu, r.metrics.meHu, r.metrics.rmseHu,
                  r.metrics.psnrDb, r.metrics.ssim, r.metrics.boneDice}) {
                out << ',';
                if (std::isfinite(v)) {
                    out << v;
                }
            }
            out << ',' << r.metrics.voxels << '\n';
        } else {
            out << ",,,,,,,,,0\n";
        }
    }
    return out.str();
}

}  // namespace crosscheck
