#include "resources/AppIcon.h"

#include <QDir>

// crosscheck.qrc is compiled into a static library: registered explicitly, or the linker
// drops it. Q_INIT_RESOURCE must be used outside any namespace.
static void registerCrosscheckResources() {
    Q_INIT_RESOURCE(crosscheck);
}

namespace crosscheck::resources {

QString appId() {
    return QStringLiteral(CROSSCHECK_APP_ID);
}

QIcon appIcon() {
    static const bool registered = (registerCrosscheckResources(), true);
    (void)registered;
    // One folder per size, as in the hicolor theme: icons/16x16/<appId>.png ...
    QIcon icon;
    const QDir sizes(QStringLiteral(":/crosscheck/icons"));
    for (const QString& size : sizes.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        icon.addFile(sizes.filePath(QStringLiteral("%1/%2.png").arg(size, appId())));
    }
    return icon;
}

}  // namespace crosscheck::resources
