#include "viewer/net/DicomWebNode.h"

#include <QUrl>

namespace crosscheck {

std::string DicomWebNode::address() const {
    QUrl url(QString::fromStdString(root));
    url.setUserInfo(QString());  // never show credentials someone put into the URL
    return url.toString(QUrl::StripTrailingSlash).toStdString();
}

bool isDicomWebAddress(const std::string& text) {
    return text.rfind("http://", 0) == 0 || text.rfind("https://", 0) == 0;
}

}  // namespace crosscheck
