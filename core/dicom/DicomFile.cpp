#include "core/dicom/DicomFile.h"
#include "core/dicom/DicomScanner.h"

// clang-format off
#include <dcmtk/config/osconfig.h>
// clang-format on
#include <dcmtk/dcmdata/dcdict.h>
#include <dcmtk/dcmdata/dcfcache.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>
#include <dcmtk/oflog/oflog.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <fstream>
#include <mutex>

#include "core/dicom/DicomDirReader.h"
#include "core/dicom/DicomError.h"
#include "core/dicom/Jpeg2000Decoder.h"
#include "core/dicom/RleDecoder.h"
#include "core/dicom/internal/DcmtkFrameParser.h"
#include "core/dicom/internal/DcmtkInit.h"
#include "core/dicom/internal/DirectoryRecordScan.h"

namespace crosscheck {

namespace {

// Element values above this size stay on disk until asked for: the header is read
// without the pixel data, which is then read (or decoded) straight into the volume.
constexpr Uint32 kLazyValueBytes = 4096;

// A cheap sniff before DCMTK sees the file: DCMTK's auto-detection reads almost any byte
// stream as an implicit-VR dataset, so a README next to the images would become garbage.
bool looksLikeDicom(const std::string& path, std::string& why) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        why = "cannot open file";
        return false;
    }
    std::array<unsigned char, 132> head{};
    in.read(reinterpret_cast<char*>(head.data()), head.size());
    const std::streamsize got = in.gcount();
    if (got >= 132 && std::memcmp(head.data() + 128, "DICM", 4) == 0) {
        return true;
    }
    if (got < 8) {
        why = std::string(kNotDicomReason) + " (too short)";
        return false;
    }
    // No preamble: accept a dataset that starts with a low even group, either byte order.
    const unsigned groupLe = head[0] | (head[1] << 8);
    const unsigned groupBe = (head[0] << 8) | head[1];
    auto plausible = [](unsigned g) { return g >= 0x0002 && g <= 0x0028 && g % 2 == 0; };
    if (plausible(groupLe) || plausible(groupBe)) {
        return true;
    }
    why = std::string(kNotDicomReason) + " (no DICM prefix and no dataset at the start)";
    return false;
}

}  // namespace

void initDcmtk() {
    static std::once_flag once;
    std::call_once(once, [] {
        // Every problem is reported through DicomError with the file's name; DCMTK's own
        // log lines on stderr would only repeat them without it. RLE is decoded by
        // RleDecoder: DCMTK 3.6.7's RLE decoder read out of bounds on fuzzed input.
        OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
        dcmDataDict.rdlock();
        dcmDataDict.rdunlock();
        DJDecoderRegistration::registerCodecs();
        DJLSDecoderRegistration::registerCodecs();
    });
}

struct DicomFile::Impl {
    DcmFileFormat format;
    DcmDataset* dataset = nullptr;
    DcmPixelData* pixelData = nullptr;
    DcmFileCache cache;
    Uint32 nextFragment = 0;
    int nextFrame = 0;
    // Native little-endian pixel data at the end of the file is read with pread straight
    // into the caller's buffer: one copy from the page cache, no DCMTK stream in between.
    int fd = -1;
    long long pixelOffset = -2;  // -2 not looked for yet, -1 not found
    long long fileSize = -1;

    ~Impl() {
        if (fd >= 0) {
            ::close(fd);
        }
    }

    // Where the pixel data value starts, when the element is the last one of the file and
    // its header is where its length says it must be; -1 otherwise (DCMTK reads it then).
    long long locatePixelData(const std::string& path, bool explicitVr) {
        const Uint32 length = pixelData->getLength();
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        struct stat info {};
        if (fd < 0 || ::fstat(fd, &info) != 0 || info.st_size < static_cast<off_t>(length) + 12) {
            return -1;
        }
        fileSize = static_cast<long long>(info.st_size);
        const long long start = static_cast<long long>(info.st_size) - length;
        unsigned char header[12] = {};
        const int headerBytes = explicitVr ? 12 : 8;
        if (::pread(fd, header, static_cast<std::size_t>(headerBytes), start - headerBytes) !=
            headerBytes) {
            return -1;
        }
        const unsigned char tag[4] = {0xE0, 0x7F, 0x10, 0x00};
        if (std::memcmp(header, tag, 4) != 0) {
            return -1;
        }
        if (explicitVr && !((header[4] == 'O' && (header[5] == 'W' || header[5] == 'B')) &&
                            header[6] == 0 && header[7] == 0)) {
            return -1;
        }
        const unsigned char* l = header + headerBytes - 4;
        const Uint32 stored = static_cast<Uint32>(l[0]) | (static_cast<Uint32>(l[1]) << 8) |
                              (static_cast<Uint32>(l[2]) << 16) | (static_cast<Uint32>(l[3]) << 24);
        return stored == length ? start : -1;
    }

