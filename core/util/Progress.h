#pragma once

#include <atomic>
#include <functional>
#include <stdexcept>
#include <string>

namespace crosscheck {

/// What long work (loading, registration, analysis) takes: a callback told the fraction
/// done (0..1) and a short stage name, and a flag another thread may set to cancel.
/// Both are optional. The callback may be called from worker threads.
struct Progress {
    std::function<void(double fraction, const std::string& stage)> report;
    const std::atomic<bool>* cancel = nullptr;

    void operator()(double fraction, const std::string& stage) const {
        if (report) {
            report(fraction, stage);
        }
    }
    bool cancelled() const { return cancel != nullptr && cancel->load(std::memory_order_relaxed); }

    /// The progress of one stage of this work, mapped into [from, to] of the whole: the
    /// stage reports 0..1 and the whole sees from..to. Shares the cancel flag. The copy of
    /// the callback keeps the stage valid after this Progress goes away.
    Progress subRange(double from, double to) const {
        Progress part;
        part.cancel = cancel;
        if (report) {
            part.report = [whole = report, from, to](double fraction, const std::string& stage) {
                whole(from + (to - from) * fraction, stage);
            };
        }
        return part;
    }
};

/// Thrown by long work that stopped because its cancel flag was set.
class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("cancelled") {}
};

}  // namespace crosscheck
