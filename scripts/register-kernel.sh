#!/usr/bin/env bash
# Registers the project-local tslab kernel "cursus-lab" under .jupyter/ (set-up's default; nothing global is
# written). Jupyter finds it only when JUPYTER_PATH includes <project>/.jupyter/share/jupyter (the notebook
# tests and scripts/export-notebook.sh set it):
#   JUPYTER_PATH="$PWD/.jupyter/share/jupyter" jupyter notebook notebooks/
# For a kernel Jupyter finds on its own, run scripts/install-kernel.sh --user (see its --help).
# This one is pinned to this clone (--project), so notebooks outside it, as tests write them, still start here.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

# Notebooks import the compiled adapter (dist/kernel); the forms inline the widget bundle (dist/widgets).
node kernel/build-kernel.js

bash scripts/install-kernel.sh --prefix "$root/.jupyter" --project "$root" 2>/dev/null
echo "setup: registered the Jupyter kernel \"cursus-lab\" in .jupyter/ (use it with JUPYTER_PATH=$root/.jupyter/share/jupyter)" >&2
