#!/usr/bin/env bash
# Registers a project-local tslab kernel named "cursus-lab"; nothing global is written. Jupyter finds it
# only when JUPYTER_PATH includes <project>/.jupyter/share/jupyter (the notebook tests and
# scripts/export-notebook.sh set it):
#   JUPYTER_PATH="$PWD/.jupyter/share/jupyter" jupyter notebook notebooks/
# `tslab install` is not used: it looks for Jupyter in the first python3 on PATH, which may lack it.
# Safe to run again, and concurrently (test workers do): every file is replaced in one rename.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
node_bin="$(command -v node)"

# Notebooks import the compiled adapter (dist/kernel); the forms inline the widget bundle (dist/widgets).
"$node_bin" kernel/build-kernel.js

kernel_dir="$root/.jupyter/share/jupyter/kernels/cursus-lab"
mkdir -p "$kernel_dir"

# tslab imports only files under its working folder, and Jupyter starts kernels in the notebook's folder:
# the wrapper moves to the project root first. Absolute paths, regenerated on every set-up.
wrapper_tmp="$kernel_dir/start-kernel.sh.$$"
printf '#!/usr/bin/env bash\ncd %q || exit 1\nexec %q %q kernel --config-path "$1"\n' \
  "$root" "$node_bin" "$root/node_modules/tslab/bin/tslab" >"$wrapper_tmp"
chmod +x "$wrapper_tmp"
mv -f "$wrapper_tmp" "$kernel_dir/start-kernel.sh"

"$node_bin" -e '
const fs = require("node:fs");
const [file, wrapper] = process.argv.slice(1);
const spec = { argv: [wrapper, "{connection_file}"], display_name: "TypeScript (cursus-lab)", language: "typescript" };
fs.writeFileSync(`${file}.${process.pid}`, JSON.stringify(spec, null, 2) + "\n");
fs.renameSync(`${file}.${process.pid}`, file);
' "$kernel_dir/kernel.json" "$kernel_dir/start-kernel.sh"

echo "setup: registered the Jupyter kernel \"cursus-lab\" in .jupyter/ (use it with JUPYTER_PATH=$root/.jupyter/share/jupyter)" >&2
