#include "core/util/ParallelFor.h"

#include <algorithm>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace crosscheck {

int workerCount() {
    return std::max(1u, std::thread::hardware_concurrency());
}

void parallelFor(int count, const std::function<void(int, int)>& body) {
    if (count <= 0) {
        return;
    }
    const int threads = std::min(workerCount(), count);
    if (threads == 1) {
        body(0, count);
        return;
    }
    std::exception_ptr firstError;
    std::mutex errorMutex;
    std::vector<std::thread> pool;
    pool.reserve(static_cast<std::size_t>(threads));
    for (int t = 0; t < threads; ++t) {
        const int begin = static_cast<int>(static_cast<long long>(count) * t / threads);
        const int end = static_cast<int>(static_cast<long long>(count) * (t + 1) / threads);
        pool.emplace_back([&, begin, end] {
            try {
                body(begin, end);
            } catch (...) {
                std::lock_guard<std::mutex> lock(errorMutex);
                if (!firstError) {
                    firstError = std::current_exception();
                }
            }
        });
    }
    for (auto& t : pool) {
        t.join();
    }
    if (firstError) {
        std::rethrow_exception(firstError);
    }
}

}  // namespace crosscheck
