"""Skill scaling laws, Sloth (Maia Polo et al. 2024): `taskscaling skills predict` and `skills fit`."""
from ._cli import Repeated, frame, run_json


def predict(family=None, params=None, tokens=None, as_frame=None, **options):
    """Predicts every benchmark for a model of a family: one record per target and benchmark (family, params,
    tokens, benchmark, score, lower, upper, actual; scores as fractions).

    params, tokens: raw counts or strings such as "70B", "15T"; or targets="targets.csv" (columns family, params,
    tokens) for many models in one run. Other options are the command's (table, model, method, d, set,
    benchmarks, seeds, level, data, ...), written with underscores; table and benchmarks may be lists.
    """
    doc = run_json("skills", "predict", family=family, params=params, tokens=tokens, **_tables(options))
    return frame([{"family": t["family"], "params": t["params"], "tokens": t["tokens"], "method": t["method"], **p}
                  for t in doc["targets"] for p in t["predictions"]], as_frame)


def fit(**options):
    """Fits Sloth basic and Sloth on every complete-case model (`skills fit`): the fit's summary as a dict (training
    MAE as fractions, loadings, correlations, coefficients, family intercepts). out=FILE also saves the model;
    benchmarks=[...] fits on a subset (in that order) instead of set."""
    return run_json("skills", "fit", **_tables(options))


def _tables(options):
    # --table is repeated per file, not given a list after one flag.
    tables = options.pop("table", None)
    if tables is None:
        return options
    return {**options, "table": Repeated([tables] if isinstance(tables, str) else tables)}
