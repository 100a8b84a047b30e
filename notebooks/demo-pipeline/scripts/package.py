"""Model packaging for the cursus-lab demo pipeline.

Collects, in a scratch folder under WORKING_DIRECTORY:
  * the files of model_input at the archive root (a model.tar.gz there is unpacked first),
  * the files of calibration_model, when given, under calibration/,
  * the files of inference_scripts_input, when given, under code/,
and writes them as packaged_model/model.tar.gz. Optional inputs arrive as empty folders
when unused, so the script looks for files rather than for keys.
"""

import argparse
import gzip
import os
import shutil
import tarfile
import tempfile
from pathlib import Path

CONTAINER_INPUTS = {
    "model_input": "/opt/ml/processing/input/model",
    "inference_scripts_input": "/opt/ml/processing/input/script",
    "calibration_model": "/opt/ml/processing/input/calibration",
}
CONTAINER_OUTPUTS = {"packaged_model": "/opt/ml/processing/output"}
ENV_DEFAULTS = {"WORKING_DIRECTORY": "/tmp/mims_packaging_directory"}


def log(message: str) -> None:
    print(f"[package] {message}", flush=True)


def files_under(folder: str) -> list:
    root = Path(folder)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []


def unpack(archive: Path, dest: Path) -> None:
    """Unpack regular files and folders only, refusing members that would land outside dest."""
    root = dest.resolve()
    with tarfile.open(archive) as tar:
        members = [m for m in tar.getmembers() if m.isfile() or m.isdir()]
        for member in members:
            if not (root / member.name).resolve().is_relative_to(root):
                raise ValueError(f"{archive}: member {member.name!r} points outside the archive folder")
        tar.extractall(root, members=members)


def copy_files(source: str, dest: Path, unpack_archives: bool = False) -> int:
    count = 0
    for path in files_under(source):
        if unpack_archives and path.name.endswith(".tar.gz"):
            unpack(path, dest)
            log(f"unpacked {path.name}")
        else:
            target = dest / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
        count += 1
    return count


def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
    # Same inputs -> same archive bytes, whoever runs it and whenever.
    info.mtime, info.uid, info.gid, info.uname, info.gname = 0, 0, 0, "", ""
    return info


def main(input_paths: dict, output_paths: dict, environ_vars: dict, job_args: argparse.Namespace) -> list:
    if not files_under(input_paths["model_input"]):
        raise FileNotFoundError(f"model_input {input_paths['model_input']} holds no files")
    working_root = Path(environ_vars.get("WORKING_DIRECTORY") or ENV_DEFAULTS["WORKING_DIRECTORY"])
    working_root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="package-", dir=working_root))
    try:
        log(f"model files: {copy_files(input_paths['model_input'], work, unpack_archives=True)}")
        calibration = copy_files(input_paths["calibration_model"], work / "calibration")
        log(f"calibration files: {calibration}" if calibration else "no calibration model given")
        scripts = copy_files(input_paths["inference_scripts_input"], work / "code")
        log(f"inference script files: {scripts}" if scripts else "no inference scripts given")

        out = Path(output_paths["packaged_model"])
        out.mkdir(parents=True, exist_ok=True)
        archive = out / "model.tar.gz"
        members = sorted(p.relative_to(work).as_posix() for p in work.rglob("*") if p.is_file())
        with gzip.GzipFile(archive, "wb", mtime=0) as zipped, tarfile.open(fileobj=zipped, mode="w") as tar:
            for name in members:
                tar.add(work / name, arcname=name, filter=normalise)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    log(f"wrote {archive} ({archive.stat().st_size} bytes) with {len(members)} member(s):")
    for name in members:
        log(f"  {name}")
    return members


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--job_type", default=None)
    args = parser.parse_args()
    env = {name: os.environ.get(name, default) for name, default in ENV_DEFAULTS.items()}
    main(CONTAINER_INPUTS, CONTAINER_OUTPUTS, env, args)
