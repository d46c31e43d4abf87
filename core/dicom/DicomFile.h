#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/dicom/FrameHeader.h"

namespace crosscheck {

/// One DICOM file opened for its header, with the pixel data left on disk until a frame is
/// asked for. The header is parsed once into FrameHeaders (one per frame, from the
/// functional groups of enhanced multi-frame objects). `decodeFrame` writes one frame's
/// stored values (BitsAllocated wide, native byte order, before any rescale or masking)
/// straight into the caller's buffer: native data is read from the file into it, DCMTK's
/// JPEG / JPEG-LS codecs, OpenJPEG and the project's RLE decoder decode into it.
///
/// Every failure throws DicomError naming the file and the reason. Not thread-safe; open
/// one DicomFile per thread. DCMTK stays inside DicomFile.cpp (pimpl).
class DicomFile {
public:
    explicit DicomFile(const std::string& path);
    ~DicomFile();
    DicomFile(const DicomFile&) = delete;
    DicomFile& operator=(const DicomFile&) = delete;

    const std::string& path() const { return m_path; }
    const std::vector<FrameHeader>& frames() const { return m_frames; }
    /// True for a DICOMDIR (Media Storage Directory) object.
    bool isDicomDir() const { return m_isDicomDir; }
    /// The files a DICOMDIR references (absolute or relative to the DICOMDIR's folder).
    std::vector<std::string> referencedFiles() const;

    /// Bytes one decoded frame takes: rows x columns x samples x BitsAllocated / 8.
    std::size_t frameBytes() const;
    void decodeFrame(int frame, void* buffer, std::size_t bufferBytes);

private:
    void load();
    void decode(int frame, void* buffer, std::size_t bufferBytes);
    std::vector<std::string> listReferencedFiles() const;
    /// The compressed bytes of one frame: all fragments of a single-frame object, or the
    /// frame's own fragment of a multi-frame one.
    std::vector<std::uint8_t> frameFragments(int frame, int numberOfFrames,
                                             const char* codec) const;

    struct Impl;
    std::string m_path;
    std::unique_ptr<Impl> m_impl;
    std::vector<FrameHeader> m_frames;
    bool m_isDicomDir = false;
};

// Defined in FrameSupport.cpp.
/// Why a frame with this header cannot be read, or empty if it can: no pixel data, an
/// unknown colour model, unsupported bit depth or transfer syntax, ...
std::string unsupportedReason(const FrameHeader& header);

/// True for colour and palette frames (read as RGB pictures by loadPicture, not as volumes).
bool isColourFrame(const FrameHeader& header);

/// RLE Lossless, and whether a transfer syntax is one of the JPEG 2000 ones.
inline constexpr const char* kRleTransferSyntax = "1.2.840.10008.1.2.5";
bool isJpeg2000TransferSyntax(const std::string& uid);

/// A readable name for a transfer syntax UID ("JPEG-LS Lossless", ...), or the UID itself.
std::string transferSyntaxName(const std::string& uid);

}  // namespace crosscheck
