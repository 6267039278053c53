"""Skill scaling laws, Sloth (Maia Polo et al. 2024): `taskscaling skills predict` and `skills fit`."""
from ._cli import Repeated, frame, run_json


def predict(family, params, tokens, as_frame=None, **options):
    """Predicts every benchmark for a model of a family: one record per benchmark (family, params, tokens,
    benchmark, score, lower, upper, actual; scores as fractions).

    params, tokens: raw counts or strings such as "70B", "15T". Other options are the command's (table, model,
    method, d, set, seeds, level, data, ...), written with underscores; table may be a list of files.
    """
    doc = run_json("skills", "predict", family=family, params=params, tokens=tokens, **_tables(options))
    head = {"family": doc["family"], "params": doc["params"], "tokens": doc["tokens"], "method": doc["method"]}
    return frame([{**head, **p} for p in doc["predictions"]], as_frame)


def fit(**options):
    """Fits Sloth basic and Sloth on every complete-case model (`skills fit`): the fit's summary as a dict (training
    MAE as fractions, loadings, correlations, coefficients, family intercepts). out=FILE also saves the model."""
    return run_json("skills", "fit", **_tables(options))


def _tables(options):
    # --table is repeated per file, not given a list after one flag.
    tables = options.pop("table", None)
    if tables is None:
        return options
    return {**options, "table": Repeated([tables] if isinstance(tables, str) else tables)}
