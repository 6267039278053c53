#!/usr/bin/env bash
# The packed tool (Native AOT, no JIT) against the JIT build of the same code: every command's output — tables, JSON,
# CSV, written files, error lines and exit codes — must be the same bytes. The AOT build serialises JSON through
# source-generated metadata and compiles the vector kernels ahead of time; this is what shows that neither changes
# a byte. Timing fields and the temporary output folder's path are masked.
# Usage: tests/tool/native-equivalence.sh TOOL JIT-COMMAND…   (run from the repository root; test.sh calls it)
set -uo pipefail
tool=$1; shift; jit=("$@")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
n=0; failed=0
mask() { sed -E -e "s#$work/(aot|jit)#OUT#g" -e "s/[0-9.]+ s\)/X s)/g" -e "s/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} UTC/DATE/g" -e '/"(elapsed)?[sS]econds"|elapsedSeconds|seconds:|took [0-9.]+/d' "$1"; }
same() {   # NAME FILE-AOT FILE-JIT
  if ! cmp -s <(mask "$2") <(mask "$3"); then
    echo "native-equivalence: $1 differs:" >&2; diff <(mask "$2") <(mask "$3") | head -5 >&2; failed=$((failed + 1))
  fi
}
# check NAME ARGS… — runs both builds; @OUT@ in an argument is each side's own output folder.
check() {
  local name=$1; shift; n=$((n + 1))
  for side in aot jit; do
    mkdir -p "$work/$side"; rm -rf "${work:?}/$side"/*
    local args=("${@//@OUT@/$work/$side}")
    if [ $side = aot ]; then cmd=("$tool"); else cmd=("${jit[@]}"); fi
    "${cmd[@]}" "${args[@]}" > "$work/$side.out" 2> "$work/$side.err"; echo $? > "$work/$side.rc"
  done
  same "$name (exit code)" "$work/aot.rc" "$work/jit.rc"
  same "$name (stdout)" "$work/aot.out" "$work/jit.out"
  same "$name (stderr)" "$work/aot.err" "$work/jit.err"
  for f in "$work"/aot/*; do
    [ -e "$f" ] || continue
    if [ -d "$f" ]; then
      for g in "$f"/*; do same "$name ($(basename "$f")/$(basename "$g"))" "$g" "$work/jit/$(basename "$f")/$(basename "$g")"; done
    else
      same "$name ($(basename "$f"))" "$f" "$work/jit/$(basename "$f")"
    fi
  done
}
sloth=../shared/data/sloth
check predict ladder predict
check predict-json ladder predict --format json
check predict-csv ladder predict --format csv
check predict-hypothetical ladder predict --params 70B --tokens 15T --format json
check predict-two-step-delta ladder predict --predictor two-step --interval delta --format json
check predict-ensemble ladder predict --predictor ensemble --format csv
check predict-bootstrap ladder predict --interval bootstrap --resamples 50 --format json
check predict-single-step ladder predict --variant single-step --format json
check predict-flops ladder predict --variant flops --target 13B-5T
check predict-feature ladder predict --feature loss --tasks mmlu,hellaswag --format json
check save-fit ladder predict --tasks mmlu,arc_easy --save-fit @OUT@/fit.json --format json
check backtest ladder backtest
check backtest-json ladder backtest --format json
check backtest-csv ladder backtest --format csv --out @OUT@/backtest.csv
check step1 ladder step1 --format json
check step2 ladder step2 --format csv
check variance ladder variance --format json
check compute-vs-error ladder compute-vs-error --format json
check describe ladder describe
check init ladder init ../shared/data/formats/lm-eval-v0.4 --out @OUT@/ladder.json
check report ladder report --target 13B-5T --out @OUT@/report
check nist nist --format json
check skills-fit skills fit
check skills-fit-json skills fit --format json
check skills-model skills fit --d 1 --format json --out @OUT@/model.json
check skills-predict skills predict --family meta-llama-3 --params 70B --tokens 15T --format json
check skills-interpret skills interpret --format json
check skills-evaluate skills evaluate --methods pca_d=2,factor_sigmoid_faminter_d=2 --format json
check skills-backtest skills backtest --family qwen2 --given 1 --format json
check skills-downstream skills downstream --benchmark HumanEval --target meta-llama-3-70b --format json
check skills-import skills import --leaderboard $sloth/open-llm-leaderboard_new.csv --tokens $sloth/data_v2.csv --out @OUT@/table.csv
check skills-report skills report --out @OUT@/skills-report
check error-count ladder predict --params 70 --tokens 15T
check error-json ladder predict --ladder /nonexistent.json --format json
check error-file skills import --leaderboard $sloth/open-llm-leaderboard_new.csv --tokens $sloth/tokens.csv --out @OUT@/t.csv
check help ladder predict --help
echo "native-equivalence: $n commands, $failed differing outputs"
[ "$failed" -eq 0 ]
