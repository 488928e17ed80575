#!/usr/bin/env bash
# Runs every libFuzzer target for SECONDS each (default 60) and prints executions and
# findings. Needs clang-14 and libclang-rt-14-dev. Crashing inputs land in
# build-fuzz/findings/NAME/; copy them to tests/fuzz/regressions/NAME/ once fixed.
#   tests/fuzz/run.sh 600            # all targets, 10 minutes each
#   tests/fuzz/run.sh 60 bsg         # one target
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true
CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DBACKSTEP_FUZZ=ON -DBACKSTEP_GUI=OFF > /dev/null
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=($(ls tests/fuzz/fuzz_*.cpp | sed 's/.*fuzz_\(.*\)\.cpp/\1/'))
fi
cmake --build build-fuzz -j2 --target $(printf 'fuzz_%s ' "${targets[@]}") > /dev/null
printf '%-10s %12s %10s %9s\n' target executions seconds findings
for t in "${targets[@]}"; do
  corpus=build-fuzz/corpus/$t; findings=build-fuzz/findings/$t
  mkdir -p "$corpus" "$findings"
  # Seeds: the target's regression inputs and, where the target names one, its seed folder.
  cp -n tests/fuzz/regressions/$t/* "$corpus"/ 2>/dev/null || true
  if [ -f tests/fuzz/seeds_$t.txt ]; then
    while read -r d; do cp -n "$d"/* "$corpus"/ 2>/dev/null || true; done < tests/fuzz/seeds_$t.txt
  fi
  log=build-fuzz/$t.log
  # -timeout=60: the largest preset network allowed (10 000 units after 3072 inputs,
  # 31 M weights) takes over 10 s to initialise under ASan and the fuzzer's
  # instrumentation (1.5 s in a release build); that is no hang.
  build-fuzz/fuzz_$t "$corpus" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=60 \
    -artifact_prefix="$findings"/ -print_final_stats=1 > "$log" 2>&1 || true
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  found=$(find "$findings" -type f | wc -l)
  printf '%-10s %12s %10s %9s\n' "$t" "$execs" "$seconds" "$found"
done
