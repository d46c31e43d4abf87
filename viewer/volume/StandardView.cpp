#include "viewer/volume/StandardView.h"

#include <Qt>

namespace crosscheck::viewer {

ViewDirections standardViewDirections(StandardView view) {
    const Eigen::Vector3d x = Eigen::Vector3d::UnitX();
    const Eigen::Vector3d y = Eigen::Vector3d::UnitY();
    const Eigen::Vector3d z = Eigen::Vector3d::UnitZ();
    switch (view) {
        case StandardView::Anterior:
            return {-y, z};
        case StandardView::Posterior:
            return {y, z};
        case StandardView::Left:
            return {x, z};
        case StandardView::Right:
            return {-x, z};
        case StandardView::Superior:
            return {z, -y};
        case StandardView::Inferior:
            return {-z, -y};
    }
    return {-y, z};
}

const char* toString(StandardView view) {
    switch (view) {
        case StandardView::Anterior:
            return "anterior";
        case StandardView::Posterior:
            return "posterior";
        case StandardView::Left:
            return "left";
        case StandardView::Right:
            return "right";
        case StandardView::Superior:
            return "superior";
        case StandardView::Inferior:
            return "inferior";
    }
    return "anterior";
}

std::optional<StandardView> standardViewForKey(int qtKey) {
    switch (qtKey) {
        case Qt::Key_A:
            return StandardView::Anterior;
        case Qt::Key_P:
            return StandardView::Posterior;
        case Qt::Key_L:
            return StandardView::Left;
        case Qt::Key_R:
            return StandardView::Right;
        case Qt::Key_S:
            return StandardView::Superior;
        case Qt::Key_I:
            return StandardView::Inferior;
        default:
            return std::nullopt;
    }
}

}  // namespace crosscheck::viewer
