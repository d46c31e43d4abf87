#include "core/dicom/SeriesInfoJson.h"

namespace crosscheck {

namespace {

template <class T>
nlohmann::json optional(const std::optional<T>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json rowMajor(const Eigen::Matrix4d& m) {
    nlohmann::json out = nlohmann::json::array();
    for (int r = 0; r < 4; ++r) {
        for (int c = 0; c < 4; ++c) {
            out.push_back(m(r, c));
        }
    }
    return out;
}

nlohmann::json toJson(const SeriesInfo& s) {
    nlohmann::json j;
    j["series_instance_uid"] = s.seriesInstanceUid;
    j["study_instance_uid"] = s.studyInstanceUid;
    j["frame_of_reference_uid"] = s.frameOfReferenceUid;
    j["modality"] = s.modality;
    j["role"] = toString(s.role);
    j["description"] = s.description;
    j["patient_name"] = s.patientName;
    j["patient_id"] = s.patientId;
    j["study_date"] = s.studyDate;
    j["study_description"] = s.studyDescription;
    j["manufacturer"] = s.manufacturer;
    j["image_type"] = s.imageType;
    j["series_number"] = s.seriesNumber;
    j["files"] = s.files;
    j["dims"] = {s.dims[0], s.dims[1], s.dims[2]};
    if (s.hasGeometry) {
        j["spacing_mm"] = {s.spacingMm[0], s.spacingMm[1], s.spacingMm[2]};
        j["orientation"] = toString(s.orientation);
        j["index_to_patient"] = rowMajor(s.geometry.indexToPatient());
    } else {
        // A picture without ImagePositionPatient/ImageOrientationPatient has no place.
        j["spacing_mm"] = nullptr;
        j["orientation"] = nullptr;
        j["index_to_patient"] = nullptr;
    }
    j["warnings"] = s.warnings;
    j["warning_details"] = s.warningDetails;
    j["split_label"] = s.splitLabel;
    j["number_of_frames"] = s.numberOfFrames;
    j["transfer_syntax_uid"] = s.transferSyntaxUid;
    j["voxel_type"] = toString(s.voxelType);
    j["slice_thickness_mm"] = s.sliceThicknessMm;
    j["window_center"] = optional(s.windowCenter);
    j["window_width"] = optional(s.windowWidth);
    j["repetition_time_ms"] = optional(s.repetitionTimeMs);
    j["echo_time_ms"] = optional(s.echoTimeMs);
    j["echo_number"] = optional(s.echoNumber);
    j["b_value"] = optional(s.bValue);
    j["volume"] = s.volumeIndex;
    j["volumes"] = s.volumeLabels;
    j["mosaic"] = s.mosaic;
    j["samples_per_pixel"] = s.isColour() ? 3 : 1;
    j["photometric_interpretation"] = s.photometric;
    return j;
}

nlohmann::json toJson(const ScanResult& scan) {
    nlohmann::json j;
    j["series"] = nlohmann::json::array();
    for (const SeriesInfo& s : scan.series) {
        j["series"].push_back(toJson(s));
    }
    j["problems"] = nlohmann::json::array();
    for (const ScanProblem& p : scan.problems) {
        j["problems"].push_back({{"file", p.file}, {"reason", p.reason}});
    }
    return j;
}

}  // namespace crosscheck
