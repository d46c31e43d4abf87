#pragma once

#include <QIcon>
#include <QString>

namespace crosscheck::resources {

/// The reverse-DNS application id ("org.crosscheck.Crosscheck"): the name of the desktop
/// file, of the AppStream metainfo and of the installed icon.
QString appId();

/// Crosscheck's icon in every size rendered from resources/icons/<appId>.svg, compiled in
/// (no file is read from disk); for the windows and the About box.
QIcon appIcon();

}  // namespace crosscheck::resources
