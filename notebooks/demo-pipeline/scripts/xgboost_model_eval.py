"""XGBoost model evaluation for the cursus-lab demo pipeline.

Loads xgboost_model.bst and feature_columns.txt from model_input (or from a model.tar.gz
inside it), scores every CSV/TSV file under processed_data (sub-folders included) and writes
  eval_output/eval_predictions.csv   (id, label, prob_class_0, prob_class_1)
  metrics_output/metrics.json        (auc_roc, average_precision, f1_score, ...)
"""

import argparse
import json
import os
import tarfile
import tempfile
from pathlib import Path

import pandas as pd
import xgboost as xgb
from sklearn.metrics import average_precision_score, f1_score, roc_auc_score

CONTAINER_INPUTS = {"model_input": "/opt/ml/processing/input/model", "processed_data": "/opt/ml/processing/input/eval_data"}
CONTAINER_OUTPUTS = {"eval_output": "/opt/ml/processing/output/eval", "metrics_output": "/opt/ml/processing/output/metrics"}
ENV_DEFAULTS = {"ID_FIELD": "id", "LABEL_FIELD": "label"}
MODEL_FILE = "xgboost_model.bst"
THRESHOLD = 0.5


def log(message: str) -> None:
    print(f"[xgboost_model_eval] {message}", flush=True)


def safe_extract(archive: Path, dest: Path) -> None:
    """Unpack regular files and folders only, refusing members that would land outside dest."""
    root = dest.resolve()
    with tarfile.open(archive) as tar:
        members = [m for m in tar.getmembers() if m.isfile() or m.isdir()]
        for member in members:
            if not (root / member.name).resolve().is_relative_to(root):
                raise ValueError(f"{archive}: member {member.name!r} points outside the archive folder")
        tar.extractall(root, members=members)


def find_model_dir(model_input: Path, scratch: Path) -> Path:
    """The folder holding the model file: model_input itself, a sub-folder, or an unpacked archive."""
    found = sorted(model_input.rglob(MODEL_FILE))
    if found:
        return found[0].parent
    for archive in sorted(model_input.rglob("*.tar.gz")):
        safe_extract(archive, scratch)
        found = sorted(scratch.rglob(MODEL_FILE))
        if found:
            log(f"unpacked {archive.name}")
            return found[0].parent
    raise FileNotFoundError(f"no {MODEL_FILE} (or model.tar.gz holding one) under model_input {model_input}")


def load_model(model_input: str, scratch: Path):
    model_dir = find_model_dir(Path(model_input), scratch)
    booster = xgb.Booster()
    booster.load_model(str(model_dir / MODEL_FILE))
    columns_file = model_dir / "feature_columns.txt"
    if columns_file.is_file():
        features = [line.strip() for line in columns_file.read_text().splitlines() if line.strip()]
    else:
        features = list(booster.feature_names or [])
    if not features:
        raise ValueError(f"cannot tell the model's feature columns: no feature_columns.txt in {model_dir}")
    log(f"loaded model from {model_dir} ({len(features)} features)")
    return booster, features


def load_data(folder: str) -> pd.DataFrame:
    files = sorted(p for p in Path(folder).rglob("*") if p.suffix.lower() in (".csv", ".tsv"))
    if not files:
        raise FileNotFoundError(f"no CSV/TSV file under processed_data {folder}")
    frames = [pd.read_csv(p, sep="\t" if p.suffix.lower() == ".tsv" else ",") for p in files]
    log(f"read {len(files)} file(s) from {folder}")
    return pd.concat(frames, ignore_index=True)


def main(input_paths: dict, output_paths: dict, environ_vars: dict, job_args: argparse.Namespace) -> dict:
    id_field = environ_vars.get("ID_FIELD") or "id"
    label = environ_vars.get("LABEL_FIELD") or "label"
    with tempfile.TemporaryDirectory() as scratch:
        booster, features = load_model(input_paths["model_input"], Path(scratch))
    df = load_data(input_paths["processed_data"])
    missing = [c for c in [label, *features] if c not in df.columns]
    if missing:
        raise ValueError(f"evaluation data lacks column(s) {missing[:10]} (LABEL_FIELD='{label}')")
    log(f"job_type={getattr(job_args, 'job_type', None)}, scoring {len(df)} rows")

    prob = booster.predict(xgb.DMatrix(df[features].astype(float), feature_names=features))
    ids = df[id_field] if id_field in df.columns else pd.Series(range(len(df)))
    predictions = pd.DataFrame({
        id_field: ids.values, label: df[label].values,
        "prob_class_0": 1.0 - prob, "prob_class_1": prob,
    })
    eval_dir = Path(output_paths["eval_output"])
    eval_dir.mkdir(parents=True, exist_ok=True)
    predictions.to_csv(eval_dir / "eval_predictions.csv", index=False)

    y_true = df[label].astype(int)
    metrics = {
        "auc_roc": float(roc_auc_score(y_true, prob)),
        "average_precision": float(average_precision_score(y_true, prob)),
        "f1_score": float(f1_score(y_true, (prob >= THRESHOLD).astype(int))),
        "threshold": THRESHOLD,
        "num_rows": int(len(df)),
        "positive_rate": float(y_true.mean()),
    }
    metrics_dir = Path(output_paths["metrics_output"])
    metrics_dir.mkdir(parents=True, exist_ok=True)
    (metrics_dir / "metrics.json").write_text(json.dumps(metrics, indent=2))
    log(f"AUC {metrics['auc_roc']:.4f}, AP {metrics['average_precision']:.4f}, F1 {metrics['f1_score']:.4f}")
    return metrics


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--job_type", required=True)
    args = parser.parse_args()
    env = {name: os.environ.get(name, default) for name, default in ENV_DEFAULTS.items()}
    main(CONTAINER_INPUTS, CONTAINER_OUTPUTS, env, args)
