// The study workflow without a window (no widget is created): on the small phantom it
// opens the study and assigns the panes, registers the MRI frame to the CT close to the
// phantom's true transform, flags the tumour the sCT misses, runs open -> register ->
// compare by itself when asked, says why a comparison is impossible when the sCT loses its
// role, cancels a task without applying its result, and reopens a saved session to the
// same annotations, transforms and pane assignments. The restarts: a failed open keeps the
// open study, a cancelled opening settles once, a role change clears the comparison, a
// requested cursor is used once, and the workflow may go while it compares.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <thread>

#include "core/geometry/FrameTransform.h"
#include "core/model/Study.h"
#include "core/phantom/PhantomWriter.h"
#include "core/roi/Roi.h"
#include "core/session/SessionFile.h"
#include "viewer/analysis/DiscrepancyLayer.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/state/ViewState.h"
#include "viewer/study/SessionMapper.h"
#include "viewer/study/StudyWorkflow.h"
#include "viewer/tasks/BackgroundTask.h"

namespace cc = crosscheck;
using cc::viewer::StudyWorkflow;
using State = StudyWorkflow::State;

class StudyWorkflowTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void opensThePhantomWithOnePanePerRole();
    void registersTheMriFrameCloseToTheTruth();
    void comparesAndFlagsTheMissedTumour();
    void comparesOnOpenAfterRegisteringFirst();
    void aRoleChangeDecidesWhetherTheComparisonIsPossible();
    void aCancelledTaskLeavesTheStudyAsItWas();
    void aSavedSessionReopensToTheSameState();
    void aFailedOpenKeepsTheOpenStudy();
    void cancellingTheOpeningsRegistrationSettlesItOnce();
    void aRoleChangeOfTheSctClearsTheComparison();
    void aRequestedCursorIsUsedOnce();
    void theWorkflowMayGoWhileItCompares();

private:
    /// Opens the phantom in `workflow`; false when it never showed.
    bool open(StudyWorkflow& workflow);
    /// Compares (the frames aligned first); false when it never finished.
    bool compareAligned(StudyWorkflow& workflow);
    /// A task that runs until it is cancelled: a cancel that is always seen in time.
    static cc::viewer::BackgroundTask* untilCancelled();
    void alignWithTruth(StudyWorkflow& workflow);
    QString uidOf(const StudyWorkflow& workflow, cc::SeriesRole role) const;

    QTemporaryDir m_dir;
    cc::PhantomGroundTruth m_truth;
};

void StudyWorkflowTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    cc::PhantomOptions options;
    options.size = cc::PhantomSize::Small;
    options.seed = 11;
    m_truth = cc::writePhantomStudy(m_dir.path().toStdString(), options).front();
    QVERIFY(m_truth.ctFrameUid != m_truth.mrFrameUid);
}

bool StudyWorkflowTest::open(StudyWorkflow& workflow) {
    QSignalSpy shown(&workflow, &StudyWorkflow::studyShown);
    workflow.openPaths({m_dir.path().toStdString()});
    return shown.wait(60000);
}

bool StudyWorkflowTest::compareAligned(StudyWorkflow& workflow) {
    alignWithTruth(workflow);
    QSignalSpy analysed(&workflow, &StudyWorkflow::analysisFinished);
    workflow.compare();
    return analysed.wait(120000) && workflow.discrepancyLayer()->hasResult();
}

cc::viewer::BackgroundTask* StudyWorkflowTest::untilCancelled() {
    return new cc::viewer::BackgroundTask(QStringLiteral("Until cancelled"),
                                          [](const cc::Progress& p) {
                                              while (!p.cancelled()) {
                                                  std::this_thread::yield();
                                              }
                                              throw cc::Cancelled();
                                          });
}

void StudyWorkflowTest::alignWithTruth(StudyWorkflow& workflow) {
    cc::TransformProvenance basis;
    basis.basis = cc::TransformBasis::File;
    workflow.setFrameTransform(m_truth.ctFrameUid, m_truth.mrFrameUid, m_truth.ctToMr, basis);
}

