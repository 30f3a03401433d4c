#!/usr/bin/env bash
# Speed work must not change what the hooks find: runs the pre-commit hooks of
# two builds on the same staged states (3,000 generated files: checkpoints by
# name and content, keys, conflict markers, large files, LFS, case clashes,
# links, allow lists with general patterns; all new, then a third modified,
# some deleted and clashing, then one file with SKIP) and compares their
# standard output and error byte for byte. Exits 1 on any difference.
#
# usage: bench/compare_findings.sh BASE_BUILD_DIR [BUILD_DIR]
set -euo pipefail
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$source_dir/bench/lib.sh"
[ $# -ge 1 ] || { echo "usage: $0 BASE_BUILD_DIR [BUILD_DIR]" >&2; exit 2; }
A=$(cd "$1" && pwd)
bench_build "${2:-}"
B=$build
bench_scratch
here=$work
mkdir -p "$here/hooks"
cat > "$here/hooks/pre-commit" <<'H'
#!/bin/sh
for side in a b; do
  eval hook=\$HOOK_$side
  "$hook" "$@" > "$OUT.$side.out" 2> "$OUT.$side.err"; echo "rc $?" >> "$OUT.$side.err"
done
exit 1
H
chmod +x "$here/hooks/pre-commit"
rm -rf "$here/repo" && git init -q "$here/repo" && cd "$here/repo"
git commit -q --allow-empty -m "chore: start"
git config core.quotepath false
cat > .preflight.yaml <<'Y'
checks:
  large_files: {enabled: true, max_size: 2k, allow: ['big/keep/**', '*.keep']}
  conflict_markers: {enabled: true, allow: ['docs/*.md']}
  private_keys: {enabled: true, allow: ['[ab].key', 'fixtures/']}
  case_conflicts: {enabled: true, allow: ['Allowed/**']}
  symlinks: {enabled: true}
  checkpoints: {allow: ['models/ok.pt', '**/tiny/*.ckpt'], patterns: ['*.pt', '*.pth', '*.ckpt', 'checkpoints/', 'runs/', '**/wandb/**', 'w?ights.bin', '\*.star', '*.tar.gz', '/rootonly.dat']}
Y
echo '*.lfs filter=lfs diff=lfs merge=lfs -text' > .gitattributes
git add -A && git commit -qm "chore: rules" --no-verify
python3 - <<'P'
import os, random
random.seed(24)
dirs = ['src', 'src/a', 'src/A', 'Data', 'data', 'models', 'models/tiny', 'x/checkpoints', 'x/runs/1', 'wandb', 'w/wandb/z', 'docs', 'fixtures', 'big', 'big/keep', 'Allowed', 'allowed', 'lfs', 'n/é', 'deep/a/b/c/d']
names = ['m.pt', 'M.PT', 'a.ckpt', 'weights.bin', 'w8ights.bin', '*.star', 'x.star', 'a.tar.gz', 'b.gz', 'rootonly.dat', '.hidden.pt', 'readme.md', 'README.md', 'notes.txt', 'a.key', 'c.key', 'f.npy', 'g.pkl', 'z.keep', 'data', 'x.lfs', 'y.lfs', 'model.safetensors']
def write(path, data):
    os.makedirs(os.path.dirname(path) or '.', exist_ok=True)
    open(path, 'wb').write(data)
for i in range(3000):
    d = random.choice(dirs); n = random.choice(names)
    if random.random() < 0.5: n = f'f{i}_' + n
    p = f'{d}/{n}'
    if os.path.isdir(p): continue
    kind = random.random()
    if kind < 0.05: data = b'<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> b\n'
    elif kind < 0.08: data = b'-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n'
    elif kind < 0.11: data = b'\x93NUMPY' + b'\0' * 3000
    elif kind < 0.13: data = b'version https://git-lfs.github.com/spec/v1\noid sha256:' + b'a'*64 + b'\nsize 12\n'
    elif kind < 0.18: data = os.urandom(random.choice([100, 2500, 5000]))
    else: data = f'line {i}\n'.encode() * random.randint(1, 200)
    try:
        write(p, data)
    except (IsADirectoryError, NotADirectoryError, FileExistsError):
        pass
for i in range(30):
    d = random.choice(dirs)
    os.makedirs(d, exist_ok=True)
    target = random.choice(['../src/a', 'nowhere', '../../data', 'm.pt', '/etc/passwd', '/no/such'])
    try: os.symlink(target, f'{d}/link{i}')
    except FileExistsError: pass
P
diffs=0
compare() { # NAME
  for ext in out err; do
    if ! cmp -s "$here/$1.a.$ext" "$here/$1.b.$ext"; then
      echo "DIFFERENT: $1 ($ext)"; diff "$here/$1.a.$ext" "$here/$1.b.$ext" | head -20; diffs=$((diffs + 1))
    fi
  done
  echo "$1: $(grep -c '^error\|^warning' "$here/$1.a.err" || true) findings, $(tail -1 "$here/$1.a.err")"
}
state() { # NAME: commit the staged state through both hooks
  HOOK_a=$A/libexec/preflight/pre-commit HOOK_b=$B/libexec/preflight/pre-commit OUT=$here/$1 \
    git -c core.hooksPath="$here/hooks" commit -qm "feat: $1" >/dev/null 2>&1 || true
  compare "$1"
}
git add -A; state all-new
git commit -qm "feat: all" --no-verify
# modify a third, delete some, rename some, add case clashes with old paths
git ls-files | awk 'NR % 3 == 0' | while read -r f; do [ -L "$f" ] || echo changed >> "$f"; done
git ls-files | awk 'NR % 17 == 0' | xargs -r git rm -q --cached --
git ls-files | awk 'NR % 23 == 0' | head -20 | while read -r f; do d=$(dirname "$f"); b=$(basename "$f"); [ -e "$d/$(echo "$b" | tr a-z A-Z)" ] || cp "$f" "$d/$(echo "$b" | tr a-z A-Z)"; done
mkdir -p SRC && echo clash > SRC/new.txt
git add -A; state modified
git commit -qm "feat: modified" --no-verify
# SKIP and one file
echo '<<<<<<< x' > src/one.txt && git add src/one.txt; SKIP=checkpoint state one-file
echo "differences: $diffs"
[ "$diffs" -eq 0 ]
