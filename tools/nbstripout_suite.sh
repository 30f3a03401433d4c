#!/usr/bin/env bash
# Runs nbstripout's own test suite (kynan/nbstripout, tests/) against
# `preflight nbstrip`: a shim called `nbstripout` that runs
# `preflight nbstrip "$@"` goes first on PATH (the tests run the command by that
# name, or $NBSTRIPOUT_EXE), and pytest runs the files that drive the command
# line or git. The files that import nbstripout's Python functions test those
# functions, not the command, so they cannot apply; they are listed, not run.
#
# usage: NBSTRIPOUT_SRC=/path/to/nbstripout tools/nbstripout_suite.sh [PYTEST ARGS...]
#   NBSTRIPOUT_SRC  a checkout of nbstripout (kept out of this repository)
#   PREFLIGHT       the preflight binary (default: build/bin/preflight)
#   PYTHON          the Python with pytest and nbformat (default: /usr/bin/python3;
#                   Debian's python3-pytest and python3-nbformat, installed with
#                   apt-get when missing and we are root)
# Exits 0 when every test that applies passed, 1 otherwise, 2 on a bad set-up.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
src=${NBSTRIPOUT_SRC:?set NBSTRIPOUT_SRC to a checkout of nbstripout}
src=$(cd "$src" && pwd)
preflight=$(realpath "${PREFLIGHT:-build/bin/preflight}")
python=${PYTHON:-/usr/bin/python3}
[ -x "$preflight" ] || { echo "nbstripout_suite.sh: no preflight binary at $preflight" >&2; exit 2; }
[ -d "$src/tests" ] || { echo "nbstripout_suite.sh: $src has no tests/ folder" >&2; exit 2; }
if ! "$python" -c 'import pytest, nbformat' 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "nbstripout_suite.sh: installing python3-pytest python3-nbformat (Debian)" >&2
    apt-get install -y -qq python3-pytest python3-nbformat >/dev/null
  fi
  "$python" -c 'import pytest, nbformat' ||
    { echo "nbstripout_suite.sh: $python lacks pytest or nbformat" >&2; exit 2; }
fi

# The command line and git: these run `nbstripout` as a program.
applies=(tests/test_end_to_end.py tests/test_git_integration.py
  tests/test_diff_from_bash_subshells.py)
# These import nbstripout's Python functions (strip_output, pop_recursive).
python_only=(tests/test_utils.py tests/test_output_types.py tests/test_keep_output_tags.py)
# Run, and expected to fail: they assert nbstripout's own set-up text, the
# `"<python>" -m nbstripout` commands under filter.nbstripout / diff.ipynb and
# `*.ipynb filter=nbstripout` lines, while `preflight nbstrip --install` sets up
# preflight's filter (filter.preflight-nbstrip, as `preflight install` does;
# docs/notebooks.md). Anything else failing fails this script.
departures=(tests/test_git_integration.py::test_install
  tests/test_git_integration.py::test_install_different_python
  tests/test_git_integration.py::test_status)

work=$(mktemp -d "${TMPDIR:-/tmp}/preflight-nbstripout-suite.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/home"
printf '#!/bin/sh\nexec "%s" nbstrip "$@"\n' "$preflight" >"$work/bin/nbstripout"
chmod +x "$work/bin/nbstripout"

# Like the integration tests: no git or preflight settings of the caller's.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_CONFIG_PARAMETERS GIT_CONFIG_COUNT
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" GIT_CONFIG_NOSYSTEM=1
export PATH="$work/bin:$PATH" NBSTRIPOUT_EXE=nbstripout PYTHONDONTWRITEBYTECODE=1
git config --global user.name "nbstripout suite"
git config --global user.email "suite@example.org"
git config --global init.defaultBranch main

echo "nbstripout: $(git -C "$src" describe --tags --always 2>/dev/null || echo "$src")"
echo "preflight:  $("$preflight" version)"
echo "not applicable (they import nbstripout's Python functions):"
(cd "$src" && "$python" -m pytest -p no:cacheprovider -o addopts='' --collect-only -q \
  "${python_only[@]}" 2>/dev/null | grep '::' | sed 's/^/  /') || true

cd "$src"
# pytest.ini adds --ruff (pytest-ruff, not in Debian): addopts are cleared.
status=0
"$python" -m pytest -p no:cacheprovider -o addopts='' -q -rfE "${applies[@]}" "$@" \
  | tee "$work/pytest.log" || status=$?
passed=$(grep -Eo '[0-9]+ passed' "$work/pytest.log" | tail -1 | cut -d' ' -f1)
failed=$(grep -Eo '[0-9]+ failed' "$work/pytest.log" | tail -1 | cut -d' ' -f1)
echo "nbstripout suite (command line and git): ${passed:-0} passed, ${failed:-0} failed"
unexpected=0
while read -r test; do
  case " ${departures[*]} " in
  *" $test "*) echo "  expected departure: $test" ;;
  *) echo "  UNEXPECTED failure: $test"; unexpected=1 ;;
  esac
done < <(grep -Eo '^(FAILED|ERROR) [^ ]+' "$work/pytest.log" | cut -d' ' -f2)
[ -n "$passed" ] && [ "$unexpected" -eq 0 ] && { [ "$status" -eq 0 ] || [ "$status" -eq 1 ]; } && exit 0
exit 1
