#pragma once

#include <string>

namespace crosscheck {

// Private to core/dicom's .cpp files.

/// True when the file's bytes hold a DirectoryRecordSequence (0004,1220) followed by an
/// item, in either byte order: the one structure DCMTK 3.6.7 must never read.
///
/// Why: DCMTK reads the items of any (0004,1220) sequence (at the top level, nested in
/// another sequence, or swallowed into the meta header by an oversized group length) as
/// DcmDirectoryRecords. On some malformed record types DcmByteString::verify throws
/// std::out_of_range inside DcmDirectoryRecord::read, and DcmItem::readSubElement, which
/// holds the sequence being read in a plain pointer until its read returns, leaks the
/// sequence and every record in it. Nothing outside DCMTK can free them, so such a file
/// must not reach DCMTK at all; a DICOMDIR's records are walked by DicomDirReader instead.
///
/// The check is a byte search (a structural walk could lose step where DCMTK does not):
/// the tag followed 8 or 12 bytes later (implicit or explicit VR header) by an item tag.
/// 12 fixed bytes by chance in pixel data is about one in 2^90 per byte: not a concern.
/// Deflated datasets (transfer syntax 1.2.840.10008.1.2.1.99) are inflated and searched
/// too. `error` is set when the file cannot be read (the caller reports it).
bool holdsDirectoryRecords(const std::string& path, std::string& error);

}  // namespace crosscheck
