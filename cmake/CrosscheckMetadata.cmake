# Who publishes Crosscheck and under which terms: one place for the Debian package
# (packaging/), its copyright file and the AppStream metainfo (resources/).
set(CROSSCHECK_VENDOR "Crosscheck maintainers")
set(CROSSCHECK_MAINTAINER
    "Crosscheck maintainers <maintainers@users.noreply.b-seed-5c2f29c1.example>")
set(CROSSCHECK_HOMEPAGE "https://crosscheck.example.org/"
    CACHE STRING "Homepage recorded in the package and the metainfo")
set(CROSSCHECK_SUMMARY "Compare CT, MRI and synthetic CT side by side")
# No license has been chosen yet: every right is reserved (packaging/copyright.in).
set(CROSSCHECK_LICENSE_SPDX "LicenseRef-proprietary")
# The date of PROJECT_VERSION's release, for the metainfo and the Debian changelog.
set(CROSSCHECK_RELEASE_DATE "2026-12-06")
