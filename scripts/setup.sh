#!/usr/bin/env bash
# Installs everything cursus-lab needs, idempotently: Debian packages, npm packages, the build,
# the demo's data and the project-local Jupyter kernel. Safe to run again; it skips what is done.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(
  python3-pandas python3-sklearn python3-xgboost
  jupyter-core jupyter-client jupyter-nbconvert python3-nbclient python3-nbconvert python3-nbformat python3-jupyter-client python3-ipykernel
  jupyter-notebook
  chromium bubblewrap
)
missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi
node scripts/postinstall.js

echo "setup: building" >&2
node node_modules/typescript/bin/tsc -p tsconfig.build.json
node scripts/bundle-cli.js

/usr/bin/python3 notebooks/demo-pipeline/export_data.py >/dev/null

if [ -f scripts/register-kernel.sh ]; then bash scripts/register-kernel.sh; fi
