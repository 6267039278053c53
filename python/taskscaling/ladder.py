"""Model ladders (Bhagia et al. 2024): `taskscaling ladder predict` and `ladder backtest`."""
from ._cli import frame, run_json


def _targets(target):
    return [target] if isinstance(target, str) else target


def predict(target=None, params=None, tokens=None, flops_per_token=None, tasks=None, as_frame=None, **options):
    """Predicts task accuracies of ladder targets: one record per target and task.

    target: a target name of the ladder ("13B-5T") or a list (default: every target); or params and tokens (raw
    counts, or strings such as "70B", "15T") for a hypothetical target. tasks: a list of task names. Other options
    are the command's (ladder, data, variant, feature, interval, level, resamples, seed, fit, targets, ...), written
    with underscores. Each record holds the target's fields (target, params, tokens, variant, ...) and the task's
    (task, status, predicted, actual, absoluteError, lower, upper, predictedLoss, ...), accuracies as fractions.
    """
    doc = run_json("ladder", "predict", target=_targets(target), params=params, tokens=tokens,
                   flops_per_token=flops_per_token, tasks=tasks, **options)
    records = []
    for t in doc["targets"]:
        head = {k: v for k, v in t.items() if k != "tasks"}
        for task in t["tasks"]:
            records.append({**head, **task})
    return frame(records, as_frame)


def backtest(as_frame=None, **options):
    """Runs `taskscaling ladder backtest` (options as in its --help, with underscores) and returns its records: the
    list of the JSON object's only list of records, else the whole object."""
    doc = run_json("ladder", "backtest", **options)
    lists = [v for v in doc.values() if isinstance(v, list) and all(isinstance(x, dict) for x in v)]
    return frame(lists[0], as_frame) if len(lists) == 1 else doc
