"""Running the taskscaling command and reading its JSON output."""
import json
import os
import shlex
import shutil
import subprocess
import warnings


class Repeated(tuple):
    """Values of an option given once per value (`--table a --table b`), not as one list after one flag."""


class TaskScalingError(Exception):
    """A user error reported by the tool (exit code 2): its one-line message, and where known the file, line and
    column of the input at fault."""

    def __init__(self, message, file=None, line=None, column=None, exit_code=2):
        super().__init__(message)
        self.message, self.file, self.line, self.column, self.exit_code = message, file, line, column, exit_code


def command():
    """The command line of the tool: $TASKSCALING_CLI, else `taskscaling` on PATH."""
    given = os.environ.get("TASKSCALING_CLI")
    if given:
        return shlex.split(given)
    found = shutil.which("taskscaling")
    if found is None:
        raise TaskScalingError("the taskscaling command was not found: install the .NET tool (see docs/README.md) "
                               "or set TASKSCALING_CLI, e.g. to 'dotnet path/to/TaskScaling.Cli.dll'")
    return [found]


def _word(value):
    """A command-line word: numbers in full precision (repr), the rest as given."""
    if isinstance(value, bool):
        raise TypeError("a boolean option is a flag: pass True to include it")
    if isinstance(value, float):
        return repr(value)
    return str(value)


def arguments(options):
    """`--name value` words from keyword options: None is left out, True is a flag, lists repeat the value list."""
    words = []
    for key, value in options.items():
        if value is None or value is False:
            continue
        flag = "--" + key.replace("_", "-")
        if value is True:
            words.append(flag)
        elif isinstance(value, Repeated):
            for v in value:
                words.extend([flag, _word(v)])
        elif isinstance(value, (list, tuple)):
            words.append(flag)
            words.extend(_word(v) for v in value)
        else:
            words.extend([flag, _word(value)])
    return words


def run_json(*args, **options):
    """Runs `taskscaling ARGS --format json` and returns the parsed JSON object.

    Exit code 2 raises TaskScalingError (from the JSON error object on stderr); exit code 3 (output written, some
    tasks or fits failed) returns the output and warns with the tool's `failed:` line.
    """
    words = command() + [str(a) for a in args] + arguments(options) + ["--format", "json"]
    done = subprocess.run(words, capture_output=True, text=True, encoding="utf-8")
    if done.returncode == 2:
        raise _error(done.stderr)
    if done.returncode not in (0, 3):
        raise RuntimeError(f"taskscaling failed (exit code {done.returncode}): {done.stderr.strip()}")
    if done.returncode == 3:
        warnings.warn(done.stderr.strip(), RuntimeWarning, stacklevel=3)
    return json.loads(done.stdout)


def _error(stderr):
    for line in stderr.splitlines():
        try:
            e = json.loads(line)["error"]
        except (ValueError, KeyError, TypeError):
            continue
        return TaskScalingError(e.get("message", ""), e.get("file"), e.get("line"), e.get("column"), e.get("exitCode", 2))
    return TaskScalingError(stderr.strip())


def frame(records, as_frame):
    """A DataFrame of the records when pandas is installed (as_frame None) or asked for (True); else the records."""
    if as_frame is False:
        return records
    try:
        import pandas
    except ImportError:
        if as_frame:
            raise
        return records
    return pandas.DataFrame.from_records(records)
