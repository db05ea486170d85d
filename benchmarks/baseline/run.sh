#!/usr/bin/env bash
# Issue 11 evidence: outputs that a refactor must leave byte-identical. Build the bench preset of
# two trees, run this on each, then: diff -r -x report.json -x report.txt -x report.html
#   -x schedule_summary.json -x "bm_*.json" OUT_A OUT_B   (must print nothing)
# Usage: run.sh SRC_DIR BUILD_DIR(with wfm and benchmarks/bm_schedule_instances) OUT_DIR
# Produces the outputs that must stay byte-identical for issue 11.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); SRC=$(cd "$1" && pwd); B=$(cd "$2" && pwd); OUT=$3; SHARED=${SHARED:-$SRC/../shared}
rm -rf "$OUT"; mkdir -p "$OUT"
WFM=$(find "$B" -maxdepth 3 -type f -name wfm -perm -u+x | head -1)
BM=$(find "$B" -maxdepth 3 -type f -name bm_schedule_instances -perm -u+x | head -1)
cd "$SRC"
"$WFM" plan --quiet --out "$OUT/plan" > /dev/null
"$WFM" schedule --requirements "$OUT/plan/requirements.csv" --config "$HERE/schedule15.json" \
  --channel voice --iterations 200000 --seed 1 -o "$OUT/schedule.csv" \
  --coverage "$OUT/schedule_coverage.csv" --summary "$OUT/schedule_summary.json"
for inst in week30_21patterns week15_breaks_7patterns; do
  "$BM" "$SHARED"/reference/schedule/$inst.json --iterations 300000 --seed 1 > "$OUT/bm_$inst.json"
done
# Timing fields differ run to run: strip them into *.stable copies for diffing.
/usr/bin/python3 - "$OUT" <<'PY'
import json, sys, glob, os
out = sys.argv[1]
def strip(v):
    if isinstance(v, dict):
        return {k: ("T" if (k.endswith("seconds") or k == "trace") else strip(x)) for k, x in v.items()}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v
for f in [out + "/plan/report.json", out + "/schedule_summary.json"] + glob.glob(out + "/bm_*.json"):
    with open(f) as fh:
        d = json.load(fh)
    with open(f + ".stable", "w") as fh:
        json.dump(strip(d), fh, indent=1, sort_keys=True)
PY
# solver seconds in the text and HTML optimality tables
sed -E 's/(%) +[0-9]+\.[0-9]+( +(feasible|infeasible))/\1 T\2/' "$OUT/plan/report.txt" > "$OUT/plan/report.txt.stable"
sed -E 's/(%<\/td><td>)[0-9]+\.[0-9]+(<\/td><\/tr>)/\1T\2/g' "$OUT/plan/report.html" > "$OUT/plan/report.html.stable"
