#include "core/roi/SegReader.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmfg/fginterface.h>
#include <dcmtk/dcmfg/fgpixmsr.h>
#include <dcmtk/dcmfg/fgplanor.h>
#include <dcmtk/dcmfg/fgplanpo.h>
#include <dcmtk/dcmfg/fgseg.h>
#include <dcmtk/dcmiod/cielabutil.h>
#include <dcmtk/dcmseg/segdoc.h>
#include <dcmtk/dcmseg/segment.h>
#include <dcmtk/dcmseg/segutils.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>

#include "core/roi/ImportSupport.h"
#include "core/roi/SegGrid.h"

namespace crosscheck {

namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& why) {
    throw RoiImportError(path.string() + ": " + why);
}

std::string code(CodeSequenceMacro& c) {
    OFString value, scheme, meaning;
    c.getCodeValue(value);
    c.getCodingSchemeDesignator(scheme);
    c.getCodeMeaning(meaning);
    if (value.empty()) {
        return {};
    }
    return std::string(value.c_str()) + " " + scheme.c_str() + " " + meaning.c_str();
}

/// Every referenced image of the SEG (series and SOP instances, at any depth).
void referencedImages(DcmDataset& dataset, std::set<std::string>& series,
                      std::set<std::string>& instances) {
    DcmStack stack;
    while (dataset.search(DCM_ReferencedSOPInstanceUID, stack, ESM_afterStackTop, OFTrue).good()) {
        OFString uid;
        if (static_cast<DcmElement*>(stack.top())->getOFString(uid, 0).good() && !uid.empty()) {
            instances.insert(uid.c_str());
        }
    }
    DcmSequenceOfItems* seq = nullptr;
    if (dataset.findAndGetSequence(DCM_ReferencedSeriesSequence, seq).good() && seq) {
        for (unsigned long i = 0; i < seq->card(); ++i) {
            OFString uid;
            if (seq->getItem(i)->findAndGetOFString(DCM_SeriesInstanceUID, uid).good() &&
                !uid.empty()) {
                series.insert(uid.c_str());
            }
        }
    }
}

void checkReferences(DcmDataset& dataset, const Study& study, const std::filesystem::path& path) {
    std::set<std::string> series, instances;
    referencedImages(dataset, series, instances);
    if (series.empty() && instances.empty()) {
        return;  // nothing referenced: the frame of reference decides
    }
    for (const LoadedSeries& s : study.series) {
        if (s.volume && series.count(s.info.seriesInstanceUid)) {
            return;
        }
    }
    const std::set<std::string> loaded = loadedSopInstances(study);
    for (const std::string& uid : instances) {
        if (loaded.count(uid)) {
            return;
        }
    }
    fail(path, "references images that are not loaded (" +
                   (series.empty() ? std::to_string(instances.size()) + " source images"
                                   : "series " + *series.begin()) +
                   "); load the series it was drawn on");
}

std::optional<std::array<std::uint8_t, 3>> displayColour(DcmSegment& segment) {
    Uint16 l = 0, a = 0, b = 0;
    if (segment.getRecommendedDisplayCIELabValue(l, a, b).bad()) {
        return std::nullopt;
    }
    double r = 0, g = 0, bl = 0;
    IODCIELabUtil::dicomLab2RGB(r, g, bl, l, a, b);
    auto byte = [](double v) {
        return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0, 1.0) * 255.0));
    };
    return std::array<std::uint8_t, 3>{byte(r), byte(g), byte(bl)};
}

}  // namespace