QString StudyWorkflowTest::uidOf(const StudyWorkflow& workflow, cc::SeriesRole role) const {
    const cc::LoadedSeries* s = workflow.study()->find(role);
    return s ? QString::fromStdString(s->info.seriesInstanceUid) : QString();
}

void StudyWorkflowTest::opensThePhantomWithOnePanePerRole() {
    cc::viewer::ViewState state;
    StudyWorkflow workflow(&state);
    QCOMPARE(workflow.state(), State::Idle);
    QVERIFY(open(workflow));
    QCOMPARE(workflow.state(), State::Ready);
    QCOMPARE(workflow.study()->series.size(), std::size_t{4});
    // CT, T1w, T2w, sCT, each in a sagittal plane; the cursor at the CT's centre.
    const cc::SeriesRole order[] = {cc::SeriesRole::CT, cc::SeriesRole::T1w, cc::SeriesRole::T2w,
                                    cc::SeriesRole::sCT};
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(state.paneAssignment(i).seriesInstanceUid, uidOf(workflow, order[i]));
        QCOMPARE(state.paneAssignment(i).orientation, cc::ViewOrientation::Sagittal);
    }
    const auto& ct = *workflow.study()->find(cc::SeriesRole::CT);
    QVERIFY((state.cursor().mm - ct.volume->geometry().center().mm).norm() < 1e-9);
    // The MRI frame (and the sCT computed from the T1w) is not the CT's: register first.
    const cc::StudyComparison comparison = workflow.comparison();
    QVERIFY(!comparison.inputs);
    QVERIFY(comparison.needsRegistration);
}

void StudyWorkflowTest::registersTheMriFrameCloseToTheTruth() {
    cc::viewer::ViewState state;
    StudyWorkflow workflow(&state);
    QVERIFY(open(workflow));
    QSignalSpy registered(&workflow, &StudyWorkflow::registrationFinished);
    workflow.registerAutomatically();
    QCOMPARE(workflow.state(), State::Registering);
    QVERIFY(registered.wait(180000));
    QCOMPARE(workflow.state(), State::Ready);
    const auto ctToMr =
        workflow.study()->transforms.transform(m_truth.ctFrameUid, m_truth.mrFrameUid);
    QVERIFY(ctToMr);
    // Within 2 mm of the truth over the tumour and 40 mm around it.
    const cc::FrameTransform found(m_truth.ctFrameUid, m_truth.mrFrameUid, *ctToMr);
    const cc::FrameTransform truth(m_truth.ctFrameUid, m_truth.mrFrameUid, m_truth.ctToMr);
    for (const Eigen::Vector3d& offset :
         {Eigen::Vector3d(0, 0, 0), Eigen::Vector3d(40, 0, 0), Eigen::Vector3d(0, 40, 0),
          Eigen::Vector3d(0, 0, 40), Eigen::Vector3d(-40, -40, -40)}) {
        const cc::PatientPoint p{m_truth.tumor.centerCtMm + offset};
        const double error = (found(p).mm - truth(p).mm).norm();
        QVERIFY2(error < 2.0, qPrintable(QStringLiteral("error %1 mm").arg(error)));
    }
    QVERIFY(workflow.comparison().inputs);
}

void StudyWorkflowTest::comparesAndFlagsTheMissedTumour() {
    cc::viewer::ViewState state;
    StudyWorkflow workflow(&state);
    QVERIFY(open(workflow));
    alignWithTruth(workflow);
    QSignalSpy analysed(&workflow, &StudyWorkflow::analysisFinished);
    QSignalSpy shown(&workflow, &StudyWorkflow::comparisonShown);
    workflow.compare();
    QCOMPARE(workflow.state(), State::Comparing);
    QVERIFY(analysed.wait(120000));
    QCOMPARE(workflow.state(), State::Ready);
    QCOMPARE(shown.count(), 1);
    const auto& result = workflow.discrepancyLayer()->result();
    QVERIFY(result && !result->regions.empty());
    const cc::DiscrepancyRegion& first = result->regions.front();
    QCOMPARE(first.kind, cc::DiscrepancyKind::CtDenseSctNot);
    QVERIFY((first.centroidMm - m_truth.tumor.centerCtMm).norm() < 3.0);
    QCOMPARE(shown.front().front().toInt(), static_cast<int>(result->regions.size()));
}

