// Registration > Register this level on the phantom with a change of posture (each
// vertebral level of the MRI turned differently, the true CT -> MR map of every level in the
// ground truth): after a whole-image registration, registering at a level brings that
// level under 1 mm, the panes' badge names the region, and a region outside the images is
// refused with the transforms left as they were.
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "app/gui/MainWindow.h"
#include "app/gui/PaneGrid.h"
#include "core/geometry/RigidTransform.h"
#include "core/model/Study.h"
#include "core/phantom/PhantomWriter.h"
#include "core/roi/StudyMeasurement.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/state/ViewState.h"
#include "viewer/study/StudyWorkflow.h"

namespace cc = crosscheck;
using cc::app::MainWindow;
using Workflow = cc::viewer::StudyWorkflow;

namespace {

/// Largest error (mm) of an estimated CT -> MR map against a level's truth, at the level's
/// body centre and 6 points 20 mm from it (MR mm).
double levelTreMm(const Eigen::Matrix4d& ctToMr, const cc::PhantomLevelTruth& level) {
    const Eigen::Matrix4d mrToCt = cc::rigidInverse(level.ctToMr);
    double worst = 0.0;
    for (int p = -1; p < 6; ++p) {
        Eigen::Vector3d point = level.centerMrMm;
        if (p >= 0) {
            point[p / 2] += (p % 2 ? -20.0 : 20.0);
        }
        const cc::PatientPoint inCt = cc::transformPoint(mrToCt, cc::PatientPoint{point});
        worst = std::max(worst, (cc::transformPoint(ctToMr, inCt).mm - point).norm());
    }
    return worst;
}

}  // namespace

class LocalRegistrationGuiTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void registeringThisLevelAlignsIt();
    void twoLevelsTheNearestToTheCursorIsUsed();
    void cancellingLeavesThePreviousTransform();

private:
    /// The study's CT -> MR map (the inverse of the MR frame's link to the CT's).
    Eigen::Matrix4d ctToMr(const MainWindow& window) const;
    bool registered(MainWindow& window, const std::function<void()>& start);
    const cc::PhantomLevelTruth* level(int number) const;
    /// Opens the phantom and registers the whole images.
    void openRegistered(MainWindow& window);
    /// The badges of the panes showing MR-frame series.
    QStringList mrBadges(MainWindow& window) const;

    QTemporaryDir m_dir;
    cc::PhantomGroundTruth m_truth;
};

void LocalRegistrationGuiTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    cc::PhantomOptions options;
    options.size = cc::PhantomSize::Small;
    options.postureDegrees = 8.0;
    m_truth = cc::writePhantomStudy(m_dir.path().toStdString(), options).front();
    QVERIFY(m_truth.levels.size() >= 5);
}

Eigen::Matrix4d LocalRegistrationGuiTest::ctToMr(const MainWindow& window) const {
    const auto mrToCt =
        window.workflow()->study()->transforms.transform(m_truth.mrFrameUid, m_truth.ctFrameUid);
    return mrToCt ? cc::rigidInverse(*mrToCt) : Eigen::Matrix4d::Zero();
}

bool LocalRegistrationGuiTest::registered(MainWindow& window, const std::function<void()>& start) {
    QSignalSpy ended(window.workflow(), &Workflow::taskEnded);
    start();
    return ended.wait(120000);
}

void LocalRegistrationGuiTest::registeringThisLevelAlignsIt() {
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QSignalSpy shown(window.workflow(), &Workflow::studyShown);
    window.openPaths({m_dir.path()});
    QVERIFY(shown.wait(60000));
    QVERIFY(registered(window, [&] { window.workflow()->registerAutomatically(); }));

    const cc::PhantomLevelTruth* level = nullptr;
    for (const auto& l : m_truth.levels) {
        if (l.level == 2) {
            level = &l;
        }
    }
    QVERIFY(level);
    const double globalTre = levelTreMm(ctToMr(window), *level);
    QVERIFY2(globalTre > 2.0, qPrintable(QStringLiteral("whole image: %1 mm").arg(globalTre)));

    // The cursor on the level's vertebral body (CT = reference frame), then the menu's action.
    window.workflow()->viewState()->setCursor(cc::PatientPoint{level->centerCtMm});
    QVERIFY(registered(window, [&] { window.registerThisLevel(); }));
    const double localTre = levelTreMm(ctToMr(window), *level);
    QVERIFY2(localTre < 1.0, qPrintable(QStringLiteral("this level: %1 mm").arg(localTre)));

    // Every MR-frame pane says how it is aligned: locally, where, how large.
    int badges = 0;
    for (auto* pane : window.paneGrid()->panes()) {
        if (pane->hasSeries() && pane->series().frameOfReferenceUid == m_truth.mrFrameUid) {
            QVERIFY2(pane->series().syncBasis.startsWith(QStringLiteral("registered locally at (")),
                     qPrintable(pane->series().syncBasis));
            QVERIFY(pane->series().syncBasis.contains(QStringLiteral("radius 40 mm")));
            ++badges;
        }
    }
    QCOMPARE(badges, 3);  // T1w, T2w, sCT

    // A region outside both images is refused; the level's transform stays.
    const Eigen::Matrix4d before = ctToMr(window);
    QSignalSpy messages(window.workflow(), &Workflow::message);
    window.workflow()->viewState()->setCursor(cc::PatientPoint{Eigen::Vector3d(0, 0, 5000)});
    QVERIFY(registered(window, [&] { window.registerThisLevel(); }));
    QVERIFY(ctToMr(window).isApprox(before, 1e-12));
    bool said = false;
    for (const auto& m : messages) {
        said = said || m.at(0).toString().contains(QStringLiteral("region"));
    }
    QVERIFY2(said, "the refusal names the region");

    // For the user guide: the level in the checkerboard with the CT.
    const QString docs = qEnvironmentVariable("CROSSCHECK_DOC_IMAGES");
    if (!docs.isEmpty()) {
        window.workflow()->viewState()->setCursor(cc::PatientPoint{level->centerCtMm});
        window.setCheckerboard(true);
        for (auto* pane : window.paneGrid()->visiblePanes()) {
            QSignalSpy painted(pane, &cc::viewer::VtkRenderWidget::framePainted);
            pane->update();
            QVERIFY(painted.wait(20000));
        }
        window.paneGrid()->grabComposed().save(docs +
                                               QStringLiteral("/registration-local-level.png"));
    }
}

