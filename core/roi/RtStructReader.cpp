#include "core/roi/RtStructReader.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>

#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "core/roi/ContourFill.h"
#include "core/roi/ImportSupport.h"

namespace crosscheck {

namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& why) {
    throw RoiImportError(path.string() + ": " + why);
}

std::string text(DcmItem& item, const DcmTagKey& tag) {
    OFString value;
    item.findAndGetOFStringArray(tag, value);
    return value.c_str();
}

/// The items of a sequence of `item` (empty when absent).
std::vector<DcmItem*> items(DcmItem& item, const DcmTagKey& tag) {
    std::vector<DcmItem*> out;
    DcmSequenceOfItems* seq = nullptr;
    if (item.findAndGetSequence(tag, seq).good() && seq) {
        for (unsigned long i = 0; i < seq->card(); ++i) {
            out.push_back(seq->getItem(i));
        }
    }
    return out;
}

/// What the structure set says about one frame of reference: the image series and images
/// it was drawn on.
struct ReferencedFrame {
    std::set<std::string> series;
    std::set<std::string> images;
};

std::map<std::string, ReferencedFrame> referencedFrames(DcmDataset& dataset) {
    std::map<std::string, ReferencedFrame> frames;
    for (DcmItem* f : items(dataset, DCM_ReferencedFrameOfReferenceSequence)) {
        ReferencedFrame& out = frames[text(*f, DCM_FrameOfReferenceUID)];
        for (DcmItem* study : items(*f, DCM_RTReferencedStudySequence)) {
            for (DcmItem* series : items(*study, DCM_RTReferencedSeriesSequence)) {
                out.series.insert(text(*series, DCM_SeriesInstanceUID));
                for (DcmItem* image : items(*series, DCM_ContourImageSequence)) {
                    out.images.insert(text(*image, DCM_ReferencedSOPInstanceUID));
                }
            }
        }
    }
    return frames;
}

const LoadedSeries* seriesHoldingImages(const Study& study, const std::set<std::string>& images) {
    for (const LoadedSeries& s : study.series) {
        if (!s.volume) {
            continue;
        }
        for (const SliceRef& slice : s.info.slices) {
            if (images.count(slice.sopInstanceUid)) {
                return &s;
            }
        }
    }
    return nullptr;
}

/// The loaded series a structure in `frameUid` is rasterized on (see the header).
const LoadedSeries& gridSeries(const Study& study, const std::string& frameUid,
                               const ReferencedFrame& refs, const std::set<std::string>& images,
                               const std::filesystem::path& path) {
    const LoadedSeries* series = nullptr;
    if (!refs.series.empty()) {
        for (const LoadedSeries& s : study.series) {
            if (s.volume && refs.series.count(s.info.seriesInstanceUid)) {
                series = &s;
                break;
            }
        }
        if (!series) {
            fail(path, "references images that are not loaded (series " + *refs.series.begin() +
                           "); load the series it was drawn on");
        }
    } else if (!images.empty()) {
        series = seriesHoldingImages(study, images);
        if (!series) {
            fail(path, "references images that are not loaded (" + std::to_string(images.size()) +
                           " contour images); load the series it was drawn on");
        }
    } else {
        series = loadedSeriesInFrame(study, frameUid);
    }
    if (!series || series->info.frameOfReferenceUid != frameUid) {
        fail(path, "its frame of reference (" + frameUid + ") matches no loaded series");
    }
    return *series;
}

struct Structure {
    int number = 0;
    std::string name;
    std::string frameUid;
    std::string interpretedType;
};

}  // namespace

