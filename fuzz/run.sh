#!/usr/bin/env bash
# Builds the libFuzzer harnesses (preset fuzz, clang) and runs each target for SECONDS under
# ASan + UBSan, starting from fuzz/corpus/<target>/, one target per core at a time. A finding
# fails the run with its reproducer in BUILD/findings/<target>/; keep it in
# tests/data/fuzz/<target>/ once fixed.
# Usage: fuzz/run.sh [BUILD=build/fuzz] [SECONDS=60] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/fuzz}
seconds=${2:-60}
shift $(( $# > 2 ? 2 : $# ))
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(csv series_csv call_log json_schedule json_channels requirements json_plan
             json_scenarios)
fi
cmake --preset fuzz -B "$build" > /dev/null
cmake --build "$build" --target "${targets[@]/#/fuzz_}"
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# One target: its log in BUILD/fuzz_<target>.log, a line on success, the log's tail on a finding.
run_target() {
    local t=$1 work="$build/corpus/$1" findings="$build/findings/$1" start
    mkdir -p "$work" "$findings"
    start=$(date +%s)
    "$build/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 -artifact_prefix="$findings/" -print_final_stats=1 \
        "$work" "fuzz/corpus/$t" 2> "$build/fuzz_$t.log" || {
        tail -n 60 "$build/fuzz_$t.log"
        echo "fuzz: $t found a problem; reproducer in $findings/"
        return 1
    }
    echo "fuzz: $t ran $(( $(date +%s) - start )) s: $(grep -E '^stat::number_of_executed_units' \
        "$build/fuzz_$t.log" | awk '{print $2}') inputs, no finding"
}
# The targets run one per core (each libFuzzer process is single-threaded), so the run takes
# SECONDS × ceil(targets / cores) of wall time; any finding fails the run once all have ended.
jobs=${WFM_FUZZ_JOBS:-$(nproc)}
failed=0
running=0
for t in "${targets[@]}"; do
    if [ "$running" -ge "$jobs" ]; then
        wait -n || failed=1
        running=$(( running - 1 ))
    fi
    run_target "$t" &
    running=$(( running + 1 ))
done
while [ "$running" -gt 0 ]; do
    wait -n || failed=1
    running=$(( running - 1 ))
done
exit "$failed"
