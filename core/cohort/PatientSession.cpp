#include "core/cohort/PatientSession.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/roi/StudyMeasurement.h"
#include "core/session/SessionFile.h"

namespace crosscheck {

namespace fs = std::filesystem;

namespace {

bool endsWith(const std::string& text, const std::string& end) {
    return text.size() >= end.size() &&
           text.compare(text.size() - end.size(), end.size(), end) == 0;
}

bool isSessionFile(const fs::path& file) {
    const std::string name = file.filename().string();
    return !name.empty() && name[0] != '.' && endsWith(name, kSessionExtension) &&
           !endsWith(name, std::string(".recovery") + kSessionExtension);
}

/// ROIs that outline a tumour: they have an area or a volume.
bool outlinesTumour(const Roi& roi) {
    return roi.hasArea() || roi.shape == RoiShape::Sphere || roi.shape == RoiShape::Brush;
}

/// Adds each saved link whose frames the study does not join yet.
void addSessionTransforms(const SessionDocument& session, const fs::path& file, Study& study) {
    for (const FrameLink& link : session.transforms) {
        if (study.transforms.transform(link.fromFrame, link.toFrame)) {
            continue;
        }
        try {
            study.transforms.set(link.fromFrame, link.toFrame, link.fromToTo, link.provenance);
        } catch (const std::invalid_argument& e) {
            throw std::runtime_error("the saved session " + file.string() + ": " + e.what());
        }
    }
}

const RoiMeasurement* numbers(const SeriesMeasurement& row) {
    return row.measurement.hasNumbers ? &row.measurement : nullptr;
}

/// Takes one plane's [long, short] from the CT and sCT rows, once.
void takePlane(const std::optional<Eigen::Vector2d>& ct, const RoiMeasurement* sct, bool axial,
               PatientResult& r) {
    PairedValue& longMm = axial ? r.axialLongMm : r.sagittalLongMm;
    PairedValue& shortMm = axial ? r.axialShortMm : r.sagittalShortMm;
    if (longMm.ct || !ct) {
        return;
    }
    longMm.ct = (*ct)[0];
    shortMm.ct = (*ct)[1];
    r.visibleOnCt = r.visibleOnCt || (*ct)[0] > 0.0;
    const auto& sctSize = sct ? (axial ? sct->visibleAxialMm : sct->visibleSagittalMm)
                              : std::optional<Eigen::Vector2d>();
    if (sctSize) {
        longMm.sct = (*sctSize)[0];
        shortMm.sct = (*sctSize)[1];
        r.visibleOnSct = r.visibleOnSct || (*sctSize)[0] > 0.0;
    }
}

}  // namespace

std::optional<fs::path> findPatientSession(const fs::path& studyFolder) {
    std::vector<fs::path> found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(studyFolder, ec)) {
        if (entry.is_regular_file() && isSessionFile(entry.path())) {
            found.push_back(entry.path());
        }
    }
    if (found.empty()) {
        return std::nullopt;
    }
    std::sort(found.begin(), found.end());
    if (found.size() > 1) {
        std::string names;
        for (const fs::path& f : found) {
            names += (names.empty() ? "" : ", ") + f.filename().string();
        }
        throw std::runtime_error(studyFolder.string() + " holds " + std::to_string(found.size()) +
                                 " saved sessions (" + names +
                                 "); keep the one whose ROIs the cohort should measure");
    }
    return found.front();
}

bool measureSessionRois(const SessionDocument& session, const fs::path& file, Study& study,
                        PatientResult& r) {
    std::vector<const Annotation*> rois;
    for (const Annotation& a : session.annotations) {
        if (outlinesTumour(a.roi)) {
            rois.push_back(&a);
        }
    }
    if (rois.empty()) {
        r.warnings.push_back("the saved session " + file.string() +
                             " holds no ROI with an area or a volume: the finding was measured");
        return false;
    }
    addSessionTransforms(session, file, study);
    std::string whyNot;
    bool measured = false;
    for (const Annotation* a : rois) {
        const SeriesMeasurement ctRow =
            measureInSeries(a->roi, study.series.at(0), study.transforms);
        const SeriesMeasurement sctRow =
            measureInSeries(a->roi, study.series.at(1), study.transforms);
        const RoiMeasurement* ct = numbers(ctRow);
        if (!ct) {
            if (whyNot.empty()) {
                const auto& w = ctRow.measurement.warnings;
                whyNot = "\"" + (a->label.empty() ? a->id : a->label) +
                         "\": " + (w.empty() ? std::string("no numbers") : w.front());
            }
            continue;
        }
        const RoiMeasurement* sct = numbers(sctRow);
        if (!measured) {
            r.meanHu.ct = ct->values.mean;
            if (sct) {
                r.meanHu.sct = sct->values.mean;
            }
            measured = true;
        }
        takePlane(ct->visibleAxialMm, sct, true, r);
        takePlane(ct->visibleSagittalMm, sct, false, r);
    }
    if (!measured) {
        throw std::runtime_error("none of the " + std::to_string(rois.size()) +
                                 " ROI(s) of the saved session " + file.string() +
                                 " could be measured on the CT (first: " + whyNot + ")");
    }
    r.hasFinding = true;
    r.roiSource = "session";
    r.sessionFile = file.string();
    return true;
}

}  // namespace crosscheck
