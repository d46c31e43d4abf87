#include "core/phantom/PhantomStudy.h"
#include "core/geometry/FrameTransform.h"

#include <Eigen/Geometry>
#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/geometry/RigidTransform.h"
#include "core/phantom/PhantomAnatomy.h"
#include "core/phantom/PhantomDicomTags.h"
#include "core/phantom/PhantomGeometry.h"
#include "core/phantom/PhantomRandom.h"
#include "core/phantom/PhantomRenderer.h"
#include "core/phantom/PostureModel.h"

namespace crosscheck {

namespace {

constexpr double kCtNoiseHu = 10.0;
constexpr double kSctNoiseHu = 3.0;
constexpr double kT1NoiseSigma = 14.0;
constexpr double kT2NoiseSigma = 18.0;
enum Stream : std::uint64_t { kCtStream = 1, kT1Stream = 2, kT2Stream = 3, kSctStream = 4 };

std::int16_t toHu(double v) {
    return static_cast<std::int16_t>(std::clamp(std::round(v), -1024.0, 3071.0));
}

/// Correlated CT noise: white noise blurred in-plane by a 5-tap binomial kernel, whose
/// 2D gain (sum of squared weights) is (70/256)^2, hence the input scale.
void addCorrelatedNoise(std::vector<float>& out, int nx, int ny, PhantomRandom& random) {
    const float inputSigma = static_cast<float>(kCtNoiseHu / (70.0 / 256.0));
    const std::size_t n = out.size();
    std::vector<float> white(n), rows(n);
    for (auto& w : white) {
        w = inputSigma * static_cast<float>(random.normal());
    }
    const float kw[5] = {1 / 16.f, 4 / 16.f, 6 / 16.f, 4 / 16.f, 1 / 16.f};
    for (int j = 0; j < ny; ++j) {
        for (int i = 0; i < nx; ++i) {
            float s = 0;
            for (int t = -2; t <= 2; ++t) {
                const int ii = std::clamp(i + t, 0, nx - 1);
                s += kw[t + 2] * white[static_cast<std::size_t>(j) * nx + ii];
            }
            rows[static_cast<std::size_t>(j) * nx + i] = s;
        }
    }
    for (int j = 0; j < ny; ++j) {
        for (int i = 0; i < nx; ++i) {
            float s = 0;
            for (int t = -2; t <= 2; ++t) {
                const int jj = std::clamp(j + t, 0, ny - 1);
                s += kw[t + 2] * rows[static_cast<std::size_t>(jj) * nx + i];
            }
            out[static_cast<std::size_t>(j) * nx + i] += s;
        }
    }
}

/// A gentle receive-coil bias: brighter towards the back (the spine coil under the
/// patient) and darker away from the coil centre along z.
double biasField(const Eigen::Vector3d& p) {
    const double back = std::clamp((p.y() - 35.0) / 120.0, -1.0, 1.0);
    const double along = p.z() / 130.0;
    return 1.0 + 0.12 * back - 0.08 * along * along;
}

/// Renders an MR channel's store: bias field, Rician noise, rounding to uint16.
std::function<void(int, const float*)> mrStore(Volume& volume, std::uint64_t seed, Stream stream,
                                               double sigma) {
    return [&volume, seed, stream, sigma](int k, const float* slice) {
        const VolumeGeometry& g = volume.geometry();
        const int nx = g.dims()[0], ny = g.dims()[1];
        PhantomRandom random(seed, stream, static_cast<std::uint64_t>(k));
        std::uint16_t* out = volume.voxels<std::uint16_t>() + volume.offset(0, 0, k);
        for (int j = 0; j < ny; ++j) {
            for (int i = 0; i < nx; ++i) {
                const std::size_t o = static_cast<std::size_t>(j) * nx + i;
                const Eigen::Vector3d p = g.toPatient(VoxelIndex{Eigen::Vector3d(i, j, k)}).mm;
                const double s = slice[o] * biasField(p);
                const double re = s + sigma * random.normal();
                const double im = sigma * random.normal();
                out[o] = static_cast<std::uint16_t>(
                    std::clamp(std::round(std::sqrt(re * re + im * im)), 0.0, 65535.0));
            }
        }
    };
}

/// [1 2 1]/4 along one axis of a float volume (the sCT's slight blur).
void blurAxis(std::vector<float>& v, const Eigen::Vector3i& d, int axis, int threads) {
    const std::size_t stride = axis == 0   ? 1
                               : axis == 1 ? static_cast<std::size_t>(d[0])
                                           : static_cast<std::size_t>(d[0]) * d[1];
    const std::vector<float> in = v;
    phantomParallelFor(d[2], threads, [&](int begin, int end) {
        for (int k = begin; k < end; ++k) {
            for (int j = 0; j < d[1]; ++j) {
                for (int i = 0; i < d[0]; ++i) {
                    const int idx[3] = {i, j, k};
                    const std::size_t o = (static_cast<std::size_t>(k) * d[1] + j) * d[0] + i;
                    const float lo = idx[axis] > 0 ? in[o - stride] : in[o];
                    const float hi = idx[axis] + 1 < d[axis] ? in[o + stride] : in[o];
                    v[o] = 0.25f * lo + 0.5f * in[o] + 0.25f * hi;
                }
            }
        }
    });
}

/// Mean of the voxels whose centres lie inside the lesion. gridToAnatomy maps the
/// volume's patient coordinates to the anatomy (MR) frame.
std::pair<double, int> meanInside(const Volume& volume, const EllipsoidLesion& lesion,
                                  const Eigen::Matrix4d& gridToAnatomy) {
    const VolumeGeometry& g = volume.geometry();
    const Eigen::Matrix4d indexToAnatomy = gridToAnatomy * g.indexToPatient();
    const Eigen::Matrix4d anatomyToIndex = indexToAnatomy.inverse();
    Eigen::Vector3d lo = Eigen::Vector3d::Constant(1e30), hi = Eigen::Vector3d::Constant(-1e30);
    for (int c = 0; c < 8; ++c) {
        const Eigen::Vector3d corner =
            lesion.centerMm + Eigen::Vector3d((c & 1) ? 1 : -1, (c & 2) ? 1 : -1, (c & 4) ? 1 : -1)
                                  .cwiseProduct(lesion.semiAxesMm);
        const Eigen::Vector3d idx = applyAffine(anatomyToIndex, corner);
        lo = lo.cwiseMin(idx);
        hi = hi.cwiseMax(idx);
    }
    double sum = 0.0;
    int count = 0;
    const auto& d = g.dims();
    for (int k = std::max(0, static_cast<int>(std::floor(lo.z())));
         k <= std::min(d[2] - 1, static_cast<int>(std::ceil(hi.z()))); ++k) {
        for (int j = std::max(0, static_cast<int>(std::floor(lo.y())));
             j <= std::min(d[1] - 1, static_cast<int>(std::ceil(hi.y()))); ++j) {
            for (int i = std::max(0, static_cast<int>(std::floor(lo.x())));
                 i <= std::min(d[0] - 1, static_cast<int>(std::ceil(hi.x()))); ++i) {
                const Eigen::Vector3d p =
                    (indexToAnatomy * Eigen::Vector4d(i, j, k, 1.0)).head<3>();
                if (lesion.contains(p)) {
                    sum += volume.value(i, j, k);
                    ++count;
                }
            }
        }
    }
    return {count > 0 ? sum / count : 0.0, count};
}

PhantomLesionTruth lesionTruth(const EllipsoidLesion& lesion, const std::string& kind,
                               const PhantomStudy& study, const Eigen::Matrix4d& ctToMr,
                               const PostureModel& posture) {
    PhantomLesionTruth t;
    t.kind = kind;
    const Eigen::Matrix4d mrToCt = ctToMr.inverse();
    // With a posture the lesion moves with its level in the MRI (and the sCT made from it).
    const Eigen::Matrix4d toPosed = posture.levelToPosed(posture.levelAt(lesion.centerMm));
    t.centerMrMm = applyAffine(toPosed, lesion.centerMm);
    t.centerCtMm = applyAffine(mrToCt, lesion.centerMm);
    // Diameters ordered S-I, A-P, L-R; the anatomy's axes are the patient axes.
    t.diametersMm =
        2.0 * Eigen::Vector3d(lesion.semiAxesMm.z(), lesion.semiAxesMm.y(), lesion.semiAxesMm.x());
    Eigen::Matrix3d axes;
    axes << 0, 0, 1, 0, 1, 0, 1, 0, 0;
    t.axesMr = (toPosed.topLeftCorner<3, 3>() * axes.transpose()).transpose();
    t.axesCt = (mrToCt.topLeftCorner<3, 3>() * axes.transpose()).transpose();
    const auto [ctMean, ctCount] = meanInside(*study.byRole(SeriesRole::CT).volume, lesion, ctToMr);
    const auto [sctMean, sctCount] =
        meanInside(*study.byRole(SeriesRole::sCT).volume, lesion, rigidInverse(toPosed));
    t.ctMeanHu = ctMean;
    t.ctVoxelCount = ctCount;
    t.sctMeanHu = sctMean;
    t.sctVoxelCount = sctCount;
    return t;
}

bool insideGrid(const VolumeGeometry& grid, const Eigen::Vector3d& patientMm) {
    const Eigen::Vector3d ijk = applyAffine(grid.patientToIndex(), patientMm);
    for (int a = 0; a < 3; ++a) {
        if (!(ijk[a] >= 0.0 && ijk[a] <= grid.dims()[a] - 1.0)) {
            return false;
        }
    }
    return true;
}

/// The levels whose body centre both the CT and the T1w see, with their CT -> MR maps.
std::vector<PhantomLevelTruth> levelTruths(const PostureModel& posture,
                                           const Eigen::Matrix4d& ctToMr,
                                           const VolumeGeometry& ctGrid,
                                           const VolumeGeometry& mrGrid) {
    std::vector<PhantomLevelTruth> out;
    const Eigen::Matrix4d mrToCt = rigidInverse(ctToMr);
    for (int level = posture.firstLevel(); level <= posture.lastLevel(); ++level) {
        PhantomLevelTruth t;
        t.level = level;
        const Eigen::Vector3d centre = posture.levelCentre(level);
        t.centerCtMm = applyAffine(mrToCt, centre);
        t.centerMrMm = applyAffine(posture.levelToPosed(level), centre);
        t.rotationDegrees = posture.levelRotationDegrees(level);
        t.ctToMr = posture.levelToPosed(level) * ctToMr;
        if (insideGrid(ctGrid, t.centerCtMm) && insideGrid(mrGrid, t.centerMrMm)) {
            out.push_back(t);
        }
    }
    return out;
}

}  // namespace

const PhantomSeries& PhantomStudy::byRole(SeriesRole role) const {
    for (const auto& s : series) {
        if (s.role == role) {
            return s;
        }
    }
    throw std::logic_error("phantom study has no series of that role");
}

PhantomStudy generatePhantomStudy(const PhantomOptions& options, const Progress& progress) {
    PhantomStudy study;
    study.options = options;
    const PhantomAnatomy anatomy(options);
    const PostureModel posture(anatomy.spine(), options);
    const PhantomDicomTags tags(options);
    const Eigen::Matrix4d ctToMr = phantom_geometry::ctToMr(options);
    const std::uint64_t seed = PhantomRandom::hash(
        options.seed, 0x4015E, static_cast<std::uint64_t>(options.patientNumber));

    auto ct = std::make_shared<Volume>(phantom_geometry::ctGrid(options, ctToMr), VoxelType::Int16);
    auto t1 = std::make_shared<Volume>(phantom_geometry::t1Grid(options), VoxelType::UInt16);
    auto t2 = std::make_shared<Volume>(phantom_geometry::t2Grid(options), VoxelType::UInt16);
    auto sct = std::make_shared<Volume>(t1->geometry(), VoxelType::Int16);

    {
        std::vector<PhantomRenderer::Channel> channels(1);
        channels[0].values = PhantomTissueValues::ct(options.tumorHu);
        Volume& v = *ct;
        channels[0].store = [&v, seed](int k, const float* slice) {
            const int nx = v.geometry().dims()[0], ny = v.geometry().dims()[1];
            std::vector<float> s(slice, slice + static_cast<std::size_t>(nx) * ny);
            PhantomRandom random(seed, kCtStream, static_cast<std::uint64_t>(k));
            addCorrelatedNoise(s, nx, ny, random);
            std::int16_t* out = v.voxels<std::int16_t>() + v.offset(0, 0, k);
            std::transform(s.begin(), s.end(), out, [](float x) { return toHu(x); });
        };
        PhantomRenderer(anatomy, ct->geometry(), ctToMr, options.threads)
            .render(channels, progress, 0.0, 0.6);
    }
    {
        const Eigen::Vector3i d = sct->geometry().dims();
        std::vector<float> sctValues(sct->geometry().voxelCount());
        std::vector<PhantomRenderer::Channel> channels(2);
        channels[0].values = PhantomTissueValues::t1w();
        channels[0].store = mrStore(*t1, seed, kT1Stream, kT1NoiseSigma);
        channels[1].values = PhantomTissueValues::sct(options.tumorHu, options.sctShowsTumor);
        channels[1].store = [&sctValues, &d, seed](int k, const float* slice) {
            const std::size_t n = static_cast<std::size_t>(d[0]) * d[1];
            PhantomRandom random(seed, kSctStream, static_cast<std::uint64_t>(k));
            float* out = sctValues.data() + n * static_cast<std::size_t>(k);
            for (std::size_t o = 0; o < n; ++o) {
                out[o] = slice[o] + static_cast<float>(kSctNoiseHu * random.normal());
            }
        };
        PhantomRenderer(anatomy, t1->geometry(), Eigen::Matrix4d::Identity(), options.threads,
                        &posture)
            .render(channels, progress, 0.6, 0.85);
        for (int axis = 0; axis < 3; ++axis) {
            blurAxis(sctValues, d, axis, options.threads);
        }
        std::transform(sctValues.begin(), sctValues.end(), sct->voxels<std::int16_t>(),
                       [](float x) { return toHu(x); });
    }
    {
        std::vector<PhantomRenderer::Channel> channels(1);
        channels[0].values = PhantomTissueValues::t2w();
        channels[0].store = mrStore(*t2, seed, kT2Stream, kT2NoiseSigma);
        PhantomRenderer(anatomy, t2->geometry(), Eigen::Matrix4d::Identity(), options.threads,
                        &posture)
            .render(channels, progress, 0.85, 1.0);
    }

    study.series = {{SeriesRole::CT, "CT", ct, tags.metadata(SeriesRole::CT)},
                    {SeriesRole::T1w, "T1w", t1, tags.metadata(SeriesRole::T1w)},
                    {SeriesRole::T2w, "T2w", t2, tags.metadata(SeriesRole::T2w)},
                    {SeriesRole::sCT, "sCT", sct, tags.metadata(SeriesRole::sCT)}};

    PhantomGroundTruth& truth = study.truth;
    truth.seed = options.seed;
    truth.patientNumber = options.patientNumber;
    truth.patientId = tags.patientId();
    truth.studyInstanceUid = tags.studyInstanceUid();
    truth.ctFrameUid = tags.ctFrameUid();
    truth.mrFrameUid = tags.mrFrameUid();
    truth.ctToMr = ctToMr;
    truth.sctShowsTumor = options.sctShowsTumor;
    truth.sameFrame = options.sameFrame;
    truth.size = options.size == PhantomSize::Full ? "full" : "small";
    for (const auto& s : study.series) {
        truth.series.push_back({s.role, s.dir, s.metadata.seriesInstanceUid});
    }
    truth.postureDegrees = posture.active() ? options.postureDegrees : 0.0;
    truth.levels = levelTruths(posture, ctToMr, ct->geometry(), t1->geometry());
    truth.tumor = lesionTruth(anatomy.tumor(), "calcified_tumor", study, ctToMr, posture);
    truth.tumor.nominalHu = options.tumorHu;
    truth.tumor.calcified = options.tumorHu >= 130.0;
    truth.tumor.denselyCalcified = options.tumorHu >= 300.0;
    truth.tumor.visibleOnSct = options.sctShowsTumor;
    PhantomLesionTruth lesion =
        lesionTruth(anatomy.lesion(), "soft_tissue_lesion", study, ctToMr, posture);
    lesion.nominalHu =
        PhantomTissueValues::ct(options.tumorHu).base[static_cast<int>(Tissue::Lesion)];
    lesion.visibleOnSct = true;
    truth.lesions.push_back(lesion);
    return study;
}

}  // namespace crosscheck
