#!/usr/bin/env bash
# Executes a notebook with the project-local tslab kernel and writes it as HTML (for documentation):
#   bash scripts/export-notebook.sh notebooks/03-run.ipynb [out.html]
# Default output: docs/notebooks/<name>.html. Extra flags go to scripts/export-notebook.py
# (--executed FILE.ipynb, --allow-errors, --timeout SECONDS, --workspace EMPTY_DIR). Exit status 1 if a cell failed.
# It runs in a fresh temporary workspace (never the project's .cursus-lab cache), titles the page by the
# notebook's first heading, loads nothing from file:// and writes paths relative to the project.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
notebook="${1:?usage: export-notebook.sh NOTEBOOK.ipynb [OUT.html] [flags]}"
shift
out="docs/notebooks/$(basename "${notebook%.ipynb}").html"
if [ $# -gt 0 ] && [[ "$1" != --* ]]; then out="$1"; shift; fi
if [ ! -f "$root/.jupyter/share/jupyter/kernels/cursus-lab/kernel.json" ]; then
  echo "export-notebook: the cursus-lab kernel is not registered; run: bash scripts/setup.sh" >&2
  exit 2
fi
# Only the project's kernel spec and a project-local runtime folder: nothing is written outside the project.
export JUPYTER_PATH="$root/.jupyter/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
export JUPYTER_RUNTIME_DIR="${JUPYTER_RUNTIME_DIR:-$root/.jupyter/runtime}"
export PYDEVD_DISABLE_FILE_VALIDATION=1
exec /usr/bin/python3 "$root/scripts/export-notebook.py" "$notebook" --html "$out" "$@"
