#include "core/registration/PoseSearch.h"

#include <algorithm>
#include <cmath>

#include "core/geometry/RigidTransform.h"
#include "core/util/ParallelFor.h"

namespace crosscheck {

namespace {

struct Candidate {
    double value = 0.0;
    RigidParameters parameters;
};

// The local maxima (26-neighbourhood) of MI over the translation grid around `oriented`.
void collectMaxima(const MattesMutualInformation& metric, const RigidParameters& oriented, int n,
                   double stepMm, std::vector<Candidate>& out) {
    const int side = 2 * n + 1;
    std::vector<double> values(static_cast<std::size_t>(side * side * side), -1.0);
    const auto offsetOf = [&](int x, int y, int z) -> Eigen::Vector3d {
        return Eigen::Vector3d(x - n, y - n, z - n) * stepMm;
    };
    parallelFor(static_cast<int>(values.size()), [&](int begin, int end) {
        for (int index = begin; index < end; ++index) {
            RigidParameters p = oriented;
            p.t += offsetOf(index % side, (index / side) % side, index / (side * side));
            const auto e = metric.evaluate(p.a(), p.b(), false, false);
            // Too little overlap makes MI meaningless (and often large): not a candidate.
            if (e.validSamples >= metric.sampleCount() / 4) {
                values[static_cast<std::size_t>(index)] = e.value;
            }
        }
    });
    const auto valueAt = [&](int x, int y, int z) {
        if (x < 0 || y < 0 || z < 0 || x >= side || y >= side || z >= side) {
            return -1.0;
        }
        return values[static_cast<std::size_t>((z * side + y) * side + x)];
    };
    for (int z = 0; z < side; ++z) {
        for (int y = 0; y < side; ++y) {
            for (int x = 0; x < side; ++x) {
                const double v = valueAt(x, y, z);
                bool isMaximum = v >= 0.0;
                for (int d = 0; d < 27 && isMaximum; ++d) {
                    const int dx = d % 3 - 1, dy = (d / 3) % 3 - 1, dz = d / 9 - 1;
                    isMaximum = (d == 13) || v >= valueAt(x + dx, y + dy, z + dz);
                }
                if (isMaximum) {
                    RigidParameters p = oriented;
                    p.t += offsetOf(x, y, z);
                    out.push_back({v, p});
                }
            }
        }
    }
}

}  // namespace

std::vector<RigidParameters> searchRigidStarts(const MattesMutualInformation& metric,
                                               const RigidParameters& start,
                                               const PoseSearchSettings& settings) {
    const int n = settings.translationStepMm > 0.0
                      ? std::max(0, static_cast<int>(std::lround(settings.translationRadiusMm /
                                                                 settings.translationStepMm)))
                      : 0;
    std::vector<Eigen::Vector3d> turns{Eigen::Vector3d::Zero()};
    if (settings.rotationDegrees > 0.0) {
        const double r = settings.rotationDegrees * M_PI / 180.0;
        for (int axis = 0; axis < 3; ++axis) {
            for (double sign : {-1.0, 1.0}) {
                Eigen::Vector3d turn = Eigen::Vector3d::Zero();
                turn[axis] = sign * r;
                turns.push_back(turn);
            }
        }
    }
    std::vector<Candidate> found;
    for (const auto& turn : turns) {
        // Turning the fixed side about the centre: y = R0 Rturn (x - c) + c + t.
        RigidParameters oriented = start;
        oriented.r0 = start.a() * rotationFromEuler(turn);
        oriented.theta.setZero();
        collectMaxima(metric, oriented, n, settings.translationStepMm, found);
    }
    std::sort(found.begin(), found.end(),
              [](const Candidate& l, const Candidate& r) { return l.value > r.value; });
    std::vector<RigidParameters> starts;
    for (const auto& c : found) {
        if (static_cast<int>(starts.size()) >= std::max(settings.keep, 1)) {
            break;
        }
        starts.push_back(c.parameters);
    }
    if (starts.empty()) {
        starts.push_back(start);
    }
    return starts;
}

}  // namespace crosscheck
