#include "core/dicom/SeriesAssembler.h"

#include <Eigen/Geometry>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "core/dicom/RoleGuess.h"
#include "core/dicom/SliceStack.h"

namespace crosscheck {

namespace {

// Positions closer than this along the normal are the same slice position (mm).
constexpr double kDuplicateMm = 0.01;

Eigen::Vector3d rowDir(const FrameHeader& f) {
    return f.rowDirection.value_or(Eigen::Vector3d::UnitX());
}
Eigen::Vector3d colDir(const FrameHeader& f) {
    return f.columnDirection.value_or(Eigen::Vector3d::UnitY());
}
Eigen::Vector3d normalOf(const FrameHeader& f) {
    return rowDir(f).cross(colDir(f)).normalized();
}

// Keys that make frames of one SeriesInstanceUID into different volumes.
struct PartKey {
    std::string frameOfReference;
    std::array<long, 6> orientation{};
    int rows = 0, columns = 0;
    int bitsAllocated = 0, bitsStored = 0, pixelRepresentation = 0;
    int echo = 0;
    bool operator<(const PartKey& o) const {
        return std::tie(frameOfReference, orientation, rows, columns, bitsAllocated, bitsStored,
                        pixelRepresentation, echo) <
               std::tie(o.frameOfReference, o.orientation, o.rows, o.columns, o.bitsAllocated,
                        o.bitsStored, o.pixelRepresentation, o.echo);
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
        add(std::to_string(k.bitsStored) + " bits");
    }
    if (varied.count("split by echo")) {
        add("echo " + std::to_string(k.echo));
    }
    return label;
}

}  // namespace

std::vector<SeriesInfo> assembleSeries(std::vector<FrameHeader> frames) {
    std::map<std::string, std::vector<const FrameHeader*>> bySeries;
    for (const FrameHeader& f : frames) {
        bySeries[f.seriesInstanceUid.empty() ? "file:" + f.file : f.seriesInstanceUid].push_back(
            &f);
    }
    std::vector<SeriesInfo> result;
    for (auto& [uid, members] : bySeries) {
        std::map<PartKey, std::vector<const FrameHeader*>> parts;
        for (const FrameHeader* f : members) {
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
                    key.pixelRepresentation != a.pixelRepresentation)
                    varied.insert("mixed pixel formats");
                if (key.echo != a.echo)
                    varied.insert("split by echo");
            }
        }
        for (auto& [key, partFrames] : parts) {
            // Repeated positions with different acquisition numbers are repeated acquisitions.
            std::map<int, std::vector<const FrameHeader*>> byAcquisition;
            for (const FrameHeader* f : partFrames) {
                byAcquisition[f->acquisitionNumber].push_back(f);
            }
            bool repeats = false;
            if (byAcquisition.size() > 1) {
                const Eigen::Vector3d normal = normalOf(*partFrames.front());
                std::vector<double> along;
                for (const FrameHeader* f : partFrames) {
                    along.push_back(f->position ? f->position->dot(normal) : 0.0);
                }
                std::sort(along.begin(), along.end());
                for (std::size_t i = 0; i + 1 < along.size(); ++i) {
                    repeats = repeats || along[i + 1] - along[i] < kDuplicateMm;
                }
            }
            std::vector<std::pair<std::string, std::vector<const FrameHeader*>>> volumes;
            if (repeats) {
                for (auto& [acquisition, list] : byAcquisition) {
                    volumes.emplace_back("acquisition " + std::to_string(acquisition), list);
                }
            } else {
                volumes.emplace_back("", partFrames);
            }
            for (auto& [acquisitionLabel, list] : volumes) {
                SeriesInfo s;
                fillDescriptive(*list.front(), s);
                const std::string keyLabel = describeKey(key, varied);
                s.splitLabel = keyLabel +
                               (keyLabel.empty() || acquisitionLabel.empty() ? "" : ", ") +
                               acquisitionLabel;
                for (const std::string& why : varied) {
                    s.warn(why, "series " + s.seriesInstanceUid + " holds " +
                                    std::to_string(parts.size()) + " volumes (" + why +
                                    "); this one is " + keyLabel);
                }
                if (varied.size() > 0 || repeats) {
                    s.warn("split",
                           "series split into several volumes; this one is " + s.splitLabel);
                }
                s.role = guessRole(s);
                chooseVoxelType(list, s);
                buildSliceStack(list, s);
                result.push_back(std::move(s));
            }
        }
    }
    std::sort(result.begin(), result.end(), [](const SeriesInfo& a, const SeriesInfo& b) {
        return std::tie(a.studyInstanceUid, a.seriesNumber, a.seriesInstanceUid, a.splitLabel) <
               std::tie(b.studyInstanceUid, b.seriesNumber, b.seriesInstanceUid, b.splitLabel);
    });
    return result;
}

}  // namespace crosscheck
