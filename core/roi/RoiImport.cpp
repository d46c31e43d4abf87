#include "core/roi/RoiImport.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>

#include "core/roi/LabelMapReader.h"
#include "core/roi/RtStructReader.h"
#include "core/roi/SegReader.h"

namespace crosscheck {

const char* toString(ImportFormat format) {
    switch (format) {
        case ImportFormat::Seg:
            return "seg";
        case ImportFormat::RtStruct:
            return "rtstruct";
        case ImportFormat::LabelMap:
            return "labels";
    }
    return "seg";
}

ImportResult importRois(const ImportRequest& request, const Study& study) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(request.file, ec)) {
        throw RoiImportError(request.file.string() + ": no such file");
    }
    if (request.labelTable && request.format != ImportFormat::LabelMap) {
        throw RoiImportError(request.labelTable->string() +
                             ": a label table only names the values of a label map");
    }
    switch (request.format) {
        case ImportFormat::Seg:
            return readSegmentation(request.file, study);
        case ImportFormat::RtStruct:
            return readRtStruct(request.file, study);
        case ImportFormat::LabelMap:
            return readLabelMap(request.file, study, request.labelTable);
    }
    return {};
}

std::optional<ImportFormat> guessImportFormat(const std::filesystem::path& file) {
    const std::string name = file.filename().string();
    auto endsWith = [&](const std::string& suffix) {
        return name.size() >= suffix.size() &&
               name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    if (endsWith(".nii") || endsWith(".nii.gz")) {
        return ImportFormat::LabelMap;
    }
    DcmFileFormat dicom;
    if (dicom.loadFile(file.c_str(), EXS_Unknown, EGL_noChange, 4096).bad()) {
        return std::nullopt;
    }
    OFString sopClass;
    dicom.getDataset()->findAndGetOFString(DCM_SOPClassUID, sopClass);
    if (sopClass == UID_SegmentationStorage) {
        return ImportFormat::Seg;
    }
    if (sopClass == UID_RTStructureSetStorage) {
        return ImportFormat::RtStruct;
    }
    return std::nullopt;
}

}  // namespace crosscheck
