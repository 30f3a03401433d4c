#!/usr/bin/env bash
# Team commands, measured (issue 7): `git commit` of 1,000 staged files with a
# pre-commit hook running three no-op commands (`true`, handed the staged
# files) in preflight, lefthook and prek, against a floor without hooks.
# hyperfine medians from one run. preflight runs only the three commands
# (`extends: []`), like the peers; "preflight+checks" adds the default checks;
# "spawn-only-floor" is a static C hook that only starts the three commands.
#
# usage: bench/commands.sh [BUILD_DIR]   (default: build-release, then build)
# Peers come from PEERS (a folder where `npm install --prefix PEERS @j178/prek
# lefthook@2.2.1` was run; default /tmp/peers); missing ones are skipped.
set -euo pipefail
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$source_dir/bench/lib.sh"
bench_build "${1:-}"
peers=${PEERS:-/tmp/peers}/node_modules/.bin
preflight=$build/bin/preflight

bench_scratch

# The staged change every tool commits: 1,000 small files.
git init -q "$work/template"
(
  cd "$work/template"
  git commit -q --allow-empty -m "chore: start"
  mkdir -p src
  for i in $(seq 1 1000); do printf 'line %d\n' "$i" >"src/file$i.py"; done
)
# repo_for NAME CONFIG-FILE: a copy whose config is committed and the 1,000 files staged.
repo_for() {
  cp -a "$work/template" "$work/$1"
  (cd "$work/$1" && cat >"$2" && git add "$2" && git commit -q --no-verify -m "chore: config" &&
    git add -A)
  echo "$work/$1"
}

names=() dirs=()
add() { names+=("$1"); dirs+=("$2"); }

r=$(repo_for none .keep </dev/null)
add floor "$r"
r=$(repo_for preflight .preflight.yaml <<'YAML'
extends: []
pre_commit:
  commands:
    - {name: one, run: ["true"]}
    - {name: two, run: ["true"]}
    - {name: three, run: ["true"]}
YAML
)
(cd "$r" && "$preflight" install >/dev/null && "$preflight" trust --yes >/dev/null)
add preflight "$r"
# The same with only the pre-commit hook, as prek installs it (preflight also
# installs commit-msg and reference-transaction, which run on every commit).
mkdir -p "$work/pre-commit-only"
ln -s "$(readlink -f "$r/.git/hooks/pre-commit")" "$work/pre-commit-only/pre-commit"
add preflight-pre-commit-only "$r"
# The least any tool can cost here: a static C pre-commit hook that only starts
# `true` three times with the 1,000 names (read from a file written now; it
# does not even read the index).
mkdir -p "$work/spawn-only"
git -C "$r" diff --cached --name-only >"$work/names.txt"
cat >"$work/spawn3.c" <<'C'
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
extern char** environ;
int main(void) {
  static char* argv[4096];
  static char line[4096];
  FILE* names = fopen(NAMES, "r");
  int n = 1;
  argv[0] = "true";
  while (n < 4095 && fgets(line, sizeof line, names)) {
    line[strcspn(line, "\n")] = 0;
    argv[n++] = strdup(line);
  }
  for (int i = 0; i < 3; ++i) {
    pid_t pid;
    int status;
    if (posix_spawn(&pid, "/usr/bin/true", NULL, NULL, argv, environ) != 0) return 1;
    waitpid(pid, &status, 0);
  }
  return 0;
}
C
cc -O2 -static -DNAMES="\"$work/names.txt\"" "$work/spawn3.c" -o "$work/spawn-only/pre-commit"
add spawn-only-floor "$r"
r=$(repo_for preflight-checks .preflight.yaml <<'YAML'
pre_commit:
  commands:
    - {name: one, run: ["true"]}
    - {name: two, run: ["true"]}
    - {name: three, run: ["true"]}
YAML
)
(cd "$r" && "$preflight" install >/dev/null && "$preflight" trust --yes >/dev/null)
add preflight+checks "$r"
if [ -x "$peers/lefthook" ]; then
  r=$(repo_for lefthook lefthook.yml <<'YAML'
pre-commit:
  commands:
    one:
      run: true {staged_files}
    two:
      run: true {staged_files}
    three:
      run: true {staged_files}
YAML
)
  (cd "$r" && "$peers/lefthook" install >/dev/null 2>&1)
  add lefthook "$r"
fi
if [ -x "$peers/prek" ]; then
  r=$(repo_for prek .pre-commit-config.yaml <<'YAML'
repos:
  - repo: local
    hooks:
      - {id: one, name: one, entry: "true", language: system}
      - {id: two, name: two, entry: "true", language: system}
      - {id: three, name: three, entry: "true", language: system}
YAML
)
  (cd "$r" && PATH="$peers:$PATH" "$peers/prek" install >/dev/null)
  add prek "$r"
fi

# Each run commits, then the prepare step undoes the commit and keeps the index
# (hyperfine runs no prepare step before warm-up runs: warm up by hand).
args=()
for i in "${!names[@]}"; do
  dir=${dirs[$i]}
  hooks=""
  [ "${names[$i]}" = floor ] && hooks="-c core.hooksPath=/dev/null"
  [ "${names[$i]}" = preflight-pre-commit-only ] && hooks="-c core.hooksPath=$work/pre-commit-only"
  [ "${names[$i]}" = spawn-only-floor ] && hooks="-c core.hooksPath=$work/spawn-only"
  cmd="git -C $dir $hooks commit -q -m 'feat: bench'"
  base=$(git -C "$dir" rev-parse HEAD)
  for _ in 1 2; do
    PATH="$peers:$PATH" eval "$cmd" >/dev/null 2>&1 || { echo "${names[$i]}: commit failed" >&2; exit 1; }
    [ "$(git -C "$dir" rev-list --count "$base"..HEAD)" = 1 ] || { echo "${names[$i]}: no commit" >&2; exit 1; }
    git -C "$dir" reset -q --soft "$base"
  done
  args+=(--prepare "git -C $dir -c core.hooksPath=/dev/null reset -q --soft $base" -n "${names[$i]}" "$cmd")
done
echo "## git commit of 1,000 staged files, three no-op commands"
PATH="$peers:$PATH" hyperfine -N --runs "${RUNS:-20}" --export-markdown "$work/commands.md" \
  --export-json "$work/commands.json" "${args[@]}" >&2
cat "$work/commands.md"
echo
python3 - "$work/commands.json" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["results"]
results = {r["command"]: r["median"] * 1000 for r in runs}
cpu = {r["command"]: (r["user"] + r["system"]) * 1000 for r in runs}
floor, floor_cpu = results.pop("floor"), cpu["floor"]
print(f"floor (no hooks): {floor:.1f} ms median, {floor_cpu:.1f} ms CPU (mean user+system)")
peers = {n: m - floor for n, m in results.items()
         if not n.startswith("preflight") and n != "spawn-only-floor"}
fastest = min(peers, key=peers.get) if peers else None
for name, median in results.items():
    ratio = ""
    if fastest and (name.startswith("preflight") or name == "spawn-only-floor"):
        ratio = f"; {(median - floor) / peers[fastest]:.2f} of {fastest}'s overhead"
    print(f"{name}: {median:.1f} ms median, overhead {median - floor:+.1f} ms; "
          f"CPU overhead {cpu[name] - floor_cpu:+.1f} ms{ratio}")
PY
