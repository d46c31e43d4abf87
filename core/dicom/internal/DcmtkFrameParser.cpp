#include "core/dicom/internal/DcmtkFrameParser.h"

// clang-format off
#include <dcmtk/config/osconfig.h>
// clang-format on
#include <dcmtk/dcmdata/dctk.h>

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "core/dicom/DicomError.h"
#include "core/dicom/SiemensCsaHeader.h"

namespace crosscheck {

namespace {

// More frames than this in one object is a corrupt header, not a scan.
constexpr long kMaxFrames = 100000;

std::string text(DcmItem* item, const DcmTagKey& tag) {
    OFString value;
    if (item != nullptr && item->findAndGetOFStringArray(tag, value).good()) {
        return std::string(value.c_str());
    }
    return {};
}

std::optional<double> number(DcmItem* item, const DcmTagKey& tag, unsigned long pos = 0) {
    Float64 value = 0;
    if (item != nullptr && item->findAndGetFloat64(tag, value, pos).good() &&
        std::isfinite(value)) {
        return value;
    }
    return std::nullopt;
}

std::optional<long> integer(DcmItem* item, const DcmTagKey& tag) {
    Sint32 s = 0;
    if (item != nullptr && item->findAndGetSint32(tag, s).good()) {
        return s;
    }
    Uint16 u = 0;
    if (item != nullptr && item->findAndGetUint16(tag, u).good()) {
        return u;
    }
    // IS values that DCMTK does not convert (leading blanks, "+"), parsed by hand.
    const std::string t = text(item, tag);
    if (!t.empty()) {
        try {
            return std::stol(t);
        } catch (...) {
        }
    }
    return std::nullopt;
}

std::optional<Eigen::Vector3d> vector3(DcmItem* item, const DcmTagKey& tag,
                                       unsigned long first = 0) {
    Eigen::Vector3d v;
    for (unsigned long i = 0; i < 3; ++i) {
        const auto x = number(item, tag, first + i);
        if (!x) {
            return std::nullopt;
        }
        v[static_cast<int>(i)] = *x;
    }
    return v;
}

std::vector<std::string> split(const std::string& s) {
    std::vector<std::string> parts;
    std::string current;
    for (char c : s) {
        if (c == '\\') {
            parts.push_back(current);
            current.clear();
        } else {
            current += c;
        }
    }
    if (!s.empty()) {
        parts.push_back(current);
    }
    return parts;
}

DcmItem* firstItem(DcmItem* item, const DcmTagKey& sequence) {
    DcmItem* found = nullptr;
    if (item != nullptr && item->findAndGetSequenceItem(sequence, found, 0).good()) {
        return found;
    }
    return nullptr;
}

void readGeometry(DcmItem* item, FrameHeader& h) {
    if (auto p = vector3(item, DCM_ImagePositionPatient)) {
        h.position = p;
    }
    auto row = vector3(item, DCM_ImageOrientationPatient, 0);
    auto col = vector3(item, DCM_ImageOrientationPatient, 3);
    if (row && col && row->norm() > 1e-6 && col->norm() > 1e-6) {
        h.rowDirection = row->normalized();
        h.columnDirection = col->normalized();
    }
    auto r = number(item, DCM_PixelSpacing, 0);
    auto c = number(item, DCM_PixelSpacing, 1);
    if (r && c && *r > 0 && *c > 0) {
        h.pixelSpacingRowCol = Eigen::Vector2d(*r, *c);
    }
    if (auto t = number(item, DCM_SliceThickness)) {
        h.sliceThicknessMm = *t;
    }
}

void readRescale(DcmItem* item, FrameHeader& h) {
    if (auto s = number(item, DCM_RescaleSlope)) {
        h.rescaleSlope = *s == 0.0 ? 1.0 : *s;  // a zero slope is a writer's bug, not a blank image
    }
    if (auto i = number(item, DCM_RescaleIntercept)) {
        h.rescaleIntercept = *i;
    }
}

void readWindow(DcmItem* item, FrameHeader& h) {
    if (auto c = number(item, DCM_WindowCenter)) {
        h.windowCenter = c;
    }
    if (auto w = number(item, DCM_WindowWidth)) {
        h.windowWidth = w;
    }
}

// The functional groups of an enhanced object: each macro is a sequence with one item.
void applyFunctionalGroups(DcmItem* groups, FrameHeader& h) {
    if (groups == nullptr) {
        return;
    }
    if (DcmItem* p = firstItem(groups, DCM_PlanePositionSequence)) {
        if (auto v = vector3(p, DCM_ImagePositionPatient)) {
            h.position = v;
        }
    }
    if (DcmItem* o = firstItem(groups, DCM_PlaneOrientationSequence)) {
        auto row = vector3(o, DCM_ImageOrientationPatient, 0);
        auto col = vector3(o, DCM_ImageOrientationPatient, 3);
        if (row && col && row->norm() > 1e-6 && col->norm() > 1e-6) {
            h.rowDirection = row->normalized();
            h.columnDirection = col->normalized();
        }
    }
    if (DcmItem* m = firstItem(groups, DCM_PixelMeasuresSequence)) {
        auto r = number(m, DCM_PixelSpacing, 0);
        auto c = number(m, DCM_PixelSpacing, 1);
        if (r && c && *r > 0 && *c > 0) {
            h.pixelSpacingRowCol = Eigen::Vector2d(*r, *c);
        }
        if (auto t = number(m, DCM_SliceThickness)) {
            h.sliceThicknessMm = *t;
        }
    }
    if (DcmItem* t = firstItem(groups, DCM_PixelValueTransformationSequence)) {
        readRescale(t, h);
    }
    if (DcmItem* w = firstItem(groups, DCM_FrameVOILUTSequence)) {
        readWindow(w, h);
    }
    if (DcmItem* e = firstItem(groups, DCM_MREchoSequence)) {
        if (auto te = number(e, DCM_EffectiveEchoTime)) {
            h.echoTimeMs = te;
        }
    }
    if (DcmItem* timing = firstItem(groups, DCM_MRTimingAndRelatedParametersSequence)) {
        if (auto tr = number(timing, DCM_RepetitionTime)) {
            h.repetitionTimeMs = tr;
        }
    }
}

// The element (group, xx`element`) of the private block `creator` reserved in `group`.
DcmElement* privateElement(DcmItem* ds, Uint16 group, const char* creator, Uint16 element) {
    for (Uint16 block = 0x10; block <= 0xFF; ++block) {
        if (text(ds, DcmTagKey(group, block)) == creator) {
            DcmElement* found = nullptr;
            const DcmTagKey key(group, static_cast<Uint16>((block << 8) | element));
            if (ds->findAndGetElement(key, found).good()) {
                return found;
            }
            return nullptr;
        }
    }
    return nullptr;
}

// Siemens: the b-value in (0019,xx0C) and, for mosaics, the CSA image header (0029,xx10)
// with the slice count and slice normal (dcm2niix reads the same fields).
void readSiemens(DcmItem* ds, FrameHeader& h) {
    if (!h.bValue) {
        if (DcmElement* b = privateElement(ds, 0x0019, "SIEMENS MR HEADER", 0x0C)) {
            OFString value;
            if (b->getOFStringArray(value).good()) {
                char* end = nullptr;
                const double v = std::strtod(value.c_str(), &end);
                if (end != value.c_str() && std::isfinite(v)) {
                    h.bValue = v;
                }
            }
        }
    }
    const bool mosaic =
        std::find(h.imageType.begin(), h.imageType.end(), "MOSAIC") != h.imageType.end();
    if (!mosaic) {
        return;
    }
    DcmElement* csa = privateElement(ds, 0x0029, "SIEMENS CSA HEADER", 0x10);
    Uint8* bytes = nullptr;
    if (csa == nullptr || csa->getUint8Array(bytes).bad() || bytes == nullptr) {
        return;
    }
    const SiemensCsaHeader header(bytes, csa->getLength());
    if (auto n = header.number("NumberOfImagesInMosaic")) {
        h.mosaicImages = *n >= 1 && *n <= 10000 ? static_cast<int>(*n) : -1;
    }
    const auto x = header.number("SliceNormalVector", 0);
    const auto y = header.number("SliceNormalVector", 1);
    const auto z = header.number("SliceNormalVector", 2);
    if (x && y && z && Eigen::Vector3d(*x, *y, *z).norm() > 1e-6) {
        h.csaSliceNormal = Eigen::Vector3d(*x, *y, *z).normalized();
    }
    if (!h.bValue) {
        h.bValue = header.number("B_value");
    }
}

}  // namespace

std::vector<FrameHeader> parseFrameHeaders(DcmItem* ds, const std::string& file,
                                           const std::string& transferSyntaxUid, bool hasPixelData,
                                           bool encapsulated, long framesHeld) {
    FrameHeader h;
    h.file = file;
    h.transferSyntaxUid = transferSyntaxUid;
    h.hasPixelData = hasPixelData;
    h.encapsulated = encapsulated;
    h.sopClassUid = text(ds, DCM_SOPClassUID);
    h.sopInstanceUid = text(ds, DCM_SOPInstanceUID);
    h.studyInstanceUid = text(ds, DCM_StudyInstanceUID);
    h.seriesInstanceUid = text(ds, DCM_SeriesInstanceUID);
    h.frameOfReferenceUid = text(ds, DCM_FrameOfReferenceUID);
    h.modality = text(ds, DCM_Modality);
    h.seriesDescription = text(ds, DCM_SeriesDescription);
    h.patientName = text(ds, DCM_PatientName);
    h.patientId = text(ds, DCM_PatientID);
    h.studyDate = text(ds, DCM_StudyDate);
    h.studyDescription = text(ds, DCM_StudyDescription);
    h.manufacturer = text(ds, DCM_Manufacturer);
    h.manufacturerModelName = text(ds, DCM_ManufacturerModelName);
    h.derivationDescription = text(ds, DCM_DerivationDescription);
    h.scanningSequence = text(ds, DCM_ScanningSequence);
    h.sequenceVariant = text(ds, DCM_SequenceVariant);
    h.mrAcquisitionType = text(ds, DCM_MRAcquisitionType);
    h.photometric = text(ds, DCM_PhotometricInterpretation);
    while (!h.photometric.empty() && h.photometric.back() == ' ') {
        h.photometric.pop_back();
    }
    h.imageType = split(text(ds, DCM_ImageType));
    h.seriesNumber = static_cast<int>(integer(ds, DCM_SeriesNumber).value_or(0));
    h.instanceNumber = static_cast<int>(integer(ds, DCM_InstanceNumber).value_or(0));
    h.acquisitionNumber = static_cast<int>(integer(ds, DCM_AcquisitionNumber).value_or(0));
    if (auto e = integer(ds, DCM_EchoNumbers)) {
        h.echoNumber = static_cast<int>(*e);
    }
    h.rows = static_cast<int>(integer(ds, DCM_Rows).value_or(0));
    h.columns = static_cast<int>(integer(ds, DCM_Columns).value_or(0));
    h.samplesPerPixel = static_cast<int>(integer(ds, DCM_SamplesPerPixel).value_or(1));
    h.bitsAllocated = static_cast<int>(integer(ds, DCM_BitsAllocated).value_or(0));
    h.bitsStored = static_cast<int>(integer(ds, DCM_BitsStored).value_or(h.bitsAllocated));
    h.highBit = static_cast<int>(integer(ds, DCM_HighBit).value_or(h.bitsStored - 1));
    h.pixelRepresentation = static_cast<int>(integer(ds, DCM_PixelRepresentation).value_or(0));
    h.gantryTiltDegrees = number(ds, DCM_GantryDetectorTilt).value_or(0.0);
    h.repetitionTimeMs = number(ds, DCM_RepetitionTime);
    h.echoTimeMs = number(ds, DCM_EchoTime);
    h.inversionTimeMs = number(ds, DCM_InversionTime);
    h.bValue = number(ds, DCM_DiffusionBValue);
    h.spacingBetweenSlicesMm = number(ds, DCM_SpacingBetweenSlices);
    h.temporalPosition = static_cast<int>(integer(ds, DCM_TemporalPositionIdentifier).value_or(0));
    readGeometry(ds, h);
    readRescale(ds, h);
    if (h.manufacturer.find("SIEMENS") != std::string::npos ||
        h.manufacturer.find("Siemens") != std::string::npos) {
        readSiemens(ds, h);
    }
    readWindow(ds, h);

    const long frames = integer(ds, DCM_NumberOfFrames).value_or(1);
    if (hasPixelData && framesHeld >= 0 && frames > framesHeld) {
        throw DicomError(file, "the pixel data holds " + std::to_string(framesHeld) + " of the " +
                                   std::to_string(frames) +
                                   " frame(s) the header declares: truncated or corrupt");
    }
    if (frames < 1 || frames > kMaxFrames) {
        throw DicomError(file, "implausible NumberOfFrames " + std::to_string(frames));
    }
    h.numberOfFrames = static_cast<int>(frames);
    DcmItem* shared = firstItem(ds, DCM_SharedFunctionalGroupsSequence);
    applyFunctionalGroups(shared, h);

    std::vector<FrameHeader> result;
    if (frames == 1 && !ds->tagExists(DCM_PerFrameFunctionalGroupsSequence)) {
        result.push_back(h);
        return result;
    }
    DcmSequenceOfItems* perFrame = nullptr;
    ds->findAndGetSequence(DCM_PerFrameFunctionalGroupsSequence, perFrame);
    if (perFrame != nullptr && perFrame->card() < static_cast<unsigned long>(frames)) {
        throw DicomError(file, "PerFrameFunctionalGroupsSequence has " +
                                   std::to_string(perFrame->card()) + " items for " +
                                   std::to_string(frames) + " frames");
    }
    // RT dose and similar: one position, frames offset along the normal.
    std::vector<double> offsets;
    if (perFrame == nullptr) {
        for (unsigned long i = 0; i < static_cast<unsigned long>(frames); ++i) {
            auto o = number(ds, DCM_GridFrameOffsetVector, i);
            if (!o) {
                offsets.clear();
                break;
            }
            offsets.push_back(*o);
        }
    }
    result.reserve(static_cast<std::size_t>(frames));
    for (long f = 0; f < frames; ++f) {
        FrameHeader frame = h;
        frame.frameIndex = static_cast<int>(f);
        if (perFrame != nullptr) {
            applyFunctionalGroups(perFrame->getItem(static_cast<unsigned long>(f)), frame);
        } else if (!offsets.empty() && h.position && h.rowDirection && h.columnDirection) {
            const Eigen::Vector3d normal = h.rowDirection->cross(*h.columnDirection).normalized();
            frame.position = *h.position + normal * offsets[static_cast<std::size_t>(f)];
        }
        result.push_back(std::move(frame));
    }
    return result;
}

}  // namespace crosscheck
