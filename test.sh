#!/usr/bin/env bash
# The whole test suite on a fresh machine with the .NET 10 SDK: installs what the tests need when it is missing
# (Debian's Chromium for the HTML-report browser test, the DejaVu fonts and fontconfig the figures are drawn with,
# python3 with venv for the Python package, a C toolchain for the Native AOT tool package), runs the .NET tests, the
# Python package's tests, and packs and installs the tool and compares its outputs with the JIT build's.
# `.ci/run` runs exactly this.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -q "DejaVu Sans" || missing+=(fonts-dejavu-core fontconfig)
command -v python3 >/dev/null && python3 -c "import venv, ensurepip" 2>/dev/null || missing+=(python3 python3-venv)
{ command -v clang || command -v gcc; } >/dev/null && command -v objcopy >/dev/null || missing+=(clang binutils)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "test.sh: missing ${missing[*]} (install them with apt-get as root)" >&2
  fi
fi
log=$(mktemp)
set +e
dotnet test -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# The Python package against the CLI the suite built.
if [ "$status" -eq 0 ]; then
  TASKSCALING_CLI="dotnet $PWD/src/TaskScaling.Cli/bin/Release/net10.0/TaskScaling.Cli.dll" \
    python3 -m unittest discover -s python/tests 2>&1 | tee -a "$log" || status=1
fi
# The CLI as a .NET tool: the pointer package and the linux-x64 Native AOT package, installed into a temporary tool
# path; every command's output from it must be the JIT build's, byte for byte.
if [ "$status" -eq 0 ]; then
  pkg=$(mktemp -d); tools=$(mktemp -d)
  # The native executable needs AVX-512 (docs/README.md); on a CPU without it the package is ReadyToRun.
  packmode=()
  for isa in avx512f avx512bw avx512cd avx512dq avx512vl; do grep -qw "$isa" /proc/cpuinfo || packmode=(-p:NativeTool=false); done
  dotnet pack src/TaskScaling.Cli -c Release -o "$pkg" >/dev/null &&
    dotnet pack src/TaskScaling.Cli -c Release -r linux-x64 "${packmode[@]}" -o "$pkg" >/dev/null &&
    dotnet tool install --tool-path "$tools" --add-source "$pkg" TaskScaling.Cli --version 0.1.0 >/dev/null &&
    "$tools/taskscaling" --version &&
    tests/tool/native-equivalence.sh "$tools/taskscaling" dotnet "$PWD/src/TaskScaling.Cli/bin/Release/net10.0/TaskScaling.Cli.dll" 2>&1 | tee -a "$log" ||
    status=1
  rm -rf "$pkg" "$tools"
fi
# A plain closing line that any CI reader understands.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
python=$(grep -oE '^Ran [0-9]+ tests' "$log" | awk '{print $2}')
native=$(grep -oE '[0-9]+ commands, [0-9]+ differing' "$log" | tail -1)
echo "tests: ${passed} passed, ${failed} failed; python: ${python:-0} ran ($(grep -E '^(OK|FAILED)' "$log" | tail -1)); native tool: ${native:-not run}"
exit "$status"
