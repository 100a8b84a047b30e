"""Model calibration for the cursus-lab demo pipeline (binary scores only).

Reads the prediction files under evaluation_data (CSV/TSV, sub-folders included), fits a
calibrator mapping SCORE_FIELD to the probability of LABEL_FIELD = 1, and writes
  calibration_output/calibration_model.pkl        the fitted calibrator (pickle)
  metrics_output/calibration_metrics.json         Brier score and ECE before and after
  calibrated_data/calibrated_predictions.csv      the input rows plus calibrated_<SCORE_FIELD>
CALIBRATION_METHOD: "isotonic" (IsotonicRegression) or "platt" (logistic regression on the score).
"""

import argparse
import json
import os
import pickle
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss

CONTAINER_INPUTS = {"evaluation_data": "/opt/ml/processing/input/eval_data"}
CONTAINER_OUTPUTS = {
    "calibration_output": "/opt/ml/processing/output/calibration",
    "metrics_output": "/opt/ml/processing/output/metrics",
    "calibrated_data": "/opt/ml/processing/output/calibrated_data",
}
ENV_DEFAULTS = {"CALIBRATION_METHOD": "isotonic", "LABEL_FIELD": "label", "SCORE_FIELD": "prob_class_1", "IS_BINARY": "true"}
METHODS = ("isotonic", "platt")
ECE_BINS = 10


def log(message: str) -> None:
    print(f"[model_calibration] {message}", flush=True)


def load_predictions(folder: str) -> pd.DataFrame:
    files = sorted(p for p in Path(folder).rglob("*") if p.suffix.lower() in (".csv", ".tsv"))
    if not files:
        raise FileNotFoundError(f"no CSV/TSV prediction file under evaluation_data {folder}")
    frames = [pd.read_csv(p, sep="\t" if p.suffix.lower() == ".tsv" else ",") for p in files]
    log(f"read {len(files)} file(s) from {folder}")
    return pd.concat(frames, ignore_index=True)


def expected_calibration_error(y_true: np.ndarray, prob: np.ndarray, bins: int = ECE_BINS) -> float:
    """Share-weighted gap between mean score and observed positive rate over equal-width bins."""
    index = np.minimum((prob * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        in_bin = index == b
        if in_bin.any():
            total += in_bin.mean() * abs(prob[in_bin].mean() - y_true[in_bin].mean())
    return float(total)


def log_odds(scores) -> np.ndarray:
    p = np.clip(np.asarray(scores, dtype=float), 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p)).reshape(-1, 1)


def fit(method: str, scores: np.ndarray, y_true: np.ndarray):
    if method == "isotonic":
        model = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(scores, y_true)
        return model, model.predict
    # Platt scaling: a logistic regression on the score's log-odds (scores are probabilities here).
    model = LogisticRegression(C=1e6).fit(log_odds(scores), y_true)
    return model, lambda s: model.predict_proba(log_odds(s))[:, 1]


def main(input_paths: dict, output_paths: dict, environ_vars: dict, job_args: argparse.Namespace) -> dict:
    method = (environ_vars.get("CALIBRATION_METHOD") or "isotonic").strip().lower()
    if method not in METHODS:
        raise ValueError(f"CALIBRATION_METHOD '{method}' is not supported here; use one of: {', '.join(METHODS)}")
    if (environ_vars.get("IS_BINARY") or "true").strip().lower() != "true":
        raise ValueError("IS_BINARY is false, but this script calibrates binary scores only")
    label = environ_vars.get("LABEL_FIELD") or "label"
    score_field = environ_vars.get("SCORE_FIELD") or "prob_class_1"

    df = load_predictions(input_paths["evaluation_data"])
    missing = [c for c in (label, score_field) if c not in df.columns]
    if missing:
        raise ValueError(f"prediction data lacks column(s) {missing}; columns are {list(df.columns)}")
    df = df.dropna(subset=[label, score_field])
    y_true = df[label].astype(int).to_numpy()
    scores = df[score_field].astype(float).to_numpy()
    log(f"job_type={getattr(job_args, 'job_type', None)}, {len(df)} rows, method {method}")

    model, calibrate = fit(method, scores, y_true)
    calibrated = np.clip(calibrate(scores), 0.0, 1.0)

    out = Path(output_paths["calibration_output"])
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "calibration_model.pkl", "wb") as handle:
        # Platt's model expects log-odds of the score as its single input column.
        feature = "log_odds" if method == "platt" else "score"
        pickle.dump({"method": method, "score_field": score_field, "input": feature, "model": model}, handle)

    metrics = {
        "method": method,
        "num_rows": int(len(df)),
        "brier_score_before": float(brier_score_loss(y_true, scores)),
        "brier_score_after": float(brier_score_loss(y_true, calibrated)),
        "ece_before": expected_calibration_error(y_true, scores),
        "ece_after": expected_calibration_error(y_true, calibrated),
    }
    metrics_dir = Path(output_paths["metrics_output"])
    metrics_dir.mkdir(parents=True, exist_ok=True)
    (metrics_dir / "calibration_metrics.json").write_text(json.dumps(metrics, indent=2))

    data_dir = Path(output_paths["calibrated_data"])
    data_dir.mkdir(parents=True, exist_ok=True)
    df.assign(**{f"calibrated_{score_field}": calibrated}).to_csv(data_dir / "calibrated_predictions.csv", index=False)
    log(
        f"Brier {metrics['brier_score_before']:.4f} -> {metrics['brier_score_after']:.4f}, "
        f"ECE {metrics['ece_before']:.4f} -> {metrics['ece_after']:.4f}"
    )
    return metrics


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--job_type", required=True)
    args = parser.parse_args()
    env = {name: os.environ.get(name, default) for name, default in ENV_DEFAULTS.items()}
    main(CONTAINER_INPUTS, CONTAINER_OUTPUTS, env, args)
