#pragma once
// Private to viewer/study: the state of a study that is on screen while its voxels are
// decoded (StudyWorkflowLoading.cpp).
#include <QStringList>
#include <atomic>
#include <functional>
#include <memory>

#include "core/dicom/SeriesFiller.h"
#include "core/model/Study.h"
#include "viewer/study/StudyWorkflow.h"

namespace crosscheck::viewer {

struct StudyWorkflow::StudyFill {
    /// The study on screen; its `series` keep their order (the filler's targets) until the
    /// fill ends.
    std::shared_ptr<Study> study;
    std::shared_ptr<SeriesFiller> filler;
    /// The folders or files (or the session) it was opened from.
    QStringList paths;
    /// What the opening goes on to do once every voxel is there.
    std::function<void()> whole;
    /// The task running the filler.
    BackgroundTask* task = nullptr;
    /// Set by the workers when a slice is decoded; cleared when the panes redraw.
    std::atomic<bool> dirty{false};
    /// The first decoded slice is drawn at once, not at the next refresh tick.
    std::atomic<bool> firstDrawn{false};
};

}  // namespace crosscheck::viewer
