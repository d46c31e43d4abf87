#include "core/dicom/SeriesAssembler.h"

#include <Eigen/Geometry>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "core/dicom/RepeatedPositions.h"
#include "core/dicom/RoleGuess.h"
#include "core/dicom/SeriesIdentity.h"
#include "core/dicom/SliceStack.h"

namespace crosscheck {

namespace {

Eigen::Vector3d rowDir(const FrameHeader& f) {
    return f.rowDirection.value_or(Eigen::Vector3d::UnitX());
}
Eigen::Vector3d colDir(const FrameHeader& f) {
    return f.columnDirection.value_or(Eigen::Vector3d::UnitY());
}

// Keys that make frames of one SeriesInstanceUID into different volumes.
struct PartKey {
    std::string frameOfReference;
    std::array<long, 6> orientation{};
    int rows = 0, columns = 0;
    int bitsAllocated = 0, bitsStored = 0, pixelRepresentation = 0;
    int echo = 0;
    std::string colour;     // PhotometricInterpretation of colour frames, "" for grey ones
    std::string imageType;  // ImageType values joined with '\\'
    bool operator<(const PartKey& o) const {
        return std::tie(frameOfReference, orientation, rows, columns, bitsAllocated, bitsStored,
                        pixelRepresentation, echo, colour, imageType) <
               std::tie(o.frameOfReference, o.orientation, o.rows, o.columns, o.bitsAllocated,
                        o.bitsStored, o.pixelRepresentation, o.echo, o.colour, o.imageType);
    }
};

PartKey keyOf(const FrameHeader& f) {
    PartKey k;
    k.frameOfReference = f.frameOfReferenceUid;
    const Eigen::Vector3d r = rowDir(f), c = colDir(f);
    for (int i = 0; i < 3; ++i) {
        // Orientations equal to 1e-3 (0.06 degrees) are one orientation.
        k.orientation[static_cast<std::size_t>(i)] = std::lround(r[i] * 1000.0);
        k.orientation[static_cast<std::size_t>(i + 3)] = std::lround(c[i] * 1000.0);
    }
    k.rows = f.rows;
    k.columns = f.columns;
    k.bitsAllocated = f.bitsAllocated;
    k.bitsStored = f.bitsStored;
    k.pixelRepresentation = f.pixelRepresentation;
    k.echo = f.echoNumber.value_or(0);
    if (f.samplesPerPixel != 1 || f.photometric == "PALETTE COLOR") {
        k.colour = f.photometric;
    }
    for (const std::string& t : f.imageType) {
        k.imageType += (k.imageType.empty() ? "" : "\\") + t;
    }
    return k;
}

void chooseVoxelType(const std::vector<const FrameHeader*>& frames, SeriesInfo& info) {
    const FrameHeader& f = *frames.front();
    const double storedMin = f.pixelRepresentation == 1 ? -std::ldexp(1.0, f.bitsStored - 1) : 0.0;
    const double storedMax = f.pixelRepresentation == 1 ? std::ldexp(1.0, f.bitsStored - 1) - 1
                                                        : std::ldexp(1.0, f.bitsStored) - 1;
    bool integral = true;
    bool identity = true;
    double lo = 0, hi = 0;
    bool first = true;
    for (const FrameHeader* h : frames) {
        integral = integral && h->rescaleSlope == std::round(h->rescaleSlope) &&
                   h->rescaleIntercept == std::round(h->rescaleIntercept);
        identity = identity && h->rescaleSlope == 1.0 && h->rescaleIntercept == 0.0;
        const double a = h->rescaleSlope * storedMin + h->rescaleIntercept;
        const double b = h->rescaleSlope * storedMax + h->rescaleIntercept;
        lo = first ? std::min(a, b) : std::min({lo, a, b});
        hi = first ? std::max(a, b) : std::max({hi, a, b});
        first = false;
    }
    const bool ct = info.modality == "CT" || isHounsfield(info.role);
    if (ct && integral && f.bitsAllocated <= 16) {
        info.voxelType = VoxelType::Int16;  // HU; values beyond int16 are clipped and counted
        info.gapFillValue = -1024.0;
    } else if (integral && lo >= 0 && hi <= 65535) {
        info.voxelType = VoxelType::UInt16;
    } else if (integral && lo >= -32768 && hi <= 32767) {
        info.voxelType = VoxelType::Int16;
    } else if (identity && f.bitsAllocated <= 16) {
        info.voxelType = f.pixelRepresentation == 1 ? VoxelType::Int16 : VoxelType::UInt16;
    } else {
        info.voxelType = VoxelType::Float32;
    }
}

void fillDescriptive(const FrameHeader& f, SeriesInfo& s) {
    s.seriesInstanceUid = f.seriesInstanceUid;
    s.studyInstanceUid = f.studyInstanceUid;
    s.frameOfReferenceUid = f.frameOfReferenceUid;
    s.modality = f.modality;
    s.description = f.seriesDescription;
    s.patientName = f.patientName;
    s.patientId = f.patientId;
    s.studyDate = f.studyDate;
    s.studyDescription = f.studyDescription;
    s.manufacturer = f.manufacturer;
    s.imageType = f.imageType;
    s.seriesNumber = f.seriesNumber;
    s.echoNumber = f.echoNumber;
    s.manufacturerModelName = f.manufacturerModelName;
    s.derivationDescription = f.derivationDescription;
    s.scanningSequence = f.scanningSequence;
    s.sequenceVariant = f.sequenceVariant;
    s.mrAcquisitionType = f.mrAcquisitionType;
    s.windowCenter = f.windowCenter;
    s.windowWidth = f.windowWidth;
    s.repetitionTimeMs = f.repetitionTimeMs;
    s.echoTimeMs = f.echoTimeMs;
    s.inversionTimeMs = f.inversionTimeMs;
    s.sliceThicknessMm = f.sliceThicknessMm;
    s.gantryTiltDegrees = f.gantryTiltDegrees;
    s.numberOfFrames = f.numberOfFrames;
    s.transferSyntaxUid = f.transferSyntaxUid;
    s.photometric = f.photometric;
    s.bitsAllocated = f.bitsAllocated;
    s.bitsStored = f.bitsStored;
    s.highBit = f.highBit;
    s.pixelRepresentation = f.pixelRepresentation;
    s.samplesPerPixel = f.samplesPerPixel;
    s.bValue = f.bValue;
    s.mosaic = f.mosaicTile >= 0;
}

std::string describeKey(const PartKey& k, const std::set<std::string>& varied) {
    std::string label;
    auto add = [&](const std::string& part) { label += (label.empty() ? "" : ", ") + part; };
    if (varied.count("mixed frames of reference")) {
        add("frame " + k.frameOfReference);
    }
    if (varied.count("mixed orientations")) {
        add("orientation " + std::to_string(k.orientation[0]) + "," +
            std::to_string(k.orientation[1]) + "," + std::to_string(k.orientation[2]));
    }
    if (varied.count("mixed sizes")) {
        add(std::to_string(k.columns) + "x" + std::to_string(k.rows));
    }
    if (varied.count("mixed pixel formats")) {
        add(k.colour.empty() ? std::to_string(k.bitsStored) + " bits" : k.colour);
    }
    if (varied.count("split by echo")) {
        add("echo " + std::to_string(k.echo));
    }
    if (varied.count("mixed image types")) {
        add("image type " + k.imageType);
    }
    return label;
}

}  // namespace

std::vector<SeriesInfo> assembleSeries(std::vector<FrameHeader> frames) {
    std::vector<SeriesInfo> result;
    for (SeriesGroup& group : groupSeries(frames)) {
        std::map<PartKey, std::vector<const FrameHeader*>> parts;
        for (const FrameHeader* f : group.frames) {
            parts[keyOf(*f)].push_back(f);
        }
        std::set<std::string> varied;
        if (parts.size() > 1) {
            const PartKey& a = parts.begin()->first;
            for (const auto& [key, unused] : parts) {
                if (key.frameOfReference != a.frameOfReference)
                    varied.insert("mixed frames of reference");
                if (key.orientation != a.orientation)
                    varied.insert("mixed orientations");
                if (key.rows != a.rows || key.columns != a.columns)
                    varied.insert("mixed sizes");
                if (key.bitsAllocated != a.bitsAllocated || key.bitsStored != a.bitsStored ||
                    key.pixelRepresentation != a.pixelRepresentation || key.colour != a.colour)
                    varied.insert("mixed pixel formats");
                if (key.echo != a.echo)
                    varied.insert("split by echo");
                if (key.imageType != a.imageType)
                    varied.insert("mixed image types");
            }
        }
        const std::size_t firstOfGroup = result.size();
        for (auto& [key, partFrames] : parts) {
            std::string repeatWhy;
            const std::vector<RepeatedVolume> volumes =
                splitRepeatedPositions(partFrames, repeatWhy);
            for (const RepeatedVolume& volume : volumes) {
                SeriesInfo s;
                fillDescriptive(*volume.frames.front(), s);
                s.seriesInstanceUid = group.uid;
                if (!group.identityTag.empty()) {
                    s.warn(group.identityTag, group.identityDetail);
                }
                const std::string keyLabel = describeKey(key, varied);
                s.splitLabel = keyLabel + (keyLabel.empty() || volume.label.empty() ? "" : ", ") +
                               volume.label;
                for (const std::string& why : varied) {
                    s.warn(why, "series " + s.seriesInstanceUid + " holds " +
                                    std::to_string(parts.size()) +
                                    " parts that cannot form one volume (" + why +
                                    "); this one is " + keyLabel);
                }
                if (!varied.empty() || !repeatWhy.empty()) {
                    s.warn("split", "series split into several volumes" +
                                        (repeatWhy.empty() ? "" : " (" + repeatWhy + ")") +
                                        "; this one is " + s.splitLabel);
                }
                s.role = guessRole(s);
                chooseVoxelType(volume.frames, s);
                buildSliceStack(volume.frames, s);
                result.push_back(std::move(s));
            }
        }
        // Every volume of the series knows its index and the labels of all of them.
        std::vector<std::string> labels;
        for (std::size_t i = firstOfGroup; i < result.size(); ++i) {
            labels.push_back(result[i].splitLabel);
        }
        for (std::size_t i = firstOfGroup; i < result.size(); ++i) {
            result[i].volumeIndex = static_cast<int>(i - firstOfGroup);
            result[i].volumeLabels = labels;
        }
    }
    std::sort(result.begin(), result.end(), [](const SeriesInfo& a, const SeriesInfo& b) {
        return std::tie(a.studyInstanceUid, a.seriesNumber, a.seriesInstanceUid, a.volumeIndex) <
               std::tie(b.studyInstanceUid, b.seriesNumber, b.seriesInstanceUid, b.volumeIndex);
    });
    return result;
}

}  // namespace crosscheck