void StudyWorkflowTest::comparesOnOpenAfterRegisteringFirst() {
    cc::viewer::ViewState state;
    StudyWorkflow workflow(&state);
    workflow.setCompareOnOpen(true);
    QSignalSpy states(&workflow, &StudyWorkflow::stateChanged);
    QSignalSpy settled(&workflow, &StudyWorkflow::openingSettled);
    workflow.openPaths({m_dir.path().toStdString()});
    QVERIFY(settled.wait(300000));
    std::vector<State> seen;
    for (const auto& args : states) {
        seen.push_back(args.front().value<State>());
    }
    const std::vector<State> expected = {State::Loading, State::Ready, State::Registering,
                                         State::Comparing, State::Ready};
    QVERIFY(seen == expected);
    QCOMPARE(workflow.openingStep(), StudyWorkflow::OpeningStep::None);
    QVERIFY(workflow.discrepancyLayer()->hasResult());
    // A folder opens on its most important finding: the missed tumour.
    state.flush();
    QVERIFY((state.cursor().mm - m_truth.tumor.centerCtMm).norm() < 3.0);
}

void StudyWorkflowTest::aRoleChangeDecidesWhetherTheComparisonIsPossible() {
    cc::viewer::ViewState state;
    StudyWorkflow workflow(&state);
    QVERIFY(open(workflow));
    alignWithTruth(workflow);
    QVERIFY(workflow.comparison().inputs);
    const QString sct = uidOf(workflow, cc::SeriesRole::sCT);

    workflow.setSeriesRole(sct, cc::SeriesRole::Other);
    const cc::StudyComparison none = workflow.comparison();
    QVERIFY(!none.inputs);
    QVERIFY(!none.needsRegistration);
    QVERIFY(QString::fromStdString(none.whyNot).contains(QStringLiteral("sCT")));
    QSignalSpy messages(&workflow, &StudyWorkflow::message);
    QSignalSpy analysed(&workflow, &StudyWorkflow::analysisFinished);
    workflow.compare();
    QCOMPARE(analysed.count(), 1);  // at once: nothing to run
    QCOMPARE(workflow.state(), State::Ready);
    QVERIFY(!workflow.discrepancyLayer()->hasResult());
    QVERIFY(messages.count() >= 1);
    QVERIFY(messages.back().front().toString().contains(QString::fromStdString(none.whyNot)));

    workflow.setSeriesRole(sct, cc::SeriesRole::sCT);
    QVERIFY(workflow.comparison().inputs);
    QCOMPARE(state.paneAssignment(3).seriesInstanceUid, sct);
}

void StudyWorkflowTest::aCancelledTaskLeavesTheStudyAsItWas() {
    cc::viewer::ViewState state;
    StudyWorkflow workflow(&state);
    QVERIFY(open(workflow));
    QSignalSpy cancelled(&workflow, &StudyWorkflow::cancelled);
    QSignalSpy ended(&workflow, &StudyWorkflow::taskEnded);
    // The follow-up would have applied a registration: it must not run.
    bool followedUp = false;
    workflow.runTask(untilCancelled(), State::Registering, [&followedUp] { followedUp = true; });
    QCOMPARE(workflow.state(), State::Registering);
    workflow.cancel();
    QVERIFY(cancelled.wait(60000));
    QCOMPARE(workflow.state(), State::Ready);
    QCOMPARE(ended.count(), 1);
    QVERIFY(!followedUp);
    QVERIFY(!workflow.study()->transforms.transform(m_truth.ctFrameUid, m_truth.mrFrameUid));

    alignWithTruth(workflow);
    workflow.runTask(untilCancelled(), State::Comparing, [&followedUp] { followedUp = true; });
    QCOMPARE(workflow.state(), State::Comparing);
    workflow.cancel();
    QVERIFY(cancelled.wait(60000));
    QCOMPARE(cancelled.count(), 2);
    QCOMPARE(workflow.state(), State::Ready);
    QVERIFY(!followedUp);
    QVERIFY(!workflow.discrepancyLayer()->hasResult());
}

