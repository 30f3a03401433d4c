#!/usr/bin/env bash
# preflight against its peers, every scenario side by side in one run:
#   1. `git commit` of one file with a no-op pre-commit hook per manager, and with
#      no hooks (the floor) and a static C no-op hook (what any hook costs);
#   2. `git commit` of 1,000 small files plus ten 5 MB files with each tool's
#      large-file check (preflight: its default rules, every hook installed);
#   3. commit-msg latency: preflight, commitlint --edit, gitlint;
#   4. notebook strip (textconv, to stdout) at 100 KB, 1 MB, 10 MB, 50 MB:
#      preflight nbstrip against nbstripout;
#   5. `git fetch` of 200 new refs with and without preflight's hooks;
#   6. the pre-push check of 10,000 commits.
# It installs what it needs (Debian: hyperfine, pre-commit, gitlint,
# python3-nbformat; npm into a scratch prefix: @j178/prek, lefthook@2.2.1, husky,
# @commitlint/cli, @commitlint/config-conventional), builds preflight in Release,
# and prints one Markdown table: medians, what each tool adds to the floor or
# how many times slower than preflight it is, peak memory, versions, date and
# machine.
#
# Timing: every scenario runs ROUNDS times (default 5); each round runs each
# tool RUNS times (default 10; fewer for the slow cases) with hyperfine, after
# one warm-up run each (the first run after another tool's pays for that tool's
# freed memory), in reversed order every other round, so drift on a shared
# machine hits all tools alike. The median is over all runs of all rounds.
#
# usage: bench/compare.sh            (Markdown on stdout, progress on stderr)
# environment: SCENARIOS (default "1 2 3 4 5 6"), ROUNDS, RUNS, PEERS (npm prefix, default ~/.cache/preflight-peers),
#   NBSTRIPOUT_DIR (an nbstripout checkout; run with NBSTRIPOUT_PYTHON, default
#   /usr/bin/python3, which has Debian's python3-nbformat), BUILD (a build folder
#   to reuse instead of building), NO_INSTALL=1 (use what is there).
set -euo pipefail
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SCENARIOS=${SCENARIOS:-1 2 3 4 5 6}
want() { [[ " $SCENARIOS " == *" $1 "* ]]; }
ROUNDS=${ROUNDS:-5}
RUNS=${RUNS:-10}
PEERS=${PEERS:-${XDG_CACHE_HOME:-$HOME/.cache}/preflight-peers}
say() { printf '%s\n' "$*" >&2; }
trap 'say "bench/compare.sh: failed at line $LINENO: $BASH_COMMAND"' ERR

# --- What it needs -----------------------------------------------------------
if [ -z "${NO_INSTALL:-}" ]; then
  missing=()
  command -v hyperfine >/dev/null || missing+=(hyperfine)
  command -v pre-commit >/dev/null || missing+=(pre-commit)
  command -v gitlint >/dev/null || missing+=(gitlint)
  command -v npm >/dev/null || missing+=(npm)
  [ -x /usr/bin/time ] || missing+=(time)
  /usr/bin/python3 -c 'import nbformat' 2>/dev/null || missing+=(python3-nbformat)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} (apt-get)"
    sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
  fi
  npm_packages=(@j178/prek lefthook@2.2.1 husky @commitlint/cli @commitlint/config-conventional)
  if [ ! -x "$PEERS/node_modules/.bin/prek" ] || [ ! -x "$PEERS/node_modules/.bin/lefthook" ] ||
    [ ! -d "$PEERS/node_modules/husky" ] || [ ! -x "$PEERS/node_modules/.bin/commitlint" ] ||
    [ ! -d "$PEERS/node_modules/@commitlint/config-conventional" ]; then
    say "installing ${npm_packages[*]} into $PEERS (npm)"
    mkdir -p "$PEERS"
    npm install --silent --no-audit --no-fund --prefix "$PEERS" "${npm_packages[@]}" >&2
  fi