    bool readDirect(const std::string& path, std::size_t offset, void* buffer, std::size_t bytes) {
        const E_TransferSyntax xfer = dataset->getOriginalXfer();
        if (xfer != EXS_LittleEndianExplicit && xfer != EXS_LittleEndianImplicit) {
            return false;
        }
        if (pixelOffset == -2) {
            pixelOffset = locatePixelData(path, xfer == EXS_LittleEndianExplicit);
        }
        if (pixelOffset < 0) {
            return false;
        }
        auto* out = static_cast<unsigned char*>(buffer);
        std::size_t done = 0;
        while (done < bytes) {
            const ssize_t got =
                ::pread(fd, out + done, bytes - done,
                        static_cast<off_t>(pixelOffset + static_cast<long long>(offset + done)));
            if (got <= 0) {
                return false;
            }
            done += static_cast<std::size_t>(got);
        }
        return true;
    }
};

// DCMTK throws C++ exceptions of its own (std::length_error, bad_alloc, ...) on some
// corrupt input; whatever comes out of it becomes a DicomError naming the file.
template <class F>
auto guarded(const std::string& path, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const DicomError&) {
        throw;
    } catch (const std::exception& e) {
        throw DicomError(path, std::string("corrupt DICOM data (") + e.what() + ")");
    } catch (...) {
        throw DicomError(path, "corrupt DICOM data");
    }
}

DicomFile::DicomFile(const std::string& path) : m_path(path), m_impl(std::make_unique<Impl>()) {
    guarded(path, [this] { load(); });
}

void DicomFile::load() {
    const std::string& path = m_path;
    initDcmtk();
    std::string why;
    if (!looksLikeDicom(path, why)) {
        throw DicomError(path, why);
    }
    // DCMTK never sees a file with directory records (DirectoryRecordScan.h: it leaks them
    // when one is malformed, wherever they are). Only a DICOMDIR holds them, and its
    // records are walked by readDicomDirReferences; any other file with them is refused
    // there, as a DICOMDIR whose records name no file.
    if (holdsDirectoryRecords(path, why)) {
        m_isDicomDir = true;
        return;
    }
    if (!why.empty()) {
        throw DicomError(path, why);
    }
    // One pass reads the whole header: without directory records it cannot make DCMTK
    // leak (a first pass that stopped at the DirectoryRecordSequence is no longer needed).
    const OFCondition status =
        m_impl->format.loadFile(path.c_str(), EXS_Unknown, EGL_noChange, kLazyValueBytes);
    if (status.bad()) {
        throw DicomError(path, std::string("not readable as DICOM: ") + status.text());
    }
    OFString mediaClass;
    m_impl->format.getMetaInfo()->findAndGetOFString(DCM_MediaStorageSOPClassUID, mediaClass);
    m_isDicomDir = mediaClass == UID_MediaStorageDirectoryStorage ||
                   m_impl->format.getDataset()->tagExists(DCM_FileSetID);
    if (m_isDicomDir) {
        return;
    }
    m_impl->dataset = m_impl->format.getDataset();
    if (m_impl->dataset == nullptr) {
        throw DicomError(path, "no dataset");
    }
    DcmElement* element = nullptr;
    if (m_impl->dataset->findAndGetElement(DCM_PixelData, element).good() && element != nullptr) {
        m_impl->pixelData = dynamic_cast<DcmPixelData*>(element);
    }
    const E_TransferSyntax xfer = m_impl->dataset->getOriginalXfer();
    DcmXfer xferInfo(xfer);
    const std::string xferUid = xferInfo.getXferID() != nullptr ? xferInfo.getXferID() : "";
    // How many frames the pixel data can hold, so a corrupt NumberOfFrames is refused
    // before one header per claimed frame is made: a native frame takes its bytes, an
    // encapsulated one at least one fragment.
    long framesHeld = -1;
    if (m_impl->pixelData != nullptr) {
        if (xferInfo.isEncapsulated()) {
            DcmPixelSequence* sequence = nullptr;
            if (m_impl->pixelData->getEncapsulatedRepresentation(xfer, nullptr, sequence).good() &&
                sequence != nullptr) {
                framesHeld = static_cast<long>(sequence->card()) - 1;
            }
        } else {
            Uint16 rows = 0, columns = 0, bits = 0, samples = 1;
            m_impl->dataset->findAndGetUint16(DCM_Rows, rows);
            m_impl->dataset->findAndGetUint16(DCM_Columns, columns);
            m_impl->dataset->findAndGetUint16(DCM_BitsAllocated, bits);
            m_impl->dataset->findAndGetUint16(DCM_SamplesPerPixel, samples);
            OFString photometric;
            m_impl->dataset->findAndGetOFString(DCM_PhotometricInterpretation, photometric);
            // Native 4:2:2 colour stores two samples a pixel (Y, Y, Cb, Cr per pair).
            const bool subsampled =
                photometric == "YBR_FULL_422" || photometric == "YBR_PARTIAL_422";
            const unsigned long long frame = static_cast<unsigned long long>(rows) * columns *
                                             (subsampled ? 2u : std::max<Uint16>(samples, 1)) *
                                             std::max(bits / 8, 1);
            if (frame > 0 && (bits == 8 || bits == 16 || bits == 32)) {
                framesHeld = static_cast<long>(m_impl->pixelData->getLength() / frame);
            }
        }
    }
    std::vector<FrameHeader> frames =
        parseFrameHeaders(m_impl->dataset, path, xferUid, m_impl->pixelData != nullptr,
                          xferInfo.isEncapsulated(), framesHeld);
    if (m_impl->pixelData != nullptr && !xferInfo.isEncapsulated() &&
        gLocalByteOrder == EBO_LittleEndian &&
        (xfer == EXS_LittleEndianExplicit || xfer == EXS_LittleEndianImplicit)) {
        m_impl->pixelOffset = m_impl->locatePixelData(path, xfer == EXS_LittleEndianExplicit);
        for (FrameHeader& f : frames) {
            f.pixelDataOffset = m_impl->pixelOffset;
            f.fileSize = m_impl->fileSize;
        }
    }
    m_frames = std::move(frames);
}

