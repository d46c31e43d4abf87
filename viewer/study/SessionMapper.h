#pragma once
// Between the live view and a session document (`*.crosscheck.json`, core
// SessionDocument): the study's series, roles and transforms, the annotations, which
// series and orientation each pane shows, the windows per group, the cursor
// (reference frame, mm) and the thick slab. No widget: panes are read from the view state's
// assignments.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/session/SessionDocument.h"
#include "core/vocabulary/WindowPresets.h"
#include "viewer/state/ViewState.h"

namespace crosscheck {
struct Study;
}

namespace crosscheck::viewer {

class AnnotationLayer;

/// The live state as a session document. `shownWindows` holds the windows on screen for
/// groups nobody adjusted (a pane's default window); an adjusted group's window wins.
SessionDocument sessionDocumentOf(const Study& study,
                                  const std::vector<std::filesystem::path>& studyPaths,
                                  const AnnotationLayer& annotations, const ViewState& state,
                                  const std::string& layout,
                                  const std::map<WindowGroup, WindowLevel>& shownWindows);

/// Applies a document to a study just shown: its annotations (as the saved state), the
/// panes that name a series of the study, the windows and the cursor.
void applySessionDocument(const SessionDocument& document, const Study& study,
                          AnnotationLayer& annotations, ViewState& state);

}  // namespace crosscheck::viewer
