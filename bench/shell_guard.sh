#!/usr/bin/env bash
# What the shell guard (preflight shell-init) costs, measured with hyperfine
# (median of several runs). Each command is one shell that runs a git command
# 200 times, so that the function's cost is not lost in the shell's start-up;
# the function is sourced from a file written beforehand (no `preflight` start).
#   status-plain     `git status -s` 200 times in bash, no function
#   status-guarded   the same with the function defined: it must cost the same
#   status-zsh-plain, status-zsh-guarded   the same in zsh (when installed)
#   checkout-plain   `git checkout -- README` 200 times (nothing to discard)
#   checkout-guarded the same through the function: one `preflight guard`
#                    start and one `git diff --quiet` more per command
#   decide-status    the function's own decision for `git status`, 2,000 times,
#                    with git itself replaced by `:` (bash): what the function adds
#   decide-none      the same loop calling `:` directly
#
# usage: bench/shell_guard.sh [BUILD_DIR]   (default: build-release, then build)
set -euo pipefail
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$source_dir/bench/lib.sh"
bench_build "${1:-}"

bench_scratch
bench_small_and_large "$work/repo" 1000 0
cd "$work/repo"
printf 'readme\n' > README && git add . && git commit -q -m "feat: files"
"$build/bin/preflight" shell-init bash > "$work/guard.bash"
loop() { echo "for i in \$(seq 200); do git $1 >/dev/null; done"; }

args=(-n status-plain "bash --norc -c '$(loop "status -s")'"
  -n status-guarded "bash --norc -c '. $work/guard.bash; $(loop "status -s")'")
if command -v zsh >/dev/null; then
  "$build/bin/preflight" shell-init zsh > "$work/guard.zsh"
  args+=(-n status-zsh-plain "zsh -f -c '$(loop "status -s")'"
    -n status-zsh-guarded "zsh -f -c '. $work/guard.zsh; $(loop "status -s")'")
fi
args+=(-n checkout-plain "bash --norc -c '$(loop "checkout -- README")'"
  -n checkout-guarded "bash --norc -c '. $work/guard.bash; $(loop "checkout -- README")'")
sed 's/^  command git "\$@"$/  :/' "$work/guard.bash" > "$work/decide.bash"
grep -q '^  :$' "$work/decide.bash" || { echo "cannot make the decision-only function" >&2; exit 1; }
args+=(-n decide-status "bash --norc -c '. $work/decide.bash; for i in \$(seq 2000); do git status -s; done'"
  -n decide-none "bash --norc -c 'for i in \$(seq 2000); do : status -s; done'")
hyperfine -N --warmup 1 --runs "${RUNS:-10}" --export-json "$work/guard.json" "${args[@]}" >&2
# Medians (hyperfine's markdown has means only).
python3 - "$work/guard.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
# On a shared machine the wall time swings with other load; the CPU time that
# the shells and git used (user + system, mean) is steadier.
print("| command | median [ms] | min [ms] | max [ms] | user+system [ms] |")
print("|:---|---:|---:|---:|---:|")
for r in results:
    cpu = (r["user"] + r["system"]) * 1000
    print(f"| {r['command']} | {r['median'] * 1000:.1f} | {r['min'] * 1000:.1f} | "
          f"{r['max'] * 1000:.1f} | {cpu:.1f} |")
PY