DicomFile::~DicomFile() = default;

std::vector<std::string> DicomFile::referencedFiles() const {
    return guarded(m_path, [this] { return listReferencedFiles(); });
}

std::vector<std::string> DicomFile::listReferencedFiles() const {
    if (!m_isDicomDir) {
        return {};
    }
    std::string error;
    std::vector<std::string> files = readDicomDirReferences(m_path, error);
    if (!error.empty() && files.empty()) {
        throw DicomError(m_path, "DICOMDIR not readable: " + error);
    }
    return files;
}

std::size_t DicomFile::frameBytes() const {
    if (m_frames.empty()) {
        return 0;
    }
    const FrameHeader& h = m_frames.front();
    return static_cast<std::size_t>(h.rows) * static_cast<std::size_t>(h.columns) *
           static_cast<std::size_t>(h.samplesPerPixel) *
           static_cast<std::size_t>(h.bitsAllocated / 8);
}

void DicomFile::decodeFrame(int frame, void* buffer, std::size_t bufferBytes) {
    guarded(m_path, [&] { decode(frame, buffer, bufferBytes); });
}

void DicomFile::decode(int frame, void* buffer, std::size_t bufferBytes) {
    if (frame < 0 || frame >= static_cast<int>(m_frames.size())) {
        throw DicomError(m_path, "frame " + std::to_string(frame) + " does not exist");
    }
    const FrameHeader& h = m_frames[static_cast<std::size_t>(frame)];
    const std::string reason = unsupportedReason(h);
    if (!reason.empty()) {
        throw DicomError(m_path, reason);
    }
    if (isColourFrame(h)) {
        throw DicomError(m_path, "colour image: read as an RGB picture, not as grey values");
    }
    const std::size_t bytes = frameBytes();
    if (bufferBytes < bytes || bytes > 0xFFFFFFF0u) {
        throw DicomError(m_path, "frame does not fit the buffer");
    }
    DcmPixelData* pixel = m_impl->pixelData;
    if (!h.encapsulated) {
        const unsigned long long needed = static_cast<unsigned long long>(frame + 1) * bytes;
        if (pixel->getLength() < needed) {
            throw DicomError(m_path, "truncated pixel data (frame " + std::to_string(frame + 1) +
                                         " needs " + std::to_string(needed) +
                                         " bytes, the element has " +
                                         std::to_string(pixel->getLength()) + ")");
        }
        const std::size_t offset = static_cast<std::size_t>(frame) * bytes;
        if (gLocalByteOrder == EBO_LittleEndian &&
            m_impl->readDirect(m_path, offset, buffer, bytes)) {
            return;
        }
        const OFCondition status =
            pixel->getPartialValue(buffer, static_cast<Uint32>(offset), static_cast<Uint32>(bytes),
                                   &m_impl->cache, gLocalByteOrder);
        if (status.bad()) {
            throw DicomError(m_path, std::string("cannot read pixel data: ") + status.text());
        }
        const bool bigEndian = DcmXfer(m_impl->dataset->getOriginalXfer()).isBigEndian();
        if (h.bitsAllocated == 16 && pixel->getVR() == EVR_OB && bigEndian) {
            // 16-bit samples in an OB element are not swapped by DCMTK; they are little endian.
            auto* v = static_cast<Uint16*>(buffer);
            for (std::size_t i = 0; i < bytes / 2; ++i) {
                v[i] = static_cast<Uint16>((v[i] >> 8) | (v[i] << 8));
            }
        } else if (h.bitsAllocated == 32 && pixel->getVR() != EVR_OB && bigEndian) {
            // DCMTK swapped the OW words; a 32-bit sample also needs its two words exchanged.
            auto* v = static_cast<Uint32*>(buffer);
            for (std::size_t i = 0; i < bytes / 4; ++i) {
                v[i] = (v[i] >> 16) | (v[i] << 16);
            }
        }
        return;
    }
    const bool jpeg2000 = isJpeg2000TransferSyntax(h.transferSyntaxUid);
    if (jpeg2000 || h.transferSyntaxUid == kRleTransferSyntax) {
        const char* codec = jpeg2000 ? "JPEG 2000" : "RLE";
        const std::vector<std::uint8_t> stream = frameFragments(frame, h.numberOfFrames, codec);
        const std::string error = jpeg2000 ? decodeJpeg2000(stream.data(), stream.size(), buffer,
                                                            h.rows, h.columns, h.bitsAllocated / 8)
                                           : decodeRle(stream.data(), stream.size(), buffer, h.rows,
                                                       h.columns, h.bitsAllocated / 8);
        if (!error.empty()) {
            throw DicomError(m_path, std::string(codec) + ": " + error);
        }
        return;
    }
    Uint32 startFragment = frame == m_impl->nextFrame ? m_impl->nextFragment : 0;
    OFString colourModel;
    const OFCondition status = pixel->getUncompressedFrame(
        m_impl->dataset, static_cast<Uint32>(frame), startFragment, buffer,
        static_cast<Uint32>(bytes), colourModel, &m_impl->cache);
    if (status.bad()) {
        throw DicomError(m_path, "cannot decode " + transferSyntaxName(h.transferSyntaxUid) +
                                     " frame " + std::to_string(frame) + ": " + status.text());
    }
    m_impl->nextFrame = frame + 1;
    m_impl->nextFragment = startFragment;
}

