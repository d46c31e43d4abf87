# Crosscheck: the two commands of the README are `make demo` and `make test`.
# Every target installs missing Debian packages first (cmake/install-deps.sh).
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
XVFB := xvfb-run -a -s "-screen 0 1920x1080x24"

.PHONY: all deps configure build demo test package bench asan fuzz format clean

all: build

deps:
	@bash cmake/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

configure: deps $(BUILD)/CMakeCache.txt

build: configure
	cmake --build $(BUILD) -j $(JOBS)

# The viewer on the built-in demo study. Without a display, it runs under Xvfb.
demo: build
	@if [ -n "$$DISPLAY" ]; then $(BUILD)/bin/crosscheck --demo; \
	else echo "no DISPLAY: running under Xvfb" >&2; $(XVFB) $(BUILD)/bin/crosscheck --demo; fi

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The Debian package of what `cmake --install` installs (CPack; docs/packaging.md):
# $(BUILD)/crosscheck_<version>-1_<arch>.deb.
package: build
	cmake --build $(BUILD) --target package

# Benchmarks next to their peer tools (tests/bench/run.sh); figures, not assertions.
# BENCH_BASELINE=<git ref> also times that commit's viewer in the same run.
bench: deps
	@bash cmake/install-deps.sh cmake/debian-packages.txt cmake/debian-packages-bench.txt
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DCROSSCHECK_BUILD_BENCH=ON $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j $(JOBS)
	BENCH_BASELINE="$(BENCH_BASELINE)" bash tests/bench/run.sh $(BUILD)

# Core tests with AddressSanitizer and UndefinedBehaviorSanitizer, no GUI.
asan: deps
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCROSSCHECK_BUILD_GUI=OFF -DCROSSCHECK_SANITIZE=ON $(CMAKE_FLAGS)
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

# libFuzzer on the DICOM loader (clang, ASan + UBSan) for FUZZ_SECONDS (default 600).
FUZZ_SECONDS ?= 600
fuzz: deps
	@bash cmake/install-deps.sh cmake/debian-packages.txt cmake/debian-packages-fuzz.txt
	CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCROSSCHECK_BUILD_GUI=OFF \
	  -DCROSSCHECK_SANITIZE=ON -DCROSSCHECK_BUILD_FUZZ=ON -DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link $(CMAKE_FLAGS)
	cmake --build build-fuzz -j $(JOBS) --target dicom_load_fuzzer
	cd build-fuzz && ctest -L fuzz --output-on-failure
	bash tests/fuzz/run.sh build-fuzz $(FUZZ_SECONDS)

format:
	git ls-files '*.cpp' '*.h' '*.in' | grep -E '\.(cpp|h)$$' | xargs clang-format -i

clean:
	rm -rf $(BUILD) build-asan