ImportResult readRtStruct(const std::filesystem::path& path, const Study& study) {
    DcmFileFormat file;
    if (file.loadFile(path.c_str()).bad()) {
        fail(path, "cannot be read as a DICOM file");
    }
    DcmDataset& dataset = *file.getDataset();
    const std::string sopClass = text(dataset, DCM_SOPClassUID);
    if (sopClass != UID_RTStructureSetStorage) {
        fail(path, "is not an RT Structure Set (SOP class " + sopClass + ")");
    }
    const std::string sopInstance = text(dataset, DCM_SOPInstanceUID);
    const std::map<std::string, ReferencedFrame> frames = referencedFrames(dataset);

    std::map<int, Structure> structures;
    for (DcmItem* item : items(dataset, DCM_StructureSetROISequence)) {
        Sint32 number = 0;
        item->findAndGetSint32(DCM_ROINumber, number);
        structures[number] = {number, text(*item, DCM_ROIName),
                              text(*item, DCM_ReferencedFrameOfReferenceUID), ""};
    }
    for (DcmItem* item : items(dataset, DCM_RTROIObservationsSequence)) {
        Sint32 number = 0;
        item->findAndGetSint32(DCM_ReferencedROINumber, number);
        if (structures.count(number)) {
            structures[number].interpretedType = text(*item, DCM_RTROIInterpretedType);
        }
    }

    ImportResult result;
    for (DcmItem* roiItem : items(dataset, DCM_ROIContourSequence)) {
        Sint32 number = 0;
        roiItem->findAndGetSint32(DCM_ReferencedROINumber, number);
        const auto found = structures.find(number);
        if (found == structures.end()) {
            fail(path, "has contours for ROI number " + std::to_string(number) +
                           ", which the Structure Set ROI Sequence does not list");
        }
        const Structure& s = found->second;
        const std::string who = "ROI '" + s.name + "' (number " + std::to_string(number) + ")";
        const std::vector<DcmItem*> contours = items(*roiItem, DCM_ContourSequence);
        std::set<std::string> images;
        bool points = false, closed = false;
        for (DcmItem* c : contours) {
            const std::string type = text(*c, DCM_ContourGeometricType);
            if (type == "POINT") {
                points = true;
            } else if (type == "CLOSED_PLANAR") {
                closed = true;
            } else {
                fail(path, who + " has an open contour (" + type +
                               "); only closed planar contours can be filled");
            }
            for (DcmItem* image : items(*c, DCM_ContourImageSequence)) {
                images.insert(text(*image, DCM_ReferencedSOPInstanceUID));
            }
        }
        if (!closed) {
            result.warnings.push_back(
                path.string() + ": " + who +
                (points ? " holds only points: left out" : " has no contour: left out"));
            continue;
        }
        if (points) {
            fail(path, who + " mixes point markers with closed contours");
        }
        const auto refs = frames.find(s.frameUid);
        const LoadedSeries& series =
            gridSeries(study, s.frameUid, refs != frames.end() ? refs->second : ReferencedFrame{},
                       images, path);
        const VolumeGeometry& grid = series.volume->geometry();
        const Eigen::Vector3i dims = grid.dims();

        std::map<int, std::vector<PixelPolygon>> bySlice;
        for (DcmItem* c : contours) {
            DcmElement* data = nullptr;
            const unsigned long values =
                c->findAndGetElement(DCM_ContourData, data).good() && data ? data->getVM() : 0;
            if (values < 9 || values % 3 != 0) {
                fail(path, who + " has a contour with fewer than 3 points");
            }
            PixelPolygon polygon;
            double kLo = 1e300, kHi = -1e300, kSum = 0.0;
            Eigen::Vector3d firstMm = Eigen::Vector3d::Zero();
            for (unsigned long v = 0; v < values; v += 3) {
                Float64 x = 0, y = 0, z = 0;
                data->getFloat64(x, v);
                data->getFloat64(y, v + 1);
                data->getFloat64(z, v + 2);
                if (v == 0) {
                    firstMm = Eigen::Vector3d(x, y, z);
                }
                const Eigen::Vector3d ijk =
                    grid.toIndex(PatientPoint{Eigen::Vector3d(x, y, z)}).ijk;
                polygon.emplace_back(ijk.x(), ijk.y());
                kLo = std::min(kLo, ijk.z());
                kHi = std::max(kHi, ijk.z());
                kSum += ijk.z();
            }
            std::ostringstream at;
            at << "at (" << firstMm.x() << ", " << firstMm.y() << ", " << firstMm.z() << ") mm";
            if (kHi - kLo > 0.25) {
                fail(path, who + " has a contour " + at.str() +
                               " that does not lie in one slice plane of series " +
                               series.info.seriesInstanceUid);
            }
            const int k = static_cast<int>(std::lround(kSum / static_cast<double>(polygon.size())));
            if (k < 0 || k >= dims.z()) {
                fail(path, who + " has a contour " + at.str() + " outside the images of series " +
                               series.info.seriesInstanceUid);
            }
            if (selfIntersects(polygon)) {
                fail(path, who + " has a self-intersecting contour " + at.str());
            }
            bySlice[k].push_back(std::move(polygon));
        }

        std::vector<std::pair<int, std::vector<Eigen::Vector2i>>> filled;
        IndexBounds box;
        for (const auto& [k, polygons] : bySlice) {
            std::vector<Eigen::Vector2i> pixels = fillEvenOdd(polygons, dims.x(), dims.y());
            for (const auto& p : pixels) {
                box.add(p.x(), p.y(), k);
            }
            filled.emplace_back(k, std::move(pixels));
        }
        if (box.empty()) {
            result.warnings.push_back(path.string() + ": " + who +
                                      " covers no voxel centre: left out");
            continue;
        }
        auto mask = std::make_shared<BrushMask>(croppedMask(grid, box.lo, box.hi));
        const Eigen::Vector3i md = mask->geometry.dims();
        for (const auto& [k, pixels] : filled) {
            for (const auto& p : pixels) {
                mask->labels[(static_cast<std::size_t>(k - box.lo.z()) * md.y() +
                              (p.y() - box.lo.y())) *
                                 md.x() +
                             (p.x() - box.lo.x())] = 1;
            }
        }
        ImportedRoi r;
        r.label = s.name.empty() ? "ROI " + std::to_string(number) : s.name;
        r.roi = Roi::brush(series.info.frameOfReferenceUid, mask);
        RoiProvenance p;
        p.format = toString(ImportFormat::RtStruct);
        p.file = path.string();
        p.sopInstanceUid = sopInstance;
        p.number = number;
        if (!s.interpretedType.empty()) {
            p.codes = "interpreted type: " + s.interpretedType;
        }
        Sint32 rgb[3] = {0, 0, 0};
        bool hasColour = true;
        for (unsigned long c = 0; c < 3; ++c) {
            hasColour =
                hasColour && roiItem->findAndGetSint32(DCM_ROIDisplayColor, rgb[c], c).good();
        }
        if (hasColour) {
            auto byte = [](Sint32 v) { return static_cast<std::uint8_t>(std::clamp(v, 0, 255)); };
            p.colorRgb = std::array<std::uint8_t, 3>{byte(rgb[0]), byte(rgb[1]), byte(rgb[2])};
        }
        r.roi.importedFrom = p;
        result.rois.push_back(std::move(r));
    }
    if (result.rois.empty()) {
        fail(path, "has no structure with a closed contour");
    }
    return result;
}

}  // namespace crosscheck