const cc::PhantomLevelTruth* LocalRegistrationGuiTest::level(int number) const {
    for (const auto& l : m_truth.levels) {
        if (l.level == number) {
            return &l;
        }
    }
    return nullptr;
}

void LocalRegistrationGuiTest::openRegistered(MainWindow& window) {
    window.resize(1400, 900);
    window.show();
    QSignalSpy shown(window.workflow(), &Workflow::studyShown);
    window.openPaths({m_dir.path()});
    QVERIFY(shown.wait(60000));
    QVERIFY(registered(window, [&] { window.workflow()->registerAutomatically(); }));
}

QStringList LocalRegistrationGuiTest::mrBadges(MainWindow& window) const {
    QStringList badges;
    for (auto* pane : window.paneGrid()->panes()) {
        if (pane->hasSeries() && pane->series().frameOfReferenceUid == m_truth.mrFrameUid) {
            badges << pane->series().syncBasis;
        }
    }
    return badges;
}

// Two levels registered locally and kept side by side; under "nearest to the cursor" the
// panes switch to the level the cursor is at, the badge names it, and an ROI there is
// measured through that level's transform (the same numbers core gives with it alone).
void LocalRegistrationGuiTest::twoLevelsTheNearestToTheCursorIsUsed() {
    MainWindow window;
    openRegistered(window);
    Workflow* workflow = window.workflow();
    const cc::PhantomLevelTruth* upper = level(2);
    const cc::PhantomLevelTruth* lower = level(-2);
    QVERIFY(upper && lower);
    for (const auto* l : {upper, lower}) {
        workflow->viewState()->setCursor(cc::PatientPoint{l->centerCtMm});
        QVERIFY(registered(window, [&] { window.registerThisLevel(); }));
    }
    QCOMPARE(workflow->localRegistrationNames(), (std::vector<std::string>{"local 1", "local 2"}));
    const auto& transforms = workflow->study()->transforms;
    const auto locals = transforms.locals(m_truth.mrFrameUid, m_truth.ctFrameUid);
    QCOMPARE(locals.size(), std::size_t(2));
    // The last one made is picked; each aligns its own level.
    QVERIFY(workflow->transformPick() == cc::TransformPick::named("local 2"));
    QVERIFY(levelTreMm(cc::rigidInverse(locals[0].fromToTo), *upper) < 1.0);
    QVERIFY(levelTreMm(cc::rigidInverse(locals[1].fromToTo), *lower) < 1.0);

    // Registering levels, picking another transform and renaming are work the session
    // saves: each marks it modified; picking the transform already in use does not.
    QVERIFY(window.isSessionModified());
    QTemporaryDir sessions;
    const QString sessionFile = sessions.filePath(QStringLiteral("levels.crosscheck.json"));
    QVERIFY(window.saveSessionFileAs(sessionFile));
    QVERIFY(!window.isSessionModified());
    workflow->pickTransform(cc::TransformPick::nearest());
    QVERIFY(window.isSessionModified());
    QVERIFY(window.saveSessionFile());
    workflow->pickTransform(cc::TransformPick::nearest());
    QVERIFY(!window.isSessionModified());
    for (std::size_t i = 0; i < 2; ++i) {
        const cc::PhantomLevelTruth* l = i == 0 ? upper : lower;
        const cc::FrameLink& local = locals[i];
        // Near (not at) the level's centre: the cursor moves, the panes follow.
        const Eigen::Vector3d near = l->centerCtMm + Eigen::Vector3d(5, -5, 8);
        workflow->viewState()->setCursor(cc::PatientPoint{near});
        workflow->viewState()->flush();
        const QStringList badges = mrBadges(window);
        QCOMPARE(badges.size(), 3);  // T1w, T2w, sCT
        for (const QString& badge : badges) {
            QVERIFY2(badge.contains(QStringLiteral("\"%1\" (nearest to cursor)")
                                        .arg(QString::fromStdString(local.name))),
                     qPrintable(badge));
        }
        for (auto* pane : window.paneGrid()->panes()) {
            if (pane->hasSeries() && pane->series().frameOfReferenceUid == m_truth.mrFrameUid) {
                QVERIFY(pane->series().referenceToSeries->isApprox(cc::rigidInverse(local.fromToTo),
                                                                   1e-12));
            }
        }
        // An ROI at the level: the study's measurement equals core's through that link alone.
        const cc::Roi roi = cc::Roi::sphere(m_truth.ctFrameUid, near, 6.0);
        cc::FrameTransforms only;
        only.set(local.fromFrame, local.toFrame, local.fromToTo, local.provenance);
        const auto rows = cc::measureInStudy(roi, *workflow->study());
        int compared = 0;
        for (std::size_t s = 0; s < rows.size(); ++s) {
            const cc::LoadedSeries& series = workflow->study()->series[s];
            if (series.info.frameOfReferenceUid != m_truth.mrFrameUid) {
                continue;
            }
            const auto expected = cc::measureInSeries(roi, series, only);
            QVERIFY(expected.measurement.hasNumbers);
            QCOMPARE(rows[s].measurement.values.mean, expected.measurement.values.mean);
            ++compared;
        }
        QVERIFY(compared >= 2);
    }
    // Between the levels, outside both regions: the global transform, said as such.
    workflow->viewState()->setCursor(
        cc::PatientPoint{Eigen::Vector3d((upper->centerCtMm + lower->centerCtMm) / 2)});
    workflow->viewState()->flush();
    for (const QString& badge : mrBadges(window)) {
        QCOMPARE(badge, QStringLiteral("registered: automatic MI"));
    }

    // The checkerboard opens at the region of the level in use, on request.
    workflow->viewState()->setCursor(cc::PatientPoint{upper->centerCtMm});
    workflow->viewState()->flush();
    QVERIFY(window.showCheckerboardAtRegion());
    QVERIFY((workflow->viewState()->cursor().mm - *locals[0].provenance.regionCentreMm).norm() <
            1e-9);
    QVERIFY(window.saveSessionFile());
    QVERIFY(workflow->renameLocalRegistration("local 1", "L1 level"));
    QVERIFY(window.isSessionModified());
    const QString docs = qEnvironmentVariable("CROSSCHECK_DOC_IMAGES");
    if (!docs.isEmpty()) {
        for (auto* pane : window.paneGrid()->visiblePanes()) {
            QSignalSpy painted(pane, &cc::viewer::VtkRenderWidget::framePainted);
            pane->update();
            QVERIFY(painted.wait(20000));
        }
        window.grab().save(docs + QStringLiteral("/registration-local-nearest.png"));
        // Registration > Use transform, as the user sees it.
        for (QAction* top : window.menuBar()->actions()) {
            for (QAction* item : top->menu() ? top->menu()->actions() : QList<QAction*>{}) {
                if (item->menu() && item->text().contains(QStringLiteral("Use transform"))) {
                    emit item->menu()->aboutToShow();
                    item->menu()->popup(window.mapToGlobal(QPoint(200, 200)));
                    QTest::qWait(200);
                    item->menu()->grab().save(docs +
                                              QStringLiteral("/registration-use-transform.png"));
                    item->menu()->hide();
                }
            }
        }
    }
}

