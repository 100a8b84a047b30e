#!/usr/bin/env bash
# Installs the tslab kernel "cursus-lab" where Jupyter looks, like `ipykernel install`:
#   scripts/install-kernel.sh [--user | --sys-prefix | --prefix DIR] [--name NAME] [--display-name TEXT] [--project DIR]
#   --user        the user's Jupyter data folder (`jupyter --data-dir`, usually ~/.local/share/jupyter): the default
#   --sys-prefix  the share/jupyter folder of the Python that runs Jupyter (a virtualenv or conda env)
#   --prefix DIR  DIR/share/jupyter (then Jupyter needs JUPYTER_PATH=DIR/share/jupyter)
#   --project DIR always start the kernel in DIR; without it the kernel finds its project at start-up
# The launcher names no clone: tslab imports only files under its working folder, so at start-up it walks up
# from the folder Jupyter starts it in (the notebook's) to the first one holding node_modules/tslab.
# `tslab install` is not used: it looks for Jupyter in the first python3 on PATH, which may lack it.
# Safe to run again, and concurrently (test workers do): every file is replaced in one rename.
set -euo pipefail

where="user" prefix="" name="cursus-lab" display="TypeScript (cursus-lab)" project=""
while [ $# -gt 0 ]; do
  case "$1" in
    --user) where="user" ;;
    --sys-prefix) where="sys-prefix" ;;
    --prefix) where="prefix"; prefix="${2:?--prefix needs a folder}"; shift ;;
    --name) name="${2:?--name needs a name}"; shift ;;
    --display-name) display="${2:?--display-name needs a text}"; shift ;;
    --project) project="$(cd "${2:?--project needs a folder}" && pwd)"; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install-kernel: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
case "$name" in *[!A-Za-z0-9._-]*|"") echo "install-kernel: --name may hold letters, digits, '.', '_' and '-' only" >&2; exit 2 ;; esac

case "$where" in
  user) data_dir="$(jupyter --data-dir)" ;;
  sys-prefix)
    # The Python that runs Jupyter is the one on jupyter's shebang line, not the first python3 on PATH.
    jupyter_python="$(head -1 "$(command -v jupyter)" | sed 's/^#! *//; s/ .*$//')"
    data_dir="$("$jupyter_python" -c 'import sys; print(sys.prefix)')/share/jupyter" ;;
  prefix) mkdir -p "$prefix"; data_dir="$(cd "$prefix" && pwd)/share/jupyter" ;;
esac
kernel_dir="$data_dir/kernels/$name"
mkdir -p "$kernel_dir"
node_at_install="$(command -v node)"

launcher_tmp="$kernel_dir/start-kernel.sh.$$"
cat >"$launcher_tmp" <<LAUNCHER
#!/usr/bin/env bash
# Written by cursus-lab's scripts/install-kernel.sh. Starts tslab in the project that holds the notebook:
# CURSUS_LAB_PROJECT when set, else the nearest folder, from the notebook's upward, with node_modules/tslab.
project="\${CURSUS_LAB_PROJECT:-}"
if [ -z "\$project" ]; then
  dir="\$PWD"
  while :; do
    if [ -f "\$dir/node_modules/tslab/bin/tslab" ]; then project="\$dir"; break; fi
    [ "\$dir" = "/" ] && break
    dir="\$(dirname "\$dir")"
  done
fi
if [ -z "\$project" ] || [ ! -f "\$project/node_modules/tslab/bin/tslab" ]; then
  echo "cursus-lab kernel: no node_modules/tslab in \${project:-\$PWD} or above it. Open the notebook inside a project where cursus-lab and tslab are installed (npm install cursus-lab tslab), or set CURSUS_LAB_PROJECT." >&2
  exit 1
fi
# A Jupyter started from a desktop may not have node on PATH: fall back to the one that installed the kernel.
node_bin="\$(command -v node || true)"
[ -n "\$node_bin" ] || node_bin=$(printf '%q' "$node_at_install")
cd "\$project" || exit 1
exec "\$node_bin" node_modules/tslab/bin/tslab kernel --config-path "\$1"
LAUNCHER
chmod +x "$launcher_tmp"
mv -f "$launcher_tmp" "$kernel_dir/start-kernel.sh"

# {resource_dir} is the kernelspec's own folder, so the spec keeps working if Jupyter's folders move.
node -e '
const fs = require("node:fs");
const [file, display, project] = process.argv.slice(1);
const spec = { argv: ["bash", "{resource_dir}/start-kernel.sh", "{connection_file}"], display_name: display, language: "typescript" };
if (project !== "") spec.env = { CURSUS_LAB_PROJECT: project };
fs.writeFileSync(`${file}.${process.pid}`, JSON.stringify(spec, null, 2) + "\n");
fs.renameSync(`${file}.${process.pid}`, file);
' "$kernel_dir/kernel.json" "$display" "$project"

echo "install-kernel: installed the Jupyter kernel \"$name\" in $kernel_dir" >&2