std::vector<std::uint8_t> DicomFile::frameFragments(int frame, int numberOfFrames,
                                                    const char* codec) const {
    DcmPixelSequence* sequence = nullptr;
    if (m_impl->pixelData
            ->getEncapsulatedRepresentation(m_impl->dataset->getOriginalXfer(), nullptr, sequence)
            .bad() ||
        sequence == nullptr || sequence->card() < 2) {
        throw DicomError(m_path, std::string(codec) + " pixel data has no fragments");
    }
    const unsigned long fragments = sequence->card() - 1;  // item 0 is the offset table
    unsigned long first = 1;
    unsigned long last = fragments + 1;  // exclusive
    if (numberOfFrames > 1) {
        // One fragment per frame is what RLE requires and what JPEG 2000 writers do.
        if (fragments != static_cast<unsigned long>(numberOfFrames)) {
            throw DicomError(m_path, std::string(codec) + " multi-frame data with " +
                                         std::to_string(fragments) + " fragments for " +
                                         std::to_string(numberOfFrames) +
                                         " frames is not supported");
        }
        first = static_cast<unsigned long>(frame) + 1;
        last = first + 1;
    }
    std::vector<std::uint8_t> stream;
    for (unsigned long i = first; i < last; ++i) {
        DcmPixelItem* item = nullptr;
        Uint8* data = nullptr;
        if (sequence->getItem(item, i).bad() || item == nullptr ||
            item->getUint8Array(data).bad()) {
            throw DicomError(
                m_path, std::string("cannot read ") + codec + " fragment " + std::to_string(i));
        }
        if (data != nullptr) {
            stream.insert(stream.end(), data, data + item->getLength());
        }
    }
    return stream;
}

bool isJpeg2000TransferSyntax(const std::string& uid) {
    return uid == "1.2.840.10008.1.2.4.90" || uid == "1.2.840.10008.1.2.4.91" ||
           uid == "1.2.840.10008.1.2.4.201" || uid == "1.2.840.10008.1.2.4.202" ||
           uid == "1.2.840.10008.1.2.4.203";
}

}  // namespace crosscheck
