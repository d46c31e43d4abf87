#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <vector>

namespace crosscheck {

/// The boundary parameter of a multipart Content-Type header (quotes removed), or empty.
QByteArray multipartBoundary(const QByteArray& contentType);

/// The bodies of the parts of a multipart message (RFC 2046): each part's headers are
/// dropped. Views into `body`, which must outlive them. A message without its closing
/// delimiter yields the complete parts only.
std::vector<QByteArrayView> multipartParts(const QByteArray& body, const QByteArray& boundary);

/// One multipart/related body holding `parts`, each with the given Content-Type.
QByteArray multipartBody(const std::vector<QByteArray>& parts, const QByteArray& partType,
                         const QByteArray& boundary);

}  // namespace crosscheck
