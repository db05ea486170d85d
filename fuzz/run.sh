#!/usr/bin/env bash
# Builds the libFuzzer harnesses (preset fuzz, clang) and runs each target for SECONDS under
# ASan + UBSan, starting from fuzz/corpus/<target>/. A finding stops the run with its reproducer
# in BUILD/findings/<target>/; keep it in tests/data/fuzz/<target>/ once fixed.
# Usage: fuzz/run.sh [BUILD=build/fuzz] [SECONDS=60] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/fuzz}
seconds=${2:-60}
shift $(( $# > 2 ? 2 : $# ))
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(csv series_csv call_log json_schedule json_channels requirements json_plan)
fi
cmake --preset fuzz -B "$build" > /dev/null
cmake --build "$build" --target "${targets[@]/#/fuzz_}"
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for t in "${targets[@]}"; do
    work="$build/corpus/$t"
    findings="$build/findings/$t"
    mkdir -p "$work" "$findings"
    start=$(date +%s)
    "$build/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 -artifact_prefix="$findings/" -print_final_stats=1 \
        "$work" "fuzz/corpus/$t" 2> "$build/fuzz_$t.log" || {
        tail -n 60 "$build/fuzz_$t.log"
        echo "fuzz: $t found a problem; reproducer in $findings/"
        exit 1
    }
    echo "fuzz: $t ran $(( $(date +%s) - start )) s: $(grep -E '^stat::number_of_executed_units' \
        "$build/fuzz_$t.log" | awk '{print $2}') inputs, no finding"
done