ImportResult readSegmentation(const std::filesystem::path& path, const Study& study) {
    DcmFileFormat file;
    if (file.loadFile(path.c_str()).bad()) {
        fail(path, "cannot be read as a DICOM file");
    }
    DcmDataset& dataset = *file.getDataset();
    OFString sopClass, sopInstance, frameUid;
    dataset.findAndGetOFString(DCM_SOPClassUID, sopClass);
    dataset.findAndGetOFString(DCM_SOPInstanceUID, sopInstance);
    dataset.findAndGetOFString(DCM_FrameOfReferenceUID, frameUid);
    if (sopClass != UID_SegmentationStorage) {
        fail(path, "is not a DICOM Segmentation (SOP class " + std::string(sopClass.c_str()) + ")");
    }
    checkReferences(dataset, study, path);
    const LoadedSeries* inFrame = loadedSeriesInFrame(study, frameUid.c_str());
    if (!inFrame) {
        fail(path, "its frame of reference (" + std::string(frameUid.c_str()) +
                       ") matches no loaded series");
    }
    Uint16 maxFraction = 0;
    dataset.findAndGetUint16(DCM_MaximumFractionalValue, maxFraction);

    DcmSegmentation* loaded = nullptr;
    const OFCondition status = DcmSegmentation::loadDataset(dataset, loaded);
    const std::unique_ptr<DcmSegmentation> seg(loaded);
    if (status.bad() || !seg) {
        fail(path, std::string("is not a valid DICOM Segmentation (") + status.text() + ")");
    }
    Uint16 rows = 0, columns = 0;
    dataset.findAndGetUint16(DCM_Rows, rows);
    dataset.findAndGetUint16(DCM_Columns, columns);
    const bool fractional = seg->getSegmentationType() == DcmSegTypes::ST_FRACTIONAL;
    if (fractional && maxFraction == 0) {
        fail(path, "is a fractional segmentation without a Maximum Fractional Value");
    }

    // Where each frame lies, and which segment it belongs to.
    FGInterface& groups = seg->getFunctionalGroups();
    const std::size_t frameCount = seg->getNumberOfFrames();
    std::vector<SegFrameGeometry> frames(frameCount);
    std::vector<Uint16> segmentOf(frameCount, 0);
    for (std::size_t f = 0; f < frameCount; ++f) {
        const Uint32 n = static_cast<Uint32>(f);
        auto* position =
            dynamic_cast<FGPlanePosPatient*>(groups.get(n, DcmFGTypes::EFG_PLANEPOSPATIENT));
        auto* orientation = dynamic_cast<FGPlaneOrientationPatient*>(
            groups.get(n, DcmFGTypes::EFG_PLANEORIENTPATIENT));
        auto* measures =
            dynamic_cast<FGPixelMeasures*>(groups.get(n, DcmFGTypes::EFG_PIXELMEASURES));
        auto* segment = dynamic_cast<FGSegmentation*>(groups.get(n, DcmFGTypes::EFG_SEGMENTATION));
        SegFrameGeometry& g = frames[f];
        Float64 x = 0, y = 0, z = 0, rx = 0, ry = 0, rz = 0, cx = 0, cy = 0, cz = 0, sr = 0, sc = 0;
        if (!position || position->getImagePositionPatient(x, y, z).bad() || !orientation ||
            orientation->getImageOrientationPatient(rx, ry, rz, cx, cy, cz).bad() || !measures ||
            measures->getPixelSpacing(sr, 0).bad() || measures->getPixelSpacing(sc, 1).bad() ||
            !segment || segment->getReferencedSegmentNumber(segmentOf[f]).bad()) {
            fail(path, "frame " + std::to_string(f + 1) +
                           " lacks its plane position, orientation, pixel spacing or segment "
                           "number");
        }
        g.positionMm = Eigen::Vector3d(x, y, z);
        g.rowDirection = Eigen::Vector3d(rx, ry, rz);
        g.columnDirection = Eigen::Vector3d(cx, cy, cz);
        g.pixelSpacingRowCol = Eigen::Vector2d(sr, sc);
        Float64 between = 0;
        if (measures->getSpacingBetweenSlices(between).good() && between > 0) {
            g.spacingBetweenSlicesMm = between;
        } else if (measures->getSliceThickness(between).good() && between > 0) {
            g.spacingBetweenSlicesMm = between;
        }
    }
    if (frameCount == 0) {
        fail(path, "has no frame");
    }
    std::string gridProblem;
    const std::optional<SegGrid> grid = segGrid(frames, columns, rows, &gridProblem);
    if (!grid) {
        fail(path, gridProblem);
    }

    // Each segment's frames: decoded once, boxed, then copied into a cropped mask.
    std::map<Uint16, std::vector<std::size_t>> framesOf;
    for (std::size_t f = 0; f < frameCount; ++f) {
        framesOf[segmentOf[f]].push_back(f);
    }
    const std::size_t pixels = static_cast<std::size_t>(rows) * columns;
    const unsigned threshold = fractional ? (maxFraction + 1u) / 2u : 1u;
    ImportResult result;
    for (std::size_t number = 1; number <= seg->getNumberOfSegments(); ++number) {
        DcmSegment* segment = seg->getSegment(number);
        if (!segment) {
            continue;
        }
        OFString label;
        segment->getSegmentLabel(label);
        std::vector<std::pair<int, std::vector<std::uint8_t>>> planes;  // (k, inside per pixel)
        IndexBounds box;
        for (std::size_t f : framesOf[static_cast<Uint16>(number)]) {
            const DcmIODTypes::Frame* frame = seg->getFrame(f);
            if (!frame) {
                fail(path, "frame " + std::to_string(f + 1) + " has no pixel data");
            }
            std::unique_ptr<DcmIODTypes::Frame> unpacked;
            if (!fractional && frame->length < pixels) {
                unpacked.reset(DcmSegUtils::unpackBinaryFrame(frame, rows, columns));
                if (!unpacked) {
                    fail(path, "frame " + std::to_string(f + 1) + " cannot be unpacked");
                }
                frame = unpacked.get();
            }
            if (frame->length < pixels) {
                fail(path, "frame " + std::to_string(f + 1) + " is shorter than its image");
            }
            std::vector<std::uint8_t> inside(pixels, 0);
            const int k = grid->sliceOfFrame[f];
            for (std::size_t p = 0; p < pixels; ++p) {
                if (frame->pixData[p] >= threshold) {
                    inside[p] = 1;
                    box.add(static_cast<int>(p % columns), static_cast<int>(p / columns), k);
                }
            }
            planes.emplace_back(k, std::move(inside));
        }
        if (box.empty()) {
            result.warnings.push_back(path.string() + ": segment " + std::to_string(number) + " (" +
                                      label.c_str() + ") has no voxel: left out");
            continue;
        }
        auto mask = std::make_shared<BrushMask>(croppedMask(grid->geometry, box.lo, box.hi));
        const Eigen::Vector3i md = mask->geometry.dims();
        for (const auto& [k, inside] : planes) {
            for (int j = box.lo.y(); j <= box.hi.y(); ++j) {
                for (int i = box.lo.x(); i <= box.hi.x(); ++i) {
                    if (inside[static_cast<std::size_t>(j) * columns + i]) {
                        mask->labels[(static_cast<std::size_t>(k - box.lo.z()) * md.y() +
                                      (j - box.lo.y())) *
                                         md.x() +
                                     (i - box.lo.x())] = 1;
                    }
                }
            }
        }
        ImportedRoi r;
        r.label = label.empty() ? "segment " + std::to_string(number) : label.c_str();
        r.roi = Roi::brush(frameUid.c_str(), mask);
        RoiProvenance p;
        p.format = toString(ImportFormat::Seg);
        p.file = path.string();
        p.sopInstanceUid = sopInstance.c_str();
        p.number = static_cast<int>(number);
        const std::string category = code(segment->getSegmentedPropertyCategoryCode());
        const std::string type = code(segment->getSegmentedPropertyTypeCode());
        if (!category.empty() || !type.empty()) {
            p.codes = "category: " + category + "; type: " + type;
        }
        p.colorRgb = displayColour(*segment);
        r.roi.importedFrom = p;
        result.rois.push_back(std::move(r));
    }
    if (result.rois.empty()) {
        fail(path, "has no segment with a voxel");
    }
    return result;
}

}  // namespace crosscheck
