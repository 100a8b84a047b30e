"""Tabular preprocessing for the cursus-lab demo pipeline.

Reads every CSV/TSV/Parquet file under the DATA input (sub-folders included),
turns the label column (LABEL_FIELD) into integers, drops rows without a label, then:
  * job type "training": stratified split into train/val/test
    (TRAIN_RATIO of the rows for train; TEST_VAL_RATIO of the rest for val, the remainder for test),
    written to processed_data/<split>/<split>_processed_data.<ext>;
  * any other job type: one file, processed_data/<job_type>/<job_type>_processed_data.<ext>.
"""

import argparse
import os
from pathlib import Path

import pandas as pd
from sklearn.model_selection import train_test_split

CONTAINER_INPUTS = {
    "DATA": "/opt/ml/processing/input/data",
    "DATA_SECONDARY": "/opt/ml/processing/input/data_secondary",
    "SIGNATURE": "/opt/ml/processing/input/signature",
}
CONTAINER_OUTPUTS = {"processed_data": "/opt/ml/processing/output"}
ENV_DEFAULTS = {"LABEL_FIELD": "", "TRAIN_RATIO": "0.7", "TEST_VAL_RATIO": "0.5", "OUTPUT_FORMAT": "CSV"}
READERS = {".csv": ",", ".tsv": "\t", ".parquet": None}
SPLIT_SEED = 42


def log(message: str) -> None:
    print(f"[tabular_preprocessing] {message}", flush=True)


def data_files(folder: str) -> list:
    root = Path(folder)
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in READERS)


def read_table(path: Path) -> pd.DataFrame:
    if path.suffix.lower() == ".parquet":
        try:
            return pd.read_parquet(path)
        except ImportError as error:
            raise RuntimeError(f"reading {path} needs pyarrow or fastparquet: {error}") from error
    return pd.read_csv(path, sep=READERS[path.suffix.lower()])


def load_data(folder: str) -> pd.DataFrame:
    files = data_files(folder)
    if not files:
        raise FileNotFoundError(f"no .csv/.tsv/.parquet file under DATA input {folder}")
    frames = [read_table(path) for path in files]
    log(f"read {len(files)} file(s) from {folder}")
    df = pd.concat(frames, ignore_index=True)
    # Cradle exports escape dots in column names; restore them.
    df.columns = [str(c).replace("__DOT__", ".") for c in df.columns]
    return df


def clean_label(df: pd.DataFrame, label: str) -> pd.DataFrame:
    if not label:
        raise ValueError("LABEL_FIELD is empty: set it (config field label_name) to the label column")
    if label not in df.columns:
        shown = ", ".join(map(str, df.columns[:20]))
        raise ValueError(f"LABEL_FIELD '{label}' is not a column of the input data (columns: {shown})")
    values = df[label]
    numeric = pd.to_numeric(values, errors="coerce")
    if numeric.notna().sum() < values.notna().sum():
        # Text labels: number the distinct values in sorted order.
        codes = {v: i for i, v in enumerate(sorted(values.dropna().astype(str).unique()))}
        log(f"label '{label}' is text; codes {codes}")
        numeric = values.map(lambda v: codes.get(str(v)) if pd.notna(v) else None)
    df = df.assign(**{label: numeric}).dropna(subset=[label])
    dropped = len(values) - len(df)
    if dropped:
        log(f"dropped {dropped} row(s) without a label")
    return df.astype({label: int})


def split(df: pd.DataFrame, label: str, train_ratio: float, test_val_ratio: float) -> dict:
    stratify = df[label] if df[label].value_counts().min() >= 2 else None
    train, holdout = train_test_split(df, train_size=train_ratio, random_state=SPLIT_SEED, stratify=stratify)
    stratify = holdout[label] if holdout[label].value_counts().min() >= 2 else None
    test, val = train_test_split(holdout, test_size=test_val_ratio, random_state=SPLIT_SEED, stratify=stratify)
    return {"train": train, "val": val, "test": test}


def write(df: pd.DataFrame, folder: Path, name: str, output_format: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    fmt = output_format.upper()
    if fmt == "CSV":
        path = folder / f"{name}_processed_data.csv"
        df.to_csv(path, index=False)
    elif fmt == "TSV":
        path = folder / f"{name}_processed_data.tsv"
        df.to_csv(path, index=False, sep="\t")
    elif fmt == "PARQUET":
        path = folder / f"{name}_processed_data.parquet"
        df.to_parquet(path, index=False)
    else:
        raise ValueError(f"OUTPUT_FORMAT '{output_format}' is not one of CSV, TSV, PARQUET")
    log(f"wrote {path} ({len(df)} rows)")
    return path


def main(input_paths: dict, output_paths: dict, environ_vars: dict, job_args: argparse.Namespace) -> dict:
    job_type = job_args.job_type
    label = environ_vars.get("LABEL_FIELD", "")
    output_format = environ_vars.get("OUTPUT_FORMAT") or "CSV"
    for optional in ("DATA_SECONDARY", "SIGNATURE"):
        if any(Path(input_paths[optional]).glob("*")):
            log(f"note: optional input {optional} has files; this demo script does not use them")

    df = clean_label(load_data(input_paths["DATA"]), label)
    log(f"{len(df)} rows, {df.shape[1]} columns, label counts {df[label].value_counts().to_dict()}")

    out = Path(output_paths["processed_data"])
    if job_type == "training":
        train_ratio = float(environ_vars.get("TRAIN_RATIO") or 0.7)
        test_val_ratio = float(environ_vars.get("TEST_VAL_RATIO") or 0.5)
        parts = split(df, label, train_ratio, test_val_ratio)
    else:
        parts = {job_type: df}
    return {name: str(write(part, out / name, name, output_format)) for name, part in parts.items()}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--job_type", required=True)
    args = parser.parse_args()
    env = {name: os.environ.get(name, default) for name, default in ENV_DEFAULTS.items()}
    main(CONTAINER_INPUTS, CONTAINER_OUTPUTS, env, args)
