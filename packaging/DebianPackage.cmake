# CPack's Debian package of everything `cmake --install` installs: `make package` (or
# `cpack -G DEB` in the build folder) writes crosscheck_<version>-<release>_<arch>.deb.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME crosscheck)
set(CPACK_PACKAGE_VENDOR "${CROSSCHECK_VENDOR}")
set(CPACK_PACKAGE_CONTACT "${CROSSCHECK_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CROSSCHECK_SUMMARY}")
# The extended description: CPack indents it and writes empty lines as " .".
set(CPACK_PACKAGE_DESCRIPTION
    "Crosscheck is a radiology viewer for planning on MRI-derived synthetic CT
(sCT). It shows a patient's CT, T1w and T2w MRI and sCT side by side in
synchronized panes, registers the MRI frame to the CT, compares CT and sCT
and says where the sCT disagrees with the CT. ROIs are measured in every
series; reports are exported as PDF, CSV, JSON, DICOM SR and DICOM SEG.

The package holds the viewer (crosscheck) and the headless command line
tool (crosscheck-cli). Research software, not a medical device.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_DEBIAN_PACKAGE_RELEASE ${CROSSCHECK_DEB_RELEASE})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${CROSSCHECK_HOMEPAGE}")
# Shared-library dependencies computed by dpkg-shlibdeps; added to them, what is read
# at run time without being linked: the PDF report's fonts. (Qt's xcb and offscreen
# platform plugins come with libqt6gui6, which dpkg-shlibdeps finds.)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core")
set(CPACK_STRIP_FILES ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE
    GROUP_READ GROUP_EXECUTE
    WORLD_READ WORLD_EXECUTE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_SOURCE_GENERATOR "")
include(CPack)