// Cancelling a running Register this level keeps the transform the panes used before and
// adds no local registration.
void LocalRegistrationGuiTest::cancellingLeavesThePreviousTransform() {
    MainWindow window;
    openRegistered(window);
    Workflow* workflow = window.workflow();
    const Eigen::Matrix4d before = ctToMr(window);
    workflow->viewState()->setCursor(cc::PatientPoint{level(2)->centerCtMm});
    QSignalSpy cancelled(workflow, &Workflow::cancelled);
    QSignalSpy finished(workflow, &Workflow::registrationFinished);
    // Cancel at the first progress report, while the optimizer runs.
    QMetaObject::Connection once;
    once = connect(workflow, &Workflow::progress, workflow, [&] {
        disconnect(once);
        workflow->cancel();
    });
    QVERIFY(registered(window, [&] { window.registerThisLevel(); }));
    QCOMPARE(cancelled.count(), 1);
    QCOMPARE(finished.count(), 0);
    QVERIFY(workflow->localRegistrationNames().empty());
    QVERIFY(ctToMr(window).isApprox(before, 1e-12));
    for (const QString& badge : mrBadges(window)) {
        QCOMPARE(badge, QStringLiteral("registered: automatic MI"));
    }
}

QTEST_MAIN(LocalRegistrationGuiTest)
#include "LocalRegistrationGuiTest.moc"