void StudyWorkflowTest::aSavedSessionReopensToTheSameState() {
    cc::viewer::ViewState state;
    StudyWorkflow workflow(&state);
    QVERIFY(open(workflow));
    alignWithTruth(workflow);
    const std::string frame = workflow.study()->referenceFrameUid;
    workflow.annotationLayer()->addRoi(cc::Roi::point(frame, m_truth.tumor.centerCtMm));
    workflow.annotationLayer()->addRoi(cc::Roi::ruler(
        frame, m_truth.tumor.centerCtMm, m_truth.tumor.centerCtMm + Eigen::Vector3d(10, 0, 0)));
    const QString t2w = uidOf(workflow, cc::SeriesRole::T2w);
    workflow.assignSeriesToPane(0, t2w);
    state.setPaneOrientation(0, cc::ViewOrientation::Axial);
    const cc::SessionDocument saved =
        cc::viewer::sessionDocumentOf(*workflow.study(), {m_dir.path().toStdString()},
                                      *workflow.annotationLayer(), state, "2x2", {});
    const std::filesystem::path file =
        m_dir.filePath(QStringLiteral("case.crosscheck.json")).toStdString();
    cc::saveSession(saved, file);

    cc::viewer::ViewState reopenedState;
    StudyWorkflow reopened(&reopenedState);
    QSignalSpy opened(&reopened, &StudyWorkflow::sessionOpened);
    QSignalSpy settled(&reopened, &StudyWorkflow::openingSettled);
    reopened.openSession(cc::loadSession(file).document, file);
    QVERIFY(opened.wait(60000));
    QCOMPARE(settled.count(), 1);  // nothing compares on its own here
    QCOMPARE(reopened.annotationLayer()->history().annotations().size(), std::size_t{2});
    const auto& before = workflow.annotationLayer()->history().annotations();
    const auto& after = reopened.annotationLayer()->history().annotations();
    for (std::size_t i = 0; i < before.size(); ++i) {
        QCOMPARE(after[i].id, before[i].id);
    }
    QVERIFY(!reopened.annotationLayer()->history().isModified());
    const auto ctToMr =
        reopened.study()->transforms.transform(m_truth.ctFrameUid, m_truth.mrFrameUid);
    QVERIFY(ctToMr && ctToMr->isApprox(m_truth.ctToMr, 1e-9));
    for (int i = 0; i < cc::viewer::ViewState::kPaneCount; ++i) {
        QVERIFY(reopenedState.paneAssignment(i) == state.paneAssignment(i));
    }
    QCOMPARE(reopenedState.paneAssignment(0).seriesInstanceUid, t2w);
    QCOMPARE(reopenedState.paneAssignment(0).orientation, cc::ViewOrientation::Axial);
    QVERIFY((reopenedState.cursor().mm - state.cursor().mm).norm() < 1e-9);
}

void StudyWorkflowTest::aFailedOpenKeepsTheOpenStudy() {
    cc::viewer::ViewState state;
    StudyWorkflow workflow(&state);
    QVERIFY(open(workflow));
    alignWithTruth(workflow);
    const std::string frame = workflow.study()->referenceFrameUid;
    workflow.annotationLayer()->addRoi(cc::Roi::point(frame, m_truth.tumor.centerCtMm));
    const std::shared_ptr<cc::Study> before = workflow.study();
    const QString ct = state.paneAssignment(0).seriesInstanceUid;

    QTemporaryDir empty;
    QVERIFY(empty.isValid());
    QSignalSpy failed(&workflow, &StudyWorkflow::loadFailed);
    QSignalSpy changed(&workflow, &StudyWorkflow::studyChanged);
    workflow.openPaths({empty.path().toStdString()});
    QVERIFY(failed.wait(60000));
    QCOMPARE(failed.count(), 1);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(workflow.state(), State::Ready);
    QVERIFY(workflow.study() == before);
    QCOMPARE(workflow.study()->series.size(), std::size_t{4});
    QCOMPARE(workflow.annotationLayer()->history().annotations().size(), std::size_t{1});
    QVERIFY(workflow.annotationLayer()->frameTransforms() == &workflow.study()->transforms);
    QVERIFY(workflow.study()->transforms.transform(m_truth.ctFrameUid, m_truth.mrFrameUid));
    QCOMPARE(state.paneAssignment(0).seriesInstanceUid, ct);
    QVERIFY(workflow.comparison().inputs);
}

