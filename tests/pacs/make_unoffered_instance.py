#!/usr/bin/python3
"""Writes one Encapsulated STL instance (a SOP class Crosscheck does not offer to receive by
C-GET) into a given study: the node then finds one instance more than a C-GET can bring.

Usage: make_unoffered_instance.py OUT.dcm STUDY_UID PATIENT_ID PATIENT_NAME
"""
import sys

from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

STL = "1.2.840.10008.5.1.4.1.1.104.3"

out, study_uid, patient_id, patient_name = sys.argv[1:5]
meta = FileMetaDataset()
meta.MediaStorageSOPClassUID = STL
meta.MediaStorageSOPInstanceUID = generate_uid()
meta.TransferSyntaxUID = ExplicitVRLittleEndian
ds = Dataset()
ds.file_meta = meta
ds.SOPClassUID = STL
ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
ds.StudyInstanceUID = study_uid
ds.SeriesInstanceUID = generate_uid()
ds.PatientID = patient_id
ds.PatientName = patient_name
ds.Modality = "M3D"
ds.SeriesNumber = 99
ds.InstanceNumber = 1
ds.MIMETypeOfEncapsulatedDocument = "model/stl"
ds.EncapsulatedDocument = b"solid empty\nendsolid empty\n"
ds.is_little_endian = True
ds.is_implicit_VR = False
ds.save_as(out, write_like_original=False)
