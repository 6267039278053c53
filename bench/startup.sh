#!/usr/bin/env bash
# Start-up of the packed tool against a .NET hello world, measured in the same run (issue 17): whole process,
# /usr/bin/time wall clock, median of REPEAT runs each (default 5; the two are interleaved so that load on the
# machine hits both alike). Packs the tool as test.sh does (the linux-x64 Native AOT tool package), installs it into a
# temporary tool path, builds a `dotnet new console` hello world (Release, run through its apphost as the tool is),
# and prints both medians, their ratio and the size of the tool package.
# Usage: bench/startup.sh [COMMAND…]   (default: ladder predict, both targets, default table output)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
repeat=${REPEAT:-5}
cmd=("$@"); [ $# -eq 0 ] && cmd=(ladder predict)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
dotnet pack src/TaskScaling.Cli -c Release -o "$work/pkg" >/dev/null
dotnet pack src/TaskScaling.Cli -c Release -r linux-x64 -o "$work/pkg" >/dev/null
dotnet tool install --tool-path "$work/tools" --add-source "$work/pkg" TaskScaling.Cli --version 0.1.0 >/dev/null
(cd "$work" && dotnet new console -o hello >/dev/null && dotnet build -c Release hello >/dev/null)
hello=$work/hello/bin/Release/net10.0/hello
"$work/tools/taskscaling" "${cmd[@]}" >/dev/null   # once first: the file cache holds the tool and the data alike
# Wall clock and CPU time (user + system: less sensitive to other load on the machine) of one run.
measure() { /usr/bin/time -f '%e %U %S' "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%s %.2f\n", $1, $2 + $3}'; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
h=(); t=()
for _ in $(seq "$repeat"); do
  h+=("$(measure "$hello")")
  t+=("$(measure "$work/tools/taskscaling" "${cmd[@]}")")
done
col() { printf '%s\n' "${@:2}" | awk -v c="$1" '{print $c}'; }
hw=$(col 1 "${h[@]}" | median); hc=$(col 2 "${h[@]}" | median)
tw=$(col 1 "${t[@]}" | median); tc=$(col 2 "${t[@]}" | median)
echo "hello world: wall $(col 1 "${h[@]}" | tr '\n' ' ')-> median ${hw} s; CPU median ${hc} s"
echo "taskscaling ${cmd[*]}: wall $(col 1 "${t[@]}" | tr '\n' ' ')-> median ${tw} s; CPU median ${tc} s"
awk -v t="$tw" -v h="$hw" -v tc="$tc" -v hc="$hc" 'BEGIN { printf "ratio: %.1fx wall, %.1fx CPU\n", t / h, tc / hc }'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for f in "$work"/pkg/TaskScaling.Cli.*nupkg; do
  printf '%s: %s bytes\n' "$(basename "$f")" "$(stat -c %s "$f")"
done
