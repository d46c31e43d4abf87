#pragma once

// Private to core/dicom's .cpp files.

namespace crosscheck {

/// Sets DCMTK up once per process (quiet logging, the data dictionary, the JPEG and
/// JPEG-LS decoders). Every entry into DCMTK calls it first; defined in DicomFile.cpp.
void initDcmtk();

}  // namespace crosscheck
