#pragma once

#include <Eigen/Core>
#include <cstdint>

namespace crosscheck {

/// How many voxels the phantom has. Full is the demo study (CT 512 x 512 x 200); Small
/// covers the same anatomy with coarse voxels (CT 128 x 128 x 60) so tests stay fast.
enum class PhantomSize { Small, Full };

/// Everything that decides the content of one synthetic patient. Two studies generated
/// with equal options are identical voxel for voxel, whatever the thread count.
struct PhantomOptions {
    std::uint64_t seed = 1;
    PhantomSize size = PhantomSize::Full;
    /// The sCT renders the tumour with (about 0.9 times) its CT attenuation instead of as
    /// soft tissue, i.e. a synthetic CT that got it right.
    bool sctShowsTumor = false;
    /// The CT shares the MRI frame of reference (identity ct_to_mr) instead of being placed
    /// by a seed-dependent rigid transform.
    bool sameFrame = false;
    /// Tumour diameters (mm): craniocaudal (S-I), anteroposterior (A-P), left-right.
    Eigen::Vector3d tumorDiametersMm{20.0, 12.0, 15.0};
    /// Nominal mean CT attenuation of the tumour (HU) before partial volume and noise.
    double tumorHu = 460.0;
    /// 1-based patient number: decides the fake identity (name, ID) and, with the seed,
    /// the tumour level and side. The cohort generator sets it; a single study uses 1.
    int patientNumber = 1;
    /// writePhantomStudy only: 0 writes one study into OUTDIR; N >= 1 writes a cohort of N
    /// patients into OUTDIR/P001 ... (cohortPatientOptions), ignoring the tumour options.
    int patients = 0;
    /// With `patients`: every tumour densely calcified around the published cohort's means
    /// (docs/phantom.md gives the spread), instead of every fifth one faint.
    bool published = false;
    /// `--posture DEG`: the MRI (T1w, T2w and the sCT made from it) sees each vertebral
    /// level turned a little differently about its own centre (PostureModel), up to this
    /// many degrees; 0 = the MRI anatomy is a rigid copy of the CT's.
    double postureDegrees = 0.0;
    /// Worker threads for rendering and writing: 0 = all (workerCount()), 1 = serial.
    /// Never changes the result, only the speed.
    int threads = 0;
};

}  // namespace crosscheck
