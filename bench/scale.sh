#!/usr/bin/env bash
# Whole-process cost of the ladder commands against the number of ladder runs (issue 14's scale table):
# wall time and max RSS from /usr/bin/time -v, median of REPEAT runs (default 3; REPEAT_BOOTSTRAP for the
# bootstrap command, which costs 1,000 refits per task), Release build.
# Usage: bench/scale.sh [SIZES…]   (default 100 400 1000; ladders are made under ${SCALE_DIR:-/tmp/taskscaling-scale})
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); [ $# -eq 0 ] && sizes=(100 400 1000)
repeat=${REPEAT:-3}; repeat_boot=${REPEAT_BOOTSTRAP:-$repeat}; root=${SCALE_DIR:-/tmp/taskscaling-scale}
dotnet build -c Release src/TaskScaling.Cli >/dev/null
dotnet build -c Release bench/TaskScaling.Bench >/dev/null
cli=src/TaskScaling.Cli/bin/Release/net10.0/TaskScaling.Cli.dll
bench=bench/TaskScaling.Bench/bin/Release/net10.0/TaskScaling.Bench.dll
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf '%-6s %-38s %9s %10s\n' runs command "wall (s)" "RSS (MB)"   # medians
for n in "${sizes[@]}"; do
  dir=$root/$n
  [ -f "$dir/ladder.json" ] || dotnet "$bench" scale-ladder "$n" "$dir"
  for cmd in "ladder predict" "ladder predict --interval bootstrap" "ladder compute-vs-error"; do
    walls=(); rss=(); k=$repeat; [[ $cmd == *bootstrap* ]] && k=$repeat_boot
    for _ in $(seq "$k"); do
      log=$(mktemp)
      # shellcheck disable=SC2086
      /usr/bin/time -v dotnet "$cli" $cmd --ladder "$dir/ladder.json" --format json >/dev/null 2>"$log" || true
      walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$log")")
      rss+=("$(awk -F': ' '/Maximum resident set size/ {print $2/1024}' "$log")")
      rm -f "$log"
    done
    printf '%-6s %-38s %9.2f %10.0f\n' "$n" "$cmd" "$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${rss[@]}" | median)"
  done
done
