#include "core/dicom/DicomSeriesWriter.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include "core/util/ParallelFor.h"

namespace crosscheck {

namespace {

// DS values hold at most 16 characters; 8 significant digits keep positions to 1e-5 mm.
std::string ds(double v) {
    if (std::abs(v) < 5e-9) {
        v = 0.0;
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.8g", v);
    return buffer;
}

std::string dsList(std::initializer_list<double> values) {
    std::string out;
    for (double v : values) {
        if (!out.empty()) {
            out += '\\';
        }
        out += ds(v);
    }
    return out;
}

void put(DcmDataset& d, const DcmTagKey& tag, const std::string& value) {
    const OFCondition c = d.putAndInsertString(tag, value.c_str());
    if (c.bad()) {
        throw std::runtime_error(std::string("cannot set ") + DcmTag(tag).getTagName() + ": " +
                                 c.text());
    }
}

void putIfSet(DcmDataset& d, const DcmTagKey& tag, const std::string& value) {
    if (!value.empty()) {
        put(d, tag, value);
    }
}

void fillSeriesAttributes(DcmDataset& d, const DicomSeriesMetadata& m, const Volume& volume) {
    const bool ct = m.kind == DicomImageKind::CT;
    const VolumeGeometry& g = volume.geometry();
    put(d, DCM_SpecificCharacterSet, "ISO_IR 100");
    put(d, DCM_SOPClassUID, ct ? UID_CTImageStorage : UID_MRImageStorage);
    put(d, DCM_InstanceCreationDate, m.seriesDate);
    put(d, DCM_InstanceCreationTime, m.seriesTime);
    // Patient
    put(d, DCM_PatientName, m.patientName);
    put(d, DCM_PatientID, m.patientId);
    put(d, DCM_PatientBirthDate, m.patientBirthDate);
    put(d, DCM_PatientSex, m.patientSex);
    // General Study
    put(d, DCM_StudyInstanceUID, m.studyInstanceUid);
    put(d, DCM_StudyDate, m.studyDate);
    put(d, DCM_StudyTime, m.studyTime);
    put(d, DCM_ReferringPhysicianName, m.referringPhysicianName);
    put(d, DCM_StudyID, m.studyId);
    put(d, DCM_AccessionNumber, m.accessionNumber);
    putIfSet(d, DCM_StudyDescription, m.studyDescription);
    // General Series
    put(d, DCM_Modality, ct ? "CT" : "MR");
    put(d, DCM_SeriesInstanceUID, m.seriesInstanceUid);
    put(d, DCM_SeriesNumber, std::to_string(m.seriesNumber));
    put(d, DCM_SeriesDate, m.seriesDate);
    put(d, DCM_SeriesTime, m.seriesTime);
    putIfSet(d, DCM_SeriesDescription, m.seriesDescription);
    putIfSet(d, DCM_BodyPartExamined, m.bodyPartExamined);
    put(d, DCM_PatientPosition, m.patientPosition);
    // Frame of Reference
    put(d, DCM_FrameOfReferenceUID, m.frameOfReferenceUid);
    put(d, DCM_PositionReferenceIndicator, "");
    // General Equipment
    put(d, DCM_Manufacturer, m.manufacturer);
    putIfSet(d, DCM_InstitutionName, m.institutionName);
    putIfSet(d, DCM_StationName, m.stationName);
    putIfSet(d, DCM_ManufacturerModelName, m.manufacturerModelName);
    putIfSet(d, DCM_DeviceSerialNumber, m.deviceSerialNumber);
    putIfSet(d, DCM_SoftwareVersions, m.softwareVersions);
    // General Image and Acquisition
    put(d, DCM_ImageType, m.imageType);
    putIfSet(d, DCM_DerivationDescription, m.derivationDescription);
    put(d, DCM_AcquisitionNumber, "1");
    put(d, DCM_AcquisitionDate, m.seriesDate);
    put(d, DCM_AcquisitionTime, m.seriesTime);
    put(d, DCM_ContentDate, m.seriesDate);
    put(d, DCM_ContentTime, m.seriesTime);
    // Image Plane
    const Eigen::Vector3d row = g.axisDirection(0), col = g.axisDirection(1);
    const Eigen::Vector3d spacing = g.spacingMm();
    put(d, DCM_ImageOrientationPatient,
        dsList({row.x(), row.y(), row.z(), col.x(), col.y(), col.z()}));
    put(d, DCM_PixelSpacing, dsList({spacing.y(), spacing.x()}));
    put(d, DCM_SliceThickness, ds(m.sliceThicknessMm > 0.0 ? m.sliceThicknessMm : spacing.z()));
    // Image Pixel
    put(d, DCM_SamplesPerPixel, "1");
    put(d, DCM_PhotometricInterpretation, "MONOCHROME2");
    d.putAndInsertUint16(DCM_Rows, static_cast<Uint16>(g.dims()[1]));
    d.putAndInsertUint16(DCM_Columns, static_cast<Uint16>(g.dims()[0]));
    d.putAndInsertUint16(DCM_BitsAllocated, 16);
    d.putAndInsertUint16(DCM_BitsStored, 16);
    d.putAndInsertUint16(DCM_HighBit, 15);
    d.putAndInsertUint16(DCM_PixelRepresentation, volume.voxelType() == VoxelType::Int16 ? 1 : 0);
    // VOI LUT
    putIfSet(d, DCM_WindowCenter, m.windowCenter);
    putIfSet(d, DCM_WindowWidth, m.windowWidth);
    putIfSet(d, DCM_WindowCenterWidthExplanation, m.windowExplanation);
    if (ct) {
        put(d, DCM_RescaleIntercept, ds(m.rescaleIntercept));
        put(d, DCM_RescaleSlope, ds(m.rescaleSlope));
        put(d, DCM_RescaleType, "HU");
        put(d, DCM_KVP, m.kvp);
        putIfSet(d, DCM_ConvolutionKernel, m.convolutionKernel);
    } else {
        put(d, DCM_ScanningSequence, m.scanningSequence);
        put(d, DCM_SequenceVariant, m.sequenceVariant);
        put(d, DCM_ScanOptions, m.scanOptions);
        put(d, DCM_MRAcquisitionType, m.mrAcquisitionType);
        putIfSet(d, DCM_SequenceName, m.sequenceName);
        put(d, DCM_RepetitionTime, ds(m.repetitionTimeMs));
        put(d, DCM_EchoTime, ds(m.echoTimeMs));
        put(d, DCM_EchoTrainLength, std::to_string(m.echoTrainLength));
        put(d, DCM_FlipAngle, ds(m.flipAngleDeg));
        put(d, DCM_MagneticFieldStrength, ds(m.magneticFieldStrengthT));
        put(d, DCM_SpacingBetweenSlices, ds(spacing.z()));
        put(d, DCM_ImagedNucleus, "1H");
        put(d, DCM_ImagingFrequency, ds(42.577478 * m.magneticFieldStrengthT));
    }
    for (const auto& [keyword, value] : m.extra) {
        DcmTag tag;
        if (DcmTag::findTagFromName(keyword.c_str(), tag).bad()) {
            throw std::runtime_error("unknown DICOM keyword '" + keyword + "'");
        }
        put(d, tag, value);
    }
}

}  // namespace

std::string DicomSeriesWriter::fileName(int instanceNumber) const {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%05d", instanceNumber);
    return m_metadata.fileNamePrefix + buffer + ".dcm";
}

void DicomSeriesWriter::write(const Volume& volume, const std::filesystem::path& folder,
                              const Progress& progress, int threads) const {
    if (volume.voxelType() == VoxelType::Float32) {
        throw std::runtime_error(
            "DicomSeriesWriter: float32 volumes cannot be written as CT or MR images");
    }
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) {
        throw std::runtime_error(folder.string() + ": cannot create folder: " + ec.message());
    }
    const VolumeGeometry& g = volume.geometry();
    const int slices = g.dims()[2];
    const std::size_t sliceSize =
        static_cast<std::size_t>(g.dims()[0]) * static_cast<std::size_t>(g.dims()[1]);
    const bool ct = m_metadata.kind == DicomImageKind::CT;
    const Eigen::Vector3d normal = g.sliceNormal();
    std::atomic<int> done{0};

