# Shared set-up for the benchmark scripts (sourced, not run).

# bench_scratch: a scratch folder in $work (removed on exit) and an isolated
# HOME with a git identity, so no user or system configuration is measured.
bench_scratch() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/preflight-bench.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  export HOME=$work/home GIT_CONFIG_NOSYSTEM=1
  mkdir -p "$HOME"
  git config --global user.name "Bench Mark"
  git config --global user.email "bench@example.org"
  git config --global init.defaultBranch main
  git config --global advice.detachedHead false
}

# bench_noop_binary PATH: a static C program that reads its input and exits 0,
# the least any hook can cost.
bench_noop_binary() {
  printf '#include <unistd.h>\nint main(void) { char b[4096]; while (read(0, b, sizeof b) > 0) {} return 0; }\n' |
    cc -O2 -static -x c - -o "$1"
}

# bench_small_and_large DIR [SMALL] [LARGE]: a repository with one commit and,
# in the working tree, SMALL small files (default 1,000) under src/ and LARGE
# 5 MB random files (default 10) under data/.
bench_small_and_large() {
  git init -q "$1"
  (
    cd "$1"
    git commit -q --allow-empty -m "chore: start"
    mkdir -p src data
    for i in $(seq 1 "${2:-1000}"); do printf 'line %d\n' "$i" > "src/file$i.txt"; done
    for i in $(seq 1 "${3:-10}"); do head -c 5000000 /dev/urandom > "data/blob$i.dat"; done
  )
}

# bench_history DIR COMMITS: a repository whose main branch has COMMITS commits,
# each changing one of 500 files (git fast-import), checked out.
bench_history() {
  git init -q "$1"
  (
    cd "$1"
    for i in $(seq 1 "$2"); do
      printf 'commit refs/heads/main\ncommitter Bench <b@example.org> %d +0000\ndata <<EOM\nfeat: change %d\nEOM\nM 100644 inline file%d.txt\ndata <<EOM\n%d\nEOM\n\n' \
        $((1700000000 + i)) "$i" $((i % 500)) "$i"
    done | git fast-import --quiet
    git checkout -q main
  )
}

# bench_fetch_source DIR: a repository with 100 branches and 100 tags, each on
# its own commit: a fetch from it creates 200 refs.
bench_fetch_source() {
  git init -q "$1"
  (
    cd "$1"
    git commit -q --allow-empty -m "chore: start"
    for n in $(seq 1 100); do
      git commit -q --allow-empty -m "feat: $n"
      printf 'create refs/heads/b%s HEAD\ncreate refs/tags/t%s HEAD\n' "$n" "$n"
    done | git update-ref --stdin
  )
}

# bench_commit_runs NAME...: for each repository $work/NAME (with a file.txt),
# five warm-up commits of one changed file, then sets args to the hyperfine
# arguments that time one more such commit per repository, named NAME (each
# run's prepare step stages the change; hyperfine 1.15 runs no prepare step
# before its own warm-up runs, hence the warm-up by hand).
bench_commit_runs() {
  args=()
  local name repo
  for name in "$@"; do
    repo=$work/$name
    for _ in 1 2 3 4 5; do
      date +%s%N > "$repo/file.txt" && git -C "$repo" add file.txt
      git -C "$repo" commit -q -m "feat: warm up" || { echo "$name: commit failed" >&2; exit 1; }
    done
    args+=(--prepare "sh -c 'date +%s%N > $repo/file.txt && git -C $repo add file.txt'"
           -n "$name" "git -C $repo commit -q -m 'feat: measure'")
  done
}

# bench_build DIR-OR-EMPTY: sets build to the absolute path of a folder holding
# bin/preflight: the one given, else build-release, else build. Exits when none.
bench_build() {
  build=${1:-}
  [ -z "$build" ] || build=$(cd "$build" && pwd) # callers change folders later
  if [ -z "$build" ]; then
    for candidate in "$source_dir/build-release" "$source_dir/build"; do
      [ -x "$candidate/bin/preflight" ] && { build=$candidate; break; }
    done
  fi
  [ -n "$build" ] && [ -x "$build/bin/preflight" ] ||
    { echo "build preflight first (./install.sh or cmake)" >&2; exit 1; }
  command -v hyperfine >/dev/null || { echo "needs hyperfine: apt-get install hyperfine" >&2; exit 1; }
}

# bench_ratio_table JSON...: a Markdown table of every command in hyperfine's
# JSON exports: its median, and its ratio to the runs named <group>-none and
# <group>-noop of its group (the part of its name before the first "-").
bench_ratio_table() {
  python3 - "$@" <<'PY'
import json, sys
print("| command | median | / no hook | / no-op hook |")
print("|---|---:|---:|---:|")
for path in sys.argv[1:]:
    medians = {r["command"]: r["median"] for r in json.load(open(path))["results"]}
    for name, median in medians.items():
        group = name.split("-")[0]
        none, noop = medians.get(group + "-none"), medians.get(group + "-noop")
        ratio = lambda base: f"{median / base:.2f}x" if base else ""
        print(f"| {name} | {median * 1000:.1f} ms | {ratio(none)} | {ratio(noop)} |")
PY
}

# bench_tag_source DIR COUNT PREFIX: a repository with COUNT tags
# refs/tags/<PREFIX><n>, each on its own commit: a fetch from it creates them.
bench_tag_source() {
  git init -q "$1"
  (
    cd "$1"
    git commit -q --allow-empty -m "chore: start"
    for n in $(seq 1 "$2"); do
      git commit -q --allow-empty -m "feat: $n"
      echo "create refs/tags/$3$n HEAD"
    done | git update-ref --stdin
  )
}
