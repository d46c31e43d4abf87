#pragma once

#include <functional>

namespace crosscheck {

/// The number of worker threads long work uses: the hardware's, at least 1.
int workerCount();

/// Runs body(begin, end) on contiguous chunks of [0, count) across workerCount()
/// threads and waits for all of them. The first exception thrown by a chunk is
/// rethrown here after every thread has finished.
void parallelFor(int count, const std::function<void(int begin, int end)>& body);

}  // namespace crosscheck