void StudyWorkflowTest::cancellingTheOpeningsRegistrationSettlesItOnce() {
    cc::viewer::ViewState state;
    StudyWorkflow workflow(&state);
    workflow.setCompareOnOpen(true);
    QSignalSpy settled(&workflow, &StudyWorkflow::openingSettled);
    QSignalSpy cancelled(&workflow, &StudyWorkflow::cancelled);
    // A real registration, cancelled when it first reports: it is then still far from done.
    connect(&workflow, &StudyWorkflow::progress, &workflow, [&workflow] {
        if (workflow.state() == State::Registering) {
            workflow.cancel();
        }
    });
    workflow.openPaths({m_dir.path().toStdString()});
    QVERIFY(cancelled.wait(120000));
    QCOMPARE(settled.count(), 1);
    QCOMPARE(workflow.state(), State::Ready);
    QCOMPARE(workflow.openingStep(), StudyWorkflow::OpeningStep::None);
    QVERIFY(!workflow.study()->transforms.transform(m_truth.ctFrameUid, m_truth.mrFrameUid));

    // A later comparison is the user's: the cursor stays, the opening is not settled again.
    const cc::PatientPoint cursor = state.cursor();
    QVERIFY(compareAligned(workflow));
    state.flush();
    QVERIFY((state.cursor().mm - cursor.mm).norm() < 1e-9);
    QCOMPARE(settled.count(), 1);
}

void StudyWorkflowTest::aRoleChangeOfTheSctClearsTheComparison() {
    cc::viewer::ViewState state;
    StudyWorkflow workflow(&state);
    QVERIFY(open(workflow));
    QVERIFY(compareAligned(workflow));
    const QString sct = uidOf(workflow, cc::SeriesRole::sCT);
    QSignalSpy changed(&workflow, &StudyWorkflow::studyChanged);
    workflow.setSeriesRole(sct, cc::SeriesRole::Other);
    QCOMPARE(changed.count(), 1);
    QVERIFY(!workflow.discrepancyLayer()->hasResult());
    QVERIFY(!workflow.discrepancyLayer()->result());

    // Comparing on its own, the workflow compares the pair again once it forms.
    workflow.setCompareOnOpen(true);
    QSignalSpy analysed(&workflow, &StudyWorkflow::analysisFinished);
    workflow.setSeriesRole(sct, cc::SeriesRole::sCT);
    QVERIFY(!workflow.discrepancyLayer()->hasResult());
    QVERIFY(analysed.wait(120000));
    QVERIFY(workflow.discrepancyLayer()->hasResult());
}

void StudyWorkflowTest::aRequestedCursorIsUsedOnce() {
    cc::viewer::ViewState state;
    StudyWorkflow workflow(&state);
    const cc::PatientPoint requested{m_truth.tumor.centerCtMm};
    workflow.requestCursor(requested);
    QVERIFY(open(workflow));
    QVERIFY((state.cursor().mm - requested.mm).norm() < 1e-9);
    QVERIFY(open(workflow));  // the next study starts at the CT's centre again
    const auto& ct = *workflow.study()->find(cc::SeriesRole::CT);
    QVERIFY((state.cursor().mm - ct.volume->geometry().center().mm).norm() < 1e-9);
}

void StudyWorkflowTest::theWorkflowMayGoWhileItCompares() {
    cc::viewer::ViewState state;
    auto workflow = std::make_unique<StudyWorkflow>(&state);
    QVERIFY(open(*workflow));
    alignWithTruth(*workflow);
    workflow->compare();
    QCOMPARE(workflow->state(), State::Comparing);
    workflow.reset();  // cancels and waits for the worker, whose study is its own
    QCoreApplication::processEvents();
}

QTEST_MAIN(StudyWorkflowTest)
#include "StudyWorkflowTest.moc"
