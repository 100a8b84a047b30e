#!/usr/bin/env bash
# Installs the tools compare.bench.ts measures cursus-lab against (Debian's snakemake and make) and
# writes the demo's data set when it is missing.
# Idempotent: a package already installed is left alone, and apt's lists are refreshed only when
# apt does not know a package we need (a fresh image often has empty lists).
set -euo pipefail

sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"

missing=()
for pkg in snakemake make; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

# The demo's no-op rerun needs its data, which is generated, not committed.
here="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -f "$here/notebooks/demo-pipeline/data/training/data.csv" ]; then
  /usr/bin/python3 "$here/notebooks/demo-pipeline/export_data.py" >/dev/null
fi

[ ${#missing[@]} -eq 0 ] && exit 0

unknown=0
for pkg in "${missing[@]}"; do
  apt-cache show "$pkg" >/dev/null 2>&1 || unknown=1
done
if [ "$unknown" -eq 1 ]; then
  echo "bench setup: refreshing apt's package lists" >&2
  $sudo_cmd apt-get update -qq
fi
echo "bench setup: installing ${missing[*]}" >&2
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
