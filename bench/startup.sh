#!/usr/bin/env bash
# Start-up of the packed tool against a .NET hello world, measured in the same run (issue 17): whole process,
# /usr/bin/time wall clock, median of REPEAT runs each (default 5; the two are interleaved so that load on the
# machine hits both alike). Packs the tool as test.sh does (the linux-x64 tool package), installs it into a
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
dotnet tool install --tool-path "$work/tools" --add-source "$work/pkg" TaskScaling.Cli --version 0.1.0 >/dev/null
(cd "$work" && dotnet new console -o hello >/dev/null && dotnet build -c Release hello >/dev/null)
hello=$work/hello/bin/Release/net10.0/hello
"$work/tools/taskscaling" "${cmd[@]}" >/dev/null   # once first: the file cache holds the tool and the data alike
wall() { /usr/bin/time -f %e "$@" 2>&1 >/dev/null | tail -1; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
h=(); t=()
for _ in $(seq "$repeat"); do
  h+=("$(wall "$hello")")
  t+=("$(wall "$work/tools/taskscaling" "${cmd[@]}")")
done
hm=$(printf '%s\n' "${h[@]}" | median); tm=$(printf '%s\n' "${t[@]}" | median)
echo "hello world:           ${h[*]}  median ${hm} s"
echo "taskscaling ${cmd[*]}: ${t[*]}  median ${tm} s"
awk -v t="$tm" -v h="$hm" 'BEGIN { printf "ratio: %.1fx\n", t / h }'
for f in "$work"/pkg/TaskScaling.Cli.*nupkg; do
  printf '%s: %.1f MB\n' "$(basename "$f")" "$(stat -c %s "$f" | awk '{print $1 / 1e6}')"
done
