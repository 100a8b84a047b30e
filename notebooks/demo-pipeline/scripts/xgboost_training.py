"""XGBoost training for the cursus-lab demo pipeline.

Reads the train and val channels under input_path (CSV/TSV files, sub-folders included),
trains a binary classifier with the settings of hyperparameters_<REGION>.json (the real script's
name and lookup order: the code folder, then the hyperparameters_s3_uri input), and writes:
  model_output/xgboost_model.bst, feature_columns.txt (one feature a line), hyperparameters.json
  evaluation_output/val/predictions.csv (id, label, prob_class_0, prob_class_1) and metrics.json
"""

import argparse
import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.metrics import average_precision_score, roc_auc_score

CONTAINER_INPUTS = {
    "input_path": "/opt/ml/input/data",
    "hyperparameters_s3_uri": "/opt/ml/code/hyperparams",
    "model_artifacts_input": "/opt/ml/input/data/model_artifacts_input",
}
CONTAINER_OUTPUTS = {"model_output": "/opt/ml/model", "evaluation_output": "/opt/ml/output/data"}
# As in cursus, the training script gets only these env vars; its settings come from hyperparameters.json.
ENV_DEFAULTS = {
    "REGION": "NA", "USE_SECURE_PYPI": "false", "USE_PRECOMPUTED_IMPUTATION": "false",
    "USE_PRECOMPUTED_RISK_TABLES": "false", "USE_PRECOMPUTED_FEATURES": "false",
}
REQUIRED_KEYS = ("tab_field_list", "label_name", "id_name")
CODE_HYPERPARAMS = "/opt/ml/code/hyperparams"
SEED = 42


def log(message: str) -> None:
    print(f"[xgboost_training] {message}", flush=True)


def read_channel(root: Path, channel: str) -> pd.DataFrame:
    files = sorted(p for p in (root / channel).rglob("*") if p.suffix.lower() in (".csv", ".tsv"))
    if not files:
        raise FileNotFoundError(f"no CSV/TSV file in the '{channel}' channel ({root / channel})")
    frames = [pd.read_csv(p, sep="\t" if p.suffix.lower() == ".tsv" else ",") for p in files]
    df = pd.concat(frames, ignore_index=True)
    log(f"{channel}: {len(df)} rows from {len(files)} file(s)")
    return df


def hyperparameters_file(environ_vars: dict, hyperparameters_input: str) -> Path:
    """The real script's order: hyperparameters_<REGION>.json for NA/EU/FE (else hyperparameters.json),
    first in the code folder, then in the hyperparameters_s3_uri input."""
    region = (environ_vars.get("REGION") or "").upper()
    name = f"hyperparameters_{region}.json" if region in ("NA", "EU", "FE") else "hyperparameters.json"
    in_code = Path(CODE_HYPERPARAMS) / name
    if in_code.exists():
        return in_code
    given = Path(hyperparameters_input)
    return given if given.name == name else given / name


def load_settings(environ_vars: dict, hyperparameters_input: str) -> dict:
    path = hyperparameters_file(environ_vars, hyperparameters_input)
    if not path.exists():
        raise FileNotFoundError(f"hyperparameters file not found: {path}")
    settings = json.loads(path.read_text())
    missing = [key for key in REQUIRED_KEYS if key not in settings]
    if missing:
        raise ValueError(f"{path} lacks required keys: {missing}")
    log(f"hyperparameters from {path}")
    return settings


def feature_columns(df: pd.DataFrame, settings: dict) -> list:
    listed = list(settings["tab_field_list"])
    if listed:
        missing = [c for c in listed if c not in df.columns]
        if missing:
            raise ValueError(f"tab_field_list names columns missing from the training data: {missing}")
        return listed
    skip = {settings["label_name"], settings["id_name"]}
    return [c for c in df.columns if c not in skip and pd.api.types.is_numeric_dtype(df[c])]


def main(input_paths: dict, output_paths: dict, environ_vars: dict, job_args: argparse.Namespace) -> dict:
    settings = load_settings(environ_vars, input_paths["hyperparameters_s3_uri"])
    label, id_field = settings["label_name"], settings["id_name"]
    root = Path(input_paths["input_path"])
    train, val = read_channel(root, "train"), read_channel(root, "val")
    for name, df in (("train", train), ("val", val)):
        if label not in df.columns:
            raise ValueError(f"label_name '{label}' is not a column of the {name} data")
    features = feature_columns(train, settings)
    log(f"job_type={getattr(job_args, 'job_type', None)}, {len(features)} features, label '{label}'")

    params = {
        "objective": settings.get("objective", "binary:logistic"),
        "max_depth": int(settings.get("max_depth", 6)),
        "eta": float(settings.get("eta", 0.3)),
        "eval_metric": "auc",
        "seed": SEED,
    }
    num_round = int(settings.get("num_round", 100))
    dtrain = xgb.DMatrix(train[features].astype(float), label=train[label], feature_names=features)
    dval = xgb.DMatrix(val[features].astype(float), label=val[label], feature_names=features)
    booster = xgb.train(params, dtrain, num_boost_round=num_round, evals=[(dval, "val")], verbose_eval=False)
    log(f"trained {num_round} rounds with {params}")

    model_dir = Path(output_paths["model_output"])
    model_dir.mkdir(parents=True, exist_ok=True)
    booster.save_model(str(model_dir / "xgboost_model.bst"))
    (model_dir / "feature_columns.txt").write_text("".join(f"{c}\n" for c in features))
    hyperparameters = {
        "label_name": label, "id_name": id_field, "tab_field_list": features,
        "num_round": num_round, **params,
    }
    (model_dir / "hyperparameters.json").write_text(json.dumps(hyperparameters, indent=2))

    prob = booster.predict(dval)
    ids = val[id_field] if id_field in val.columns else pd.Series(np.arange(len(val)), name=id_field)
    predictions = pd.DataFrame({
        id_field: ids.values, label: val[label].values,
        "prob_class_0": 1.0 - prob, "prob_class_1": prob,
    })
    eval_dir = Path(output_paths["evaluation_output"]) / "val"
    eval_dir.mkdir(parents=True, exist_ok=True)
    predictions.to_csv(eval_dir / "predictions.csv", index=False)
    metrics = {
        "auc_roc": float(roc_auc_score(val[label], prob)),
        "average_precision": float(average_precision_score(val[label], prob)),
        "num_rows": int(len(val)),
        "num_round": num_round,
    }
    (eval_dir / "metrics.json").write_text(json.dumps(metrics, indent=2))
    log(f"val AUC {metrics['auc_roc']:.4f}, AP {metrics['average_precision']:.4f}")
    return metrics


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--job_type", default="training")
    args = parser.parse_args()
    env = {name: os.environ.get(name, default) for name, default in ENV_DEFAULTS.items()}
    main(CONTAINER_INPUTS, CONTAINER_OUTPUTS, env, args)