fi
command -v hyperfine >/dev/null || { say "needs hyperfine"; exit 1; }
bin=$PEERS/node_modules/.bin

if [ -n "${BUILD:-}" ]; then
  build=$(cd "$BUILD" && pwd)
else
  build=$source_dir/build-bench
  say "building preflight (Release) in $build"
  cmake -S "$source_dir" -B "$build" -DCMAKE_BUILD_TYPE=Release -DPREFLIGHT_TESTS=OFF >/dev/null
  cmake --build "$build" -j "$(nproc)" >/dev/null
fi
preflight=$build/bin/preflight
hooks=$build/libexec/preflight
[ -x "$preflight" ] || { say "no $preflight"; exit 1; }

source "$source_dir/bench/lib.sh"
bench_scratch
mkdir -p "$work/results"
bench_noop_binary "$work/noop"

have() { [ -x "$1" ] || command -v "$1" >/dev/null 2>&1; }

# --- Scenarios ---------------------------------------------------------------
# A case is one line in $work/cases: scenario, tool, runs, prepare, command,
# separated by US (\x1f: commands contain "|"). Every command must leave the
# repository ready for the next run after its prepare.
: > "$work/cases"
US=$'\x1f'
case_add() { printf '%s\x1f%s\x1f%s\x1f%s\x1f%s\n' "$1" "$2" "$3" "$4" "$5" >> "$work/cases"; }

# The peers' no-op pre-commit hooks (scenarios 1 and 2).
noop_config='repos:
  - repo: local
    hooks:
      - id: noop
        name: noop
        entry: "true"
        language: system
        pass_filenames: false
        always_run: true'
setup_peer() { # TOOL REPO: installs TOOL's no-op pre-commit hook into REPO
  local r=$2
  case $1 in
    pre-commit | prek)
      printf '%s\n' "$noop_config" > "$r/.pre-commit-config.yaml"
      git -C "$r" add .pre-commit-config.yaml
      git -C "$r" commit -q --no-verify -m "chore: hooks"
      if [ "$1" = prek ]; then (cd "$r" && "$bin/prek" install >/dev/null)
      else (cd "$r" && pre-commit install >/dev/null); fi ;;
    lefthook)
      printf 'pre-commit:\n  commands:\n    noop:\n      run: "true"\n' > "$r/lefthook.yml"
      git -C "$r" add lefthook.yml
      git -C "$r" commit -q --no-verify -m "chore: hooks"
      (cd "$r" && "$bin/lefthook" install >/dev/null 2>&1) ;;
    husky)
      mkdir -p "$r/.husky"
      printf 'true\n' > "$r/.husky/pre-commit"
      git -C "$r" add .husky/pre-commit
      git -C "$r" commit -q --no-verify -m "chore: hooks"
      (cd "$r" && node "$PEERS/node_modules/husky/bin.js" >/dev/null) ;;
  esac
}
peer_available() {
  case $1 in
    pre-commit) have pre-commit ;;
    prek | lefthook) have "$bin/$1" ;;
    husky) [ -f "$PEERS/node_modules/husky/bin.js" ] && have node ;;
  esac
}