    auto body = [&](int begin, int end) {
        DcmFileFormat file;
        DcmDataset& d = *file.getDataset();
        fillSeriesAttributes(d, m_metadata, volume);
        std::vector<Uint16> stored(sliceSize);
        for (int k = begin; k < end; ++k) {
            if (progress.cancelled()) {
                throw Cancelled();
            }
            const int instance = k + 1;
            const Eigen::Vector3d position = g.toPatient(VoxelIndex{Eigen::Vector3d(0, 0, k)}).mm;
            put(d, DCM_SOPInstanceUID,
                m_metadata.sopInstanceUidPrefix + "." + std::to_string(instance));
            put(d, DCM_InstanceNumber, std::to_string(instance));
            put(d, DCM_ImagePositionPatient, dsList({position.x(), position.y(), position.z()}));
            put(d, DCM_SliceLocation, ds(position.dot(normal)));
            const std::size_t first = sliceSize * static_cast<std::size_t>(k);
            if (volume.voxelType() == VoxelType::Int16) {
                const std::int16_t* v = volume.voxels<std::int16_t>() + first;
                if (ct && (m_metadata.rescaleIntercept != 0.0 || m_metadata.rescaleSlope != 1.0)) {
                    for (std::size_t n = 0; n < sliceSize; ++n) {
                        const double s = std::round((v[n] - m_metadata.rescaleIntercept) /
                                                    m_metadata.rescaleSlope);
                        stored[n] = static_cast<Uint16>(
                            static_cast<std::int16_t>(std::clamp(s, -32768.0, 32767.0)));
                    }
                } else {
                    for (std::size_t n = 0; n < sliceSize; ++n) {
                        stored[n] = static_cast<Uint16>(v[n]);
                    }
                }
            } else {
                const std::uint16_t* v = volume.voxels<std::uint16_t>() + first;
                std::copy(v, v + sliceSize, stored.begin());
            }
            const OFCondition pc = d.putAndInsertUint16Array(DCM_PixelData, stored.data(),
                                                             static_cast<unsigned long>(sliceSize));
            const std::filesystem::path path = folder / fileName(instance);
            if (pc.bad()) {
                throw std::runtime_error(path.string() + ": cannot set pixel data: " + pc.text());
            }
            const OFCondition sc = file.saveFile(path.string().c_str(), EXS_LittleEndianExplicit);
            if (sc.bad()) {
                throw std::runtime_error(path.string() + ": cannot write: " + sc.text());
            }
            const int n = ++done;
            progress(static_cast<double>(n) / slices, "writing " + m_metadata.seriesDescription);
        }
    };
    if (threads == 1) {
        body(0, slices);
    } else {
        parallelFor(slices, body);
    }
}

}  // namespace crosscheck
