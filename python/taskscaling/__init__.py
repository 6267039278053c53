"""Python access to the `taskscaling` command (model ladders and Sloth skill scaling laws).

Every call runs the command with ``--format json`` and returns plain records (lists of dicts) or, when pandas is
installed, DataFrames. Numbers follow the machine-output contract (docs/output.md): accuracies, scores and errors
are fractions; ``params`` and ``tokens`` are raw counts. A user error raises :class:`TaskScalingError` with the
tool's one-line message. The command is ``$TASKSCALING_CLI`` (a command line, e.g. ``dotnet path/TaskScaling.Cli.dll``)
or ``taskscaling`` on PATH.
"""
from ._cli import TaskScalingError, run_json
from . import ladder, skills

__all__ = ["TaskScalingError", "run_json", "ladder", "skills"]
__version__ = "0.1.0"