# 1. One staged file.
if want 1; then
one_file_repo() { # NAME
  local r=$work/s1-$1
  git init -q "$r"
  echo data > "$r/file.txt"
  git -C "$r" add -A
  git -C "$r" commit -q --no-verify -m "chore: start"
  echo "$r"
}
s1_prepare() { echo "sh -c 'date +%s%N > $1/file.txt && git -C $1 add file.txt'"; }
s1_add() { # TOOL REPO
  case_add 1 "$1" "$RUNS" "$(s1_prepare "$2")" "git -C $2 commit -q -m 'feat: measure'"
}
r=$(one_file_repo floor); git -C "$r" config core.hooksPath /dev/null; s1_add "no hooks (floor)" "$r"
r=$(one_file_repo noop-hook); mkdir -p "$r/.hooks"; cp "$work/noop" "$r/.hooks/pre-commit"
git -C "$r" config core.hooksPath "$r/.hooks"; s1_add "static C no-op hook" "$r"
r=$(one_file_repo preflight-pre-commit); mkdir -p "$r/.hooks"
ln -s "$hooks/pre-commit" "$r/.hooks/pre-commit"; git -C "$r" config core.hooksPath "$r/.hooks"
s1_add "preflight (pre-commit hook, default rules)" "$r"
r=$(one_file_repo preflight-all); (cd "$r" && "$preflight" install >/dev/null)
s1_add "preflight (all hooks, default rules)" "$r"
for tool in pre-commit prek lefthook husky; do
  peer_available "$tool" || { say "skipping $tool: not installed"; continue; }
  r=$(one_file_repo "$tool"); setup_peer "$tool" "$r"; s1_add "$tool (no-op hook)" "$r"
done
fi

# 2. 1,000 small files and ten 5 MB files, staged; each run commits them and
if want 2; then
# the prepare step takes the commit back, keeping the index.
bench_small_and_large "$work/s2-template"
s2_add() { # TOOL REPO
  local base
  git -C "$2" add src data
  base=$(git -C "$2" rev-parse HEAD)
  case_add 2 "$1" "$RUNS" "git -C $2 reset -q --soft $base" "git -C $2 commit -q -m 'feat: measure'"
}
s2_repo() { cp -a "$work/s2-template" "$work/s2-$1"; echo "$work/s2-$1"; }
r=$(s2_repo floor); git -C "$r" config core.hooksPath /dev/null; s2_add "no hooks (floor)" "$r"
r=$(s2_repo preflight); (cd "$r" && "$preflight" install >/dev/null)
s2_add "preflight (all hooks, default rules)" "$r"
if peer_available prek; then
  r=$(s2_repo prek)
  printf 'repos:\n  - repo: builtin\n    hooks:\n      - id: check-added-large-files\n        args: ["--maxkb=10240"]\n' > "$r/.pre-commit-config.yaml"
  git -C "$r" add .pre-commit-config.yaml && git -C "$r" commit -q --no-verify -m "chore: hooks"
  (cd "$r" && "$bin/prek" install >/dev/null)
  s2_add "prek (builtin check-added-large-files)" "$r"
fi
for tool in lefthook husky; do
  peer_available "$tool" || continue
  r=$(s2_repo "$tool"); setup_peer "$tool" "$r"; s2_add "$tool (no-op: it has no large-file check)" "$r"
done
fi

# 3. One valid message.
msg_repo=$work/s3
git init -q "$msg_repo"
printf 'feat(parser): accept nested scopes\n\nThe parser now reads a scope inside a scope.\n\nRefs: #12\n' > "$msg_repo/MSG"
echo "export default { extends: ['@commitlint/config-conventional'] };" > "$msg_repo/commitlint.config.mjs"
ln -s "$PEERS/node_modules" "$msg_repo/node_modules"
if want 3; then
case_add 3 "preflight check-msg" "$RUNS" "" "$preflight -C $msg_repo check-msg $msg_repo/MSG"
# Every case runs in $msg_repo (below), where commitlint finds its config.
case_add 3 "preflight commit-msg hook" "$RUNS" "" "$hooks/commit-msg MSG"
have "$bin/commitlint" && case_add 3 "commitlint --edit" "$RUNS" "" "$bin/commitlint --edit MSG"
have gitlint && case_add 3 "gitlint" "$RUNS" "" "gitlint --target $msg_repo --msg-filename $msg_repo/MSG"
fi

# 4. Notebooks.
nbstripout=()
if [ -n "${NBSTRIPOUT_DIR:-}" ]; then
  nbstripout=(env "PYTHONPATH=$NBSTRIPOUT_DIR" "${NBSTRIPOUT_PYTHON:-/usr/bin/python3}" -m nbstripout)
