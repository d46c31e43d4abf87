#pragma once

#include <cstdint>
#include <string>

#include "core/dicom/DicomSeriesWriter.h"
#include "core/phantom/PhantomOptions.h"
#include "core/vocabulary/SeriesRole.h"

namespace crosscheck {

/// The DICOM identity of a phantom study: UIDs and the obviously fake patient, study and
/// institution values (later used by the anonymisation tests). UIDs are deterministic
/// ("2.25." + a 128-bit hash of the options), so a regenerated study is the same study.
class PhantomDicomTags {
public:
    explicit PhantomDicomTags(const PhantomOptions& options);

    const std::string& studyInstanceUid() const { return m_studyUid; }
    const std::string& ctFrameUid() const { return m_ctFrameUid; }
    const std::string& mrFrameUid() const { return m_mrFrameUid; }
    std::string patientId() const;

    /// Series metadata for CT, T1w, T2w or sCT, with the tags a role guesser relies on
    /// (Modality, ImageType, SeriesDescription, sequence parameters, DerivationDescription).
    DicomSeriesMetadata metadata(SeriesRole role) const;

private:
    std::string uid(std::uint64_t key) const;

    PhantomOptions m_options;
    std::uint64_t m_identityHash;
    std::string m_studyUid, m_ctFrameUid, m_mrFrameUid;
};

}  // namespace crosscheck
