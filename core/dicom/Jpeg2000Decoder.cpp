#include "core/dicom/Jpeg2000Decoder.h"

#include <openjpeg.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace crosscheck {

namespace {

struct MemoryStream {
    const std::uint8_t* data;
    std::size_t size;
    std::size_t offset;
};

OPJ_SIZE_T readStream(void* buffer, OPJ_SIZE_T bytes, void* user) {
    auto* s = static_cast<MemoryStream*>(user);
    if (s->offset >= s->size) {
        return static_cast<OPJ_SIZE_T>(-1);
    }
    const std::size_t n = std::min<std::size_t>(bytes, s->size - s->offset);
    std::memcpy(buffer, s->data + s->offset, n);
    s->offset += n;
    return n;
}

OPJ_OFF_T skipStream(OPJ_OFF_T bytes, void* user) {
    auto* s = static_cast<MemoryStream*>(user);
    const auto target = std::clamp<long long>(static_cast<long long>(s->offset) + bytes, 0,
                                              static_cast<long long>(s->size));
    const OPJ_OFF_T moved = static_cast<OPJ_OFF_T>(target - static_cast<long long>(s->offset));
    s->offset = static_cast<std::size_t>(target);
    return moved;
}

OPJ_BOOL seekStream(OPJ_OFF_T position, void* user) {
    auto* s = static_cast<MemoryStream*>(user);
    if (position < 0 || static_cast<std::size_t>(position) > s->size) {
        return OPJ_FALSE;
    }
    s->offset = static_cast<std::size_t>(position);
    return OPJ_TRUE;
}

void quiet(const char*, void*) {}

struct CodecDeleter {
    void operator()(opj_codec_t* c) const { opj_destroy_codec(c); }
};
struct StreamDeleter {
    void operator()(opj_stream_t* s) const { opj_stream_destroy(s); }
};
struct ImageDeleter {
    void operator()(opj_image_t* i) const { opj_image_destroy(i); }
};

}  // namespace

std::string decodeJpeg2000(const std::uint8_t* data, std::size_t size, void* buffer, int rows,
                           int columns, int bytesPerSample) {
    if (data == nullptr || size < 12) {
        return "empty codestream";
    }
    static const std::uint8_t kJp2Signature[] = {0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20};
    const bool jp2 = std::memcmp(data, kJp2Signature, sizeof(kJp2Signature)) == 0;
    std::unique_ptr<opj_codec_t, CodecDeleter> codec(
        opj_create_decompress(jp2 ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K));
    if (!codec) {
        return "cannot create decoder";
    }
    opj_set_info_handler(codec.get(), quiet, nullptr);
    opj_set_warning_handler(codec.get(), quiet, nullptr);
    opj_set_error_handler(codec.get(), quiet, nullptr);
    opj_dparameters_t parameters;
    opj_set_default_decoder_parameters(&parameters);
    if (!opj_setup_decoder(codec.get(), &parameters)) {
        return "cannot set up decoder";
    }
    MemoryStream memory{data, size, 0};
    std::unique_ptr<opj_stream_t, StreamDeleter> stream(opj_stream_create(64 * 1024, OPJ_TRUE));
    if (!stream) {
        return "cannot create stream";
    }
    opj_stream_set_user_data(stream.get(), &memory, nullptr);
    opj_stream_set_user_data_length(stream.get(), size);
    opj_stream_set_read_function(stream.get(), readStream);
    opj_stream_set_skip_function(stream.get(), skipStream);
    opj_stream_set_seek_function(stream.get(), seekStream);
    opj_image_t* raw = nullptr;
    if (!opj_read_header(stream.get(), codec.get(), &raw)) {
        opj_image_destroy(raw);
        return "cannot read codestream header";
    }
    std::unique_ptr<opj_image_t, ImageDeleter> image(raw);
    if (image->numcomps != 1) {
        return std::to_string(image->numcomps) + " components where 1 was expected";
    }
    const opj_image_comp_t& header = image->comps[0];
    if (static_cast<int>(header.w) != columns || static_cast<int>(header.h) != rows) {
        return "codestream is " + std::to_string(header.w) + "x" + std::to_string(header.h) +
               ", header says " + std::to_string(columns) + "x" + std::to_string(rows);
    }
    if (header.prec > static_cast<OPJ_UINT32>(8 * bytesPerSample)) {
        return "codestream precision " + std::to_string(header.prec) +
               " bits exceeds BitsAllocated";
    }
    if (!opj_decode(codec.get(), stream.get(), image.get()) ||
        !opj_end_decompress(codec.get(), stream.get())) {
        return "corrupt codestream";
    }
    const opj_image_comp_t& c = image->comps[0];
    if (c.data == nullptr || static_cast<int>(c.w) != columns || static_cast<int>(c.h) != rows) {
        return "decoder produced no image of the expected size";
    }
    const std::size_t n = static_cast<std::size_t>(rows) * static_cast<std::size_t>(columns);
    if (bytesPerSample == 1) {
        auto* out = static_cast<std::uint8_t*>(buffer);
        for (std::size_t i = 0; i < n; ++i) {
            out[i] = static_cast<std::uint8_t>(c.data[i]);
        }
    } else if (bytesPerSample == 2) {
        auto* out = static_cast<std::uint16_t*>(buffer);
        for (std::size_t i = 0; i < n; ++i) {
            out[i] = static_cast<std::uint16_t>(c.data[i]);
        }
    } else {
        auto* out = static_cast<std::uint32_t*>(buffer);
        for (std::size_t i = 0; i < n; ++i) {
            out[i] = static_cast<std::uint32_t>(c.data[i]);
        }
    }
    return {};
}

}  // namespace crosscheck