elif want 4; then
  say "NBSTRIPOUT_DIR is not set: notebooks are measured without nbstripout"
fi
if want 4; then
declare -A nb_bytes=([100K]=100000 [1M]=1000000 [10M]=10000000 [50M]=50000000)
declare -A nb_runs=([100K]=$RUNS [1M]=$RUNS [10M]=$(((RUNS + 2) / 3)) [50M]=1)
for size in 100K 1M 10M 50M; do
  nb=$work/nb-$size.ipynb
  python3 "$source_dir/bench/gen_notebook.py" "${nb_bytes[$size]}" "$nb"
  case_add "4-$size" "preflight nbstrip" "${nb_runs[$size]}" "" "$preflight nbstrip --textconv $nb"
  [ ${#nbstripout[@]} -eq 0 ] ||
    case_add "4-$size" "nbstripout" "${nb_runs[$size]}" "" "${nbstripout[*]} --textconv $nb"
done
fi

# 5. Fetch of 200 new refs (100 branches, 100 tags), each run into empty
if want 5; then
# refs/remotes and refs/tags again.
bench_fetch_source "$work/s5-source"
clone=$work/s5-clone
git init -q "$clone"
git -C "$clone" commit -q --allow-empty -m "chore: start"
git -C "$clone" remote add origin "$work/s5-source"
mkdir -p "$work/s5-none" "$work/s5-noop" "$work/s5-preflight"
cp "$work/noop" "$work/s5-noop/reference-transaction"
for hook in pre-commit commit-msg pre-push post-checkout reference-transaction; do
  ln -s "$hooks/$hook" "$work/s5-preflight/$hook"
done
s5_prepare="sh -c \"git -C $clone for-each-ref --format='delete %(refname)' refs/remotes refs/tags | git -C $clone update-ref --stdin\""
fetch_runs=$(((RUNS + 2) / 3))
case_add 5 "no hooks (floor)" "$fetch_runs" "$s5_prepare" "git -C $clone -c core.hooksPath=$work/s5-none fetch -q origin"
case_add 5 "static C no-op reference-transaction" "$fetch_runs" "$s5_prepare" "git -C $clone -c core.hooksPath=$work/s5-noop fetch -q origin"
case_add 5 "preflight hooks (backups on)" "$fetch_runs" "$s5_prepare" "git -C $clone -c core.hooksPath=$work/s5-preflight fetch -q origin"
fi

# 6. 10,000 commits to push.
if want 6; then
bench_history "$work/s6" 10000
s6_root=$(git -C "$work/s6" rev-list --max-parents=0 HEAD)
case_add 6 "preflight run pre-push (messages and files)" "$(((RUNS + 2) / 3))" "" \
  "$preflight -C $work/s6 run pre-push --from-ref $s6_root --to-ref HEAD"
if have "$bin/commitlint"; then
  echo "export default { extends: ['@commitlint/config-conventional'] };" > "$work/s6/commitlint.config.mjs"
  ln -s "$PEERS/node_modules" "$work/s6/node_modules"
  case_add 6 "commitlint --from --to (messages only)" 1 "" \
    "sh -c 'cd $work/s6 && exec $bin/commitlint --from $s6_root --to HEAD'"
fi
fi

# --- Warm-up and a check that every case works --------------------------------
cd "$msg_repo"
say "checking every case once"
while IFS=$US read -r scenario tool runs prepare command; do
  for _ in 1 2; do
    [ -z "$prepare" ] || eval "$prepare" </dev/null >/dev/null 2>&1
    # A regular file, not /dev/null: nbstripout --textconv seeks and truncates
    # its output when it can seek, which /dev/null refuses.
    if ! eval "$command" </dev/null >"$work/out" 2>"$work/err"; then
      say "scenario $scenario, $tool: the command failed:"; cat "$work/err" >&2; exit 1
    fi
  done
done < "$work/cases"

# --- Peak memory (one run each, the largest process in the command's tree) -----
while IFS=$US read -r scenario tool runs prepare command; do
  [ -z "$prepare" ] || eval "$prepare" </dev/null >/dev/null 2>&1
  kib=$(eval "/usr/bin/time -f %M $command" 2>&1 </dev/null >"$work/out" | tail -1)
  printf '%s\x1f%s\x1f%s\n' "$scenario" "$tool" "$kib" >> "$work/memory"
done < "$work/cases"

# --- Rounds --------------------------------------------------------------------
mapfile -t scenarios < <(cut -d"$US" -f1 "$work/cases" | uniq)
for round in $(seq 1 "$ROUNDS"); do
  say "round $round of $ROUNDS"
  for scenario in "${scenarios[@]}"; do
    args=()
    order=(cat)
    [ $((round % 2)) -eq 0 ] && order=(tac)
    while IFS=$US read -r s tool runs prepare command; do
      [ "$s" = "$scenario" ] || continue
      # hyperfine 1.15: a prepare per command, or none at all.
      args+=(--prepare "${prepare:-true}" -n "$tool" "$command")
      # runs are per scenario: the fewest any of its cases asks for.
      echo "$runs" >> "$work/runs-$scenario"
    done < <("${order[@]}" "$work/cases")
    runs=$(sort -n "$work/runs-$scenario" | head -1)
    rm -f "$work/runs-$scenario"
    hyperfine -N --warmup 1 --runs "$runs" --style none --output pipe --export-json "$work/results/$scenario-$round.json" \
      "${args[@]}" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  done
done

# --- Versions and the table ----------------------------------------------------
versions=("$("$preflight" version | head -1)" "$(git --version)")
have pre-commit && versions+=("pre-commit $(pre-commit --version | awk '{print $2}')")
have "$bin/prek" && versions+=("$("$bin/prek" --version | head -1)")
have "$bin/lefthook" && versions+=("lefthook $("$bin/lefthook" version | head -1)")
[ -f "$PEERS/node_modules/husky/package.json" ] &&
  versions+=("husky $(node -p "require('$PEERS/node_modules/husky/package.json').version")")
have "$bin/commitlint" && versions+=("commitlint $("$bin/commitlint" --version | head -1 | sed 's/.*@//')")
have gitlint && versions+=("$(gitlint --version | head -1)")
[ ${#nbstripout[@]} -eq 0 ] || versions+=("nbstripout $("${nbstripout[@]}" --version | head -1)")
versions+=("$(hyperfine --version)")
printf '%s\n' "${versions[@]}" > "$work/versions"

python3 - "$work" "$ROUNDS" <<'PY'
import glob, json, os, platform, statistics, subprocess, sys, time
work, rounds = sys.argv[1], int(sys.argv[2])
times = {}
for path in sorted(glob.glob(os.path.join(work, "results", "*.json"))):
    scenario = os.path.basename(path).rsplit("-", 1)[0]
    for r in json.load(open(path))["results"]:
        times.setdefault((scenario, r["command"]), []).extend(r["times"])
memory = {}
for line in open(os.path.join(work, "memory")):
    scenario, tool, kib = line.rstrip("\n").split("\x1f")
    memory[(scenario, tool)] = kib
order = []
for line in open(os.path.join(work, "cases")):
    scenario, tool = line.split("\x1f")[:2]
    order.append((scenario, tool))
median = {key: statistics.median(values) for key, values in times.items()}

def ms(seconds):
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"

titles = {
    "1": "1. `git commit` of one file, a no-op pre-commit hook",
    "2": "2. `git commit` of 1,000 small + ten 5 MB files, large-file check",
    "3": "3. one commit message",
    "4-100K": "4. notebook strip, 100 KB", "4-1M": "4. notebook strip, 1 MB",
    "4-10M": "4. notebook strip, 10 MB", "4-50M": "4. notebook strip, 50 MB",
    "5": "5. `git fetch` of 200 new refs",
    "6": "6. pre-push check of 10,000 commits",
}
cpu = "unknown CPU"
for line in open("/proc/cpuinfo"):
    if line.startswith("model name"):
        cpu = line.split(":", 1)[1].strip()
        break
print(f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} cores "
      f"({cpu}, {platform.system()} {platform.release()}); {rounds} rounds, medians over all runs.")
print("Versions: " + "; ".join(l.strip() for l in open(os.path.join(work, "versions")) if l.strip()) + ".\n")
print("| scenario | tool | median | compared | peak RSS |")
print("|---|---|---:|---|---:|")
targets = []
for scenario in dict.fromkeys(s for s, _ in order):
    tools = [t for s, t in order if s == scenario]
    floor = next((median[(scenario, t)] for t in tools if t.startswith("no hooks")), None)
    mine = [t for t in tools if t.startswith("preflight")]
    peers = [t for t in tools if not t.startswith(("preflight", "no hooks", "static C"))]
    best_peer = min(peers, key=lambda t: median[(scenario, t)]) if peers else None
    for tool in tools:
        m = median[(scenario, tool)]
        if floor is not None and not tool.startswith("no hooks"):
            added = m - floor
            note = f"+{added * 1000:.1f} ms"
            if scenario == "5":
                note += f" ({added * 1000 / 200:.2f} ms per ref)"
        elif floor is not None:
            note = "floor"
        elif tool.startswith("preflight"):
            note = "reference"
        else:
            base = median[(scenario, mine[0])]
            note = f"{m / base:.0f}x preflight's time"
        kib = memory.get((scenario, tool), "")
        rss = f"{int(kib) / 1024:.1f} MB" if kib.isdigit() else ""
        print(f"| {titles.get(scenario, scenario)} | {tool} | {ms(m)} | {note} | {rss} |")
    # Targets of the benchmark issue, as ratios from this run.
    if scenario in ("1", "2") and floor is not None and best_peer:
        pf = "preflight (pre-commit hook, default rules)" if scenario == "1" else mine[0]
        if (scenario, pf) not in median:
            pf = mine[0]
        added, peer_added = median[(scenario, pf)] - floor, median[(scenario, best_peer)] - floor
        limit = 0.001 if scenario == "1" else 0.005
        targets.append(f"scenario {scenario}: {pf} adds {added * 1000:.1f} ms = "
                       f"{added / peer_added:.2f} of the fastest peer's {peer_added * 1000:.1f} ms "
                       f"({best_peer}); target at most 0.10 and within {limit * 1000:.0f} ms: "
                       + ("met" if added <= 0.1 * peer_added and added <= limit else "missed"))
    if scenario == "3" and ("3", "commitlint --edit") in median:
        ratio = median[("3", "commitlint --edit")] / median[("3", "preflight check-msg")]
        targets.append(f"scenario 3: commitlint / preflight check-msg = {ratio:.0f}x; target 100x: "
                       + ("met" if ratio >= 100 else "missed"))
    if scenario in ("4-100K", "4-1M") and (scenario, "nbstripout") in median:
        ratio = median[(scenario, "nbstripout")] / median[(scenario, "preflight nbstrip")]
        targets.append(f"scenario {scenario}: nbstripout / preflight = {ratio:.0f}x; target 100x: "
                       + ("met" if ratio >= 100 else "missed"))
    if scenario == "5" and floor is not None:
        per_ref = (median[("5", "preflight hooks (backups on)")] - floor) / 200
        targets.append(f"scenario 5: {per_ref * 1000:.2f} ms more per ref with preflight's hooks; "
                       "target at most 1 ms: " + ("met" if per_ref <= 0.001 else "missed"))
print()
for line in targets:
    print(f"- {line}")
PY
