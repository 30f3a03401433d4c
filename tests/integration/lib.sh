# Shared set-up for integration tests: real git, the real preflight binaries, a
# fresh folder with its own HOME per test, fixed identities and dates (as in git's
# own t/). Source it, write scenarios with the helpers below, end with `finish`.
# The folder is kept when anything failed, and its path printed.
set -uo pipefail

: "${PREFLIGHT_BUILD_DIR:?set PREFLIGHT_BUILD_DIR to the build folder}"
PREFLIGHT="$PREFLIGHT_BUILD_DIR/bin/preflight"
LIBEXEC="$PREFLIGHT_BUILD_DIR/libexec/preflight"
SHARED="${PREFLIGHT_SHARED_DIR:-}"
TEST_NAME=$(basename "$0" .sh)
TEST_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/preflight-$TEST_NAME.XXXXXX")

# Nothing from the caller's git or preflight environment leaks in.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_COMMON_DIR GIT_CONFIG_PARAMETERS \
      GIT_CONFIG_COUNT GIT_CONFIG_GLOBAL SKIP PREFLIGHT_TRACE GIT_EDITOR EDITOR VISUAL
export HOME="$TEST_ROOT/home" XDG_CONFIG_HOME="$TEST_ROOT/home/.config"
export GIT_CONFIG_NOSYSTEM=1 NO_COLOR=1 LC_ALL=C.UTF-8 TZ=UTC
# A CI runner sets CI; tests that need it set it themselves.
unset CI
export GIT_AUTHOR_NAME="Ada Lovelace" GIT_AUTHOR_EMAIL="ada@analytical.example.org"
export GIT_COMMITTER_NAME="Charles Babbage" GIT_COMMITTER_EMAIL="charles@analytical.example.org"
export GIT_AUTHOR_DATE="2026-01-01T00:00:00Z" GIT_COMMITTER_DATE="2026-01-01T00:00:00Z"
mkdir -p "$HOME"
git config --global init.defaultBranch main
git config --global user.name "$GIT_AUTHOR_NAME"
git config --global user.email "$GIT_AUTHOR_EMAIL"
git config --global advice.detachedHead false
git config --global protocol.file.allow always

PASSED=0
FAILED=0
CURRENT=""

# scenario NAME: starts a named scenario in a fresh folder under TEST_ROOT.
scenario() {
  CURRENT="$1"
  local dir="$TEST_ROOT/$(printf '%s' "$1" | tr -c 'A-Za-z0-9_-' '_')"
  mkdir -p "$dir"
  cd "$dir" || exit 1
}

pass() { PASSED=$((PASSED + 1)); }
fail() {
  FAILED=$((FAILED + 1))
  printf 'FAIL: %s: %s\n' "$CURRENT" "$*" >&2
}

# run CMD...: runs CMD, keeping its exit code in $RC and output in $OUT/$ERR.
run() {
  "$@" >"$TEST_ROOT/.out" 2>"$TEST_ROOT/.err"
  RC=$?
  OUT=$(cat "$TEST_ROOT/.out")
  ERR=$(cat "$TEST_ROOT/.err")
}

# expect_rc N DESCRIPTION: the last run exited with N.
expect_rc() {
  if [ "$RC" -eq "$1" ]; then pass; else
    fail "$2: exit $RC, expected $1; stdout: $OUT; stderr: $ERR"
  fi
}

# expect_in HAYSTACK NEEDLE DESCRIPTION: fixed-string containment. (A here-string,
# not a pipe: with pipefail, grep -q leaving early could fail the writer with SIGPIPE.)
expect_in() {
  if grep -qF -- "$2" <<<"$1"; then pass; else
    fail "$3: expected to find [$2] in [$1]"
  fi
}
expect_not_in() {
  if grep -qF -- "$2" <<<"$1"; then fail "$3: did not expect [$2] in [$1]"; else
    pass
  fi
}

# expect_eq ACTUAL EXPECTED DESCRIPTION
expect_eq() {
  if [ "$1" = "$2" ]; then pass; else fail "$3: got [$1], expected [$2]"; fi
}

# new_repo DIR: an empty repository with one commit, current folder set to it.
new_repo() {
  git init -q "$1" && cd "$1" || exit 1
  git commit -q --allow-empty -m "chore: start"
}

# pre_commit_commands <<EOF: writes .preflight.local.yaml with `extends: []` and
# the pre_commit commands given on standard input (list items, four spaces in).
pre_commit_commands() {
  { printf 'extends: []\npre_commit:\n  commands:\n'; cat; } >.preflight.local.yaml
}

# install_hooks: the real `preflight install` in the current repository.
# on_terminal CMD: CMD in a pseudo-terminal (util-linux script); what it showed
# (stdout and stderr) in $OUT, its exit status in $RC.
on_terminal() {
  script -qec "$1" /dev/null >"$TEST_ROOT/.tty" 2>&1 </dev/null
  RC=$?
  OUT=$(cat "$TEST_ROOT/.tty")
}

install_hooks() {
  run "$PREFLIGHT" install
  if [ "$RC" -ne 0 ]; then fail "preflight install failed: $ERR"; fi
}

# A zip laid out as torch.save writes it: <name>/data.pkl, <name>/version, ...
make_torch_zip() {
  python3 - "$1" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_STORED) as z:
    z.writestr("archive/data.pkl", b"\x80\x02}q\x00.")
    z.writestr("archive/byteorder", b"little")
    z.writestr("archive/data/0", bytes(64))
    z.writestr("archive/version", b"3\n")
PY
}

finish() {
  cd / || true
  printf '%s: %d passed, %d failed\n' "$TEST_NAME" "$PASSED" "$FAILED"
  if [ "$FAILED" -gt 0 ]; then
    printf 'kept for inspection: %s\n' "$TEST_ROOT"
    exit 1
  fi
  rm -rf "$TEST_ROOT"
  [ "$PASSED" -gt 0 ] || { echo "no assertion ran" >&2; exit 1; }
  exit 0
}
