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
};

/// Thrown by long work that stopped because its cancel flag was set.
class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("cancelled") {}
};

}  // namespace crosscheck
