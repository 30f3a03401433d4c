#!/usr/bin/env bash
# What the ML workflow checks cost, with hyperfine (medians from one run, printed at the end):
#   pre-commit   `preflight run pre-commit` on 1,000 staged plain .py files and 20
#                notebooks paired with percent scripts (in sync), default rules,
#                against the same run with SKIP=identity,jupytext-pairs
#   post-checkout  the post-checkout hook for a branch switch that deleted 1,000
#                .py files (their .pyc files present), against SKIP of the
#                post-checkout steps (the .pyc files are put back before each run)
#
# usage: bench/ml_checks.sh [BUILD_DIR]   (default: build-release, then build)
set -euo pipefail
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$source_dir/bench/lib.sh"
bench_build "${1:-}"
preflight=$build/bin/preflight

bench_scratch

git init -q "$work/repo"
cd "$work/repo"
git commit -q --allow-empty -m "chore: start"
mkdir -p src notebooks
for i in $(seq 1 1000); do printf 'import os\nx = %d\n' "$i" > "src/mod$i.py"; done
python3 - <<'PY'
import json
for i in range(20):
    nb = {"cells": [{"cell_type": "markdown", "id": "m", "metadata": {}, "source": "# Run %d" % i},
                    {"cell_type": "code", "execution_count": None, "id": "c", "metadata": {},
                     "outputs": [], "source": "import torch\nx = torch.ones(%d)" % i}],
          "metadata": {"jupytext": {"formats": "ipynb,py:percent"},
                       "kernelspec": {"display_name": "Python 3", "language": "python",
                                      "name": "python3"}},
          "nbformat": 4, "nbformat_minor": 5}
    json.dump(nb, open("notebooks/run%d.ipynb" % i, "w"), indent=1)
    open("notebooks/run%d.py" % i, "w").write(
        "# ---\n# jupyter:\n#   jupytext:\n#     formats: ipynb,py:percent\n# ---\n\n"
        "# %%%% [markdown]\n# # Run %d\n\n# %%%%\nimport torch\nx = torch.ones(%d)\n" % (i, i))
PY
git add -A
"$preflight" run pre-commit >/dev/null 2>&1 || { echo "the staged files do not pass" >&2; exit 1; }
echo "== pre-commit: 1,000 .py files and 20 jupytext pairs staged"
hyperfine -N --warmup 3 --runs 30 --export-json "$work/pre-commit.json" \
  -n "default rules" "$preflight run pre-commit" \
  -n "SKIP=identity,jupytext-pairs" "env SKIP=identity,jupytext-pairs $preflight run pre-commit"

git commit -q -m "feat: modules"
old=$(git rev-parse HEAD)
git rm -q -r src && git commit -q -m "refactor: drop modules"
new=$(git rev-parse HEAD)
restore_pyc() {
  mkdir -p src/__pycache__
  for i in $(seq 1 1000); do : > "src/__pycache__/mod$i.cpython-311.pyc"; done
}
export -f restore_pyc
echo "== post-checkout: a switch that deleted 1,000 .py files with .pyc files present"
hook=$build/libexec/preflight/post-checkout
hyperfine -N --warmup 2 --runs 20 --prepare "bash -c restore_pyc" --export-json "$work/post-checkout.json" \
  -n "clean_pycache" "$hook $old $new 1" \
  -n "SKIP=clean-pycache" "env SKIP=clean-pycache $hook $old $new 1"

python3 - "$work/pre-commit.json" "$work/post-checkout.json" <<'PY'
import json, sys
print("\nmedians (ms):")
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        print(f"  {r['command']:32s} {r['median'] * 1000:8.1f}")
PY
