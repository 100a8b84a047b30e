"""Payload samples for the cursus-lab demo pipeline.

Reads the model's input fields from model_input/feature_columns.txt (or from a model.tar.gz
there) and writes one sample inference request per content type in CONTENT_TYPES:
  text/csv          -> payload_sample/payload_text_csv.csv          (one CSV line, model column order)
  application/json  -> payload_sample/payload_application_json.jsonl (one JSON object per line)
plus payload_sample/payload.tar.gz holding all sample files. Field values come from
FIELD_DEFAULTS (a JSON object) or else DEFAULT_NUMERIC_VALUE: the model artifacts carry no
feature statistics. Files given on custom_payload_input are added to the archive as-is.
"""

import argparse
import gzip
import json
import os
import shutil
import tarfile
import tempfile
from pathlib import Path

CONTAINER_INPUTS = {"model_input": "/opt/ml/processing/input/model", "custom_payload_input": "/opt/ml/processing/input/custom_payload"}
CONTAINER_OUTPUTS = {"payload_sample": "/opt/ml/processing/output"}
ENV_DEFAULTS = {
    "CONTENT_TYPES": "application/json",
    "DEFAULT_NUMERIC_VALUE": "0.0",
    "DEFAULT_TEXT_VALUE": "DEFAULT_TEXT",
    "FIELD_DEFAULTS": "{}",
    "WORKING_DIRECTORY": "/tmp/mims_payload_work",
}
COLUMNS_FILE = "feature_columns.txt"


def log(message: str) -> None:
    print(f"[payload] {message}", flush=True)


def read_columns(path: Path) -> list:
    return [line.strip() for line in path.read_text().splitlines() if line.strip()]


def find_feature_columns(model_input: Path, scratch: Path) -> list:
    found = sorted(model_input.rglob(COLUMNS_FILE))
    if found:
        return read_columns(found[0])
    for archive in sorted(model_input.rglob("*.tar.gz")):
        with tarfile.open(archive) as tar:
            member = next((m for m in tar.getmembers() if m.isfile() and Path(m.name).name == COLUMNS_FILE), None)
            if member is not None:
                target = scratch / COLUMNS_FILE
                target.write_bytes(tar.extractfile(member).read())
                log(f"read {COLUMNS_FILE} from {archive.name}")
                return read_columns(target)
    raise FileNotFoundError(f"no {COLUMNS_FILE} (or model.tar.gz holding one) under model_input {model_input}")


def sample_values(columns: list, environ_vars: dict) -> dict:
    default_number = float(environ_vars.get("DEFAULT_NUMERIC_VALUE") or 0.0)
    try:
        overrides = json.loads(environ_vars.get("FIELD_DEFAULTS") or "{}")
    except json.JSONDecodeError as error:
        raise ValueError(f"FIELD_DEFAULTS is not a JSON object: {error}") from error
    if not isinstance(overrides, dict):
        raise ValueError("FIELD_DEFAULTS must be a JSON object mapping field name to value")
    unknown = sorted(set(overrides) - set(columns))
    if unknown:
        log(f"FIELD_DEFAULTS names fields the model does not use (ignored): {unknown}")
    return {c: overrides.get(c, default_number) for c in columns}


def write_sample(content_type: str, values: dict, folder: Path) -> Path:
    if content_type == "text/csv":
        path = folder / "payload_text_csv.csv"
        path.write_text(",".join(str(v) for v in values.values()) + "\n")
    elif content_type == "application/json":
        path = folder / "payload_application_json.jsonl"
        path.write_text(json.dumps(values) + "\n")
    else:
        raise ValueError(f"content type '{content_type}' in CONTENT_TYPES is not one of text/csv, application/json")
    return path


def main(input_paths: dict, output_paths: dict, environ_vars: dict, job_args: argparse.Namespace) -> list:
    working_root = Path(environ_vars.get("WORKING_DIRECTORY") or ENV_DEFAULTS["WORKING_DIRECTORY"])
    working_root.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="payload-", dir=working_root))
    try:
        columns = find_feature_columns(Path(input_paths["model_input"]), scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    log(f"model expects {len(columns)} fields")
    values = sample_values(columns, environ_vars)

    out = Path(output_paths["payload_sample"])
    out.mkdir(parents=True, exist_ok=True)
    content_types = [t.strip() for t in (environ_vars.get("CONTENT_TYPES") or "application/json").split(",") if t.strip()]
    samples = [write_sample(t, values, out) for t in content_types]

    custom_root = Path(input_paths["custom_payload_input"])
    custom = sorted(p for p in custom_root.rglob("*") if p.is_file()) if custom_root.is_dir() else []
    for path in custom:
        target = out / "custom" / path.relative_to(custom_root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        samples.append(target)

    archive = out / "payload.tar.gz"
    with gzip.GzipFile(archive, "wb", mtime=0) as zipped, tarfile.open(fileobj=zipped, mode="w") as tar:
        for path in samples:
            info = tar.gettarinfo(path, arcname=path.relative_to(out).as_posix())
            info.mtime, info.uid, info.gid, info.uname, info.gname = 0, 0, 0, "", ""
            with open(path, "rb") as handle:
                tar.addfile(info, handle)
    names = [p.relative_to(out).as_posix() for p in samples]
    log(f"wrote {archive} with {names}")
    return names


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--job_type", default=None)
    args = parser.parse_args()
    env = {name: os.environ.get(name, default) for name, default in ENV_DEFAULTS.items()}
    main(CONTAINER_INPUTS, CONTAINER_OUTPUTS, env, args)
