// What the reader supports, frame by frame: the reasons a frame cannot be read
// (unsupportedReason and its helpers, declared in DicomFile.h).
#include "core/dicom/DicomFile.h"

// clang-format off
#include <dcmtk/config/osconfig.h>
// clang-format on
#include <dcmtk/dcmdata/dctk.h>

#include <array>

#include "core/dicom/internal/DcmtkInit.h"

namespace crosscheck {

bool isColourFrame(const FrameHeader& h) {
    return h.samplesPerPixel != 1 || h.photometric == "PALETTE COLOR";
}

std::string transferSyntaxName(const std::string& uid) {
    initDcmtk();
    const char* name = dcmFindNameOfUID(uid.c_str(), nullptr);
    return name != nullptr ? std::string(name) + " (" + uid + ")" : uid;
}

std::string unsupportedReason(const FrameHeader& h) {
    static const std::array<const char*, 16> kSupported = {
        "1.2.840.10008.1.2",      "1.2.840.10008.1.2.1",     "1.2.840.10008.1.2.2",
        "1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.4.50",  "1.2.840.10008.1.2.4.51",
        "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70",  "1.2.840.10008.1.2.4.80",
        "1.2.840.10008.1.2.4.81", "1.2.840.10008.1.2.5",     "1.2.840.10008.1.2.4.90",
        "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.202",
        "1.2.840.10008.1.2.4.203"};
    if (!h.hasPixelData) {
        initDcmtk();
        const char* sop = dcmFindNameOfUID(h.sopClassUid.c_str(), nullptr);
        return std::string("not an image: no Pixel Data (") +
               (sop != nullptr ? sop : "SOP class " + h.sopClassUid) + ")";
    }
    if (h.rows <= 0 || h.columns <= 0) {
        return "no image size (Rows " + std::to_string(h.rows) + ", Columns " +
               std::to_string(h.columns) + ")";
    }
    if (isColourFrame(h)) {
        const std::string& p = h.photometric;
        const bool known =
            (h.samplesPerPixel == 3 &&
             (p == "RGB" || p == "YBR_FULL" || p == "YBR_FULL_422" || p == "YBR_PARTIAL_422" ||
              p == "YBR_PARTIAL_420" || p == "YBR_ICT" || p == "YBR_RCT")) ||
            (h.samplesPerPixel == 1 && p == "PALETTE COLOR");
        if (!known) {
            return "colour image (PhotometricInterpretation " + p + ", " +
                   std::to_string(h.samplesPerPixel) + " samples per pixel) is not supported";
        }
        if (isJpeg2000TransferSyntax(h.transferSyntaxUid)) {
            return "colour image in " + transferSyntaxName(h.transferSyntaxUid) +
                   " is not supported (colour is read natively, as RLE, JPEG or JPEG-LS)";
        }
        if (h.bitsAllocated != 8 && h.bitsAllocated != 16) {
            return "colour image with BitsAllocated " + std::to_string(h.bitsAllocated) +
                   " is not supported (8 or 16 only)";
        }
    } else if (h.samplesPerPixel != 1 ||
               (h.photometric != "MONOCHROME1" && h.photometric != "MONOCHROME2")) {
        return "PhotometricInterpretation " + h.photometric + " with " +
               std::to_string(h.samplesPerPixel) + " samples per pixel is not supported";
    }
    if (h.bitsAllocated != 8 && h.bitsAllocated != 16 && h.bitsAllocated != 32) {
        return "BitsAllocated " + std::to_string(h.bitsAllocated) +
               " is not supported (8, 16 or 32 only)";
    }
    if (h.bitsStored < 1 || h.bitsStored > h.bitsAllocated || h.highBit < h.bitsStored - 1 ||
        h.highBit >= h.bitsAllocated) {
        return "inconsistent bit depth (BitsAllocated " + std::to_string(h.bitsAllocated) +
               ", BitsStored " + std::to_string(h.bitsStored) + ", HighBit " +
               std::to_string(h.highBit) + ")";
    }
    bool known = false;
    for (const char* uid : kSupported) {
        known = known || h.transferSyntaxUid == uid;
    }
    if (!known) {
        return "unsupported transfer syntax " + transferSyntaxName(h.transferSyntaxUid);
    }
    return {};
}

}  // namespace crosscheck
