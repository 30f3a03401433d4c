# post-checkout actions on real checkouts: reminders when files matching globs
# differ between the old and the new HEAD, commands from .preflight.local.yaml
# run (argv, no shell) while those from the committed rules are only shown,
# file checkouts ignored, stale __pycache__/*.pyc removed (never tracked files,
# never through symbolic links), and a failing action never fails the checkout.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

ACTIONS='post_checkout:
  actions:
    - name: dependencies
      glob: ["requirements*.txt", environment.yml]
      message: "update your environment"
'

# main with requirements.txt and .preflight.yaml holding RULES (none when
# empty); branch deps changes requirements.txt, branch docs does not. The
# rules are on every branch: the hook reads them from the new work tree.
start() {
  new_repo repo
  install_hooks
  if [ -n "${1:-}" ]; then printf '%s' "$1" > .preflight.yaml && git add .preflight.yaml; fi
  echo "torch==2.1" > requirements.txt
  echo "# readme" > README.md
  git add requirements.txt README.md && git commit -q -m "chore: deps"
  git checkout -q -b deps
  echo "torch==2.2" > requirements.txt
  git commit -q -am "chore: bump torch"
  git checkout -q main
  git checkout -q -b docs
  echo "more" >> README.md
  git commit -q -am "docs: more"
  git checkout -q main
}

scenario "a reminder when matching files differ between the old and the new HEAD"
start "$ACTIONS"
run git checkout deps
expect_rc 0 "checkout succeeds"
expect_in "$ERR" "preflight: dependencies: update your environment" "reminder printed"
expect_in "$ERR" '  "requirements.txt"' "the changed file is listed"
run git checkout main
expect_in "$ERR" "preflight: dependencies: update your environment" "and on the way back"
run git checkout docs
expect_rc 0 "checkout succeeds"
expect_not_in "$ERR" "dependencies" "no reminder when nothing matching changed"
git checkout -q main
run git checkout deps -- requirements.txt
expect_not_in "$ERR" "dependencies" "file checkouts (flag 0) do nothing"
git checkout -q main -- requirements.txt
SKIP=post-checkout-actions run git checkout deps
expect_not_in "$ERR" "dependencies" "SKIP=post-checkout-actions"
git checkout -q main

scenario "commands run from .preflight.local.yaml only, as argv without a shell"
start
cat > .preflight.local.yaml <<'YAML'
post_checkout:
  actions:
    - name: sync
      glob: ["requirements*.txt"]
      run: [touch, "synced $(touch pwned).txt"]
YAML
run git checkout deps
expect_rc 0 "checkout succeeds"
expect_in "$ERR" "preflight: sync: running \`touch 'synced \$(touch pwned).txt'\`" "the command is announced"
expect_eq "$(ls synced* 2>/dev/null)" 'synced $(touch pwned).txt' "the command ran with its argument intact"
expect_eq "$(ls pwned* 2>/dev/null)" "" "no shell interpreted the argument"
rm -f synced*

scenario "commands from the committed rules are shown, not run"
start 'post_checkout:
  actions:
    - name: sync
      glob: ["requirements*.txt"]
      run: [touch, committed-ran]
'
run git checkout deps
expect_rc 0 "checkout succeeds"
expect_in "$ERR" "preflight: sync: not running \`touch committed-ran\` from .preflight.yaml (commands from committed rules are not run)" "the committed command is shown, not run"
expect_eq "$(ls committed-ran 2>/dev/null)" "" "nothing ran"

scenario "a failing or missing command never fails the checkout"
start
cat > .preflight.local.yaml <<'YAML'
post_checkout:
  actions:
    - name: broken
      glob: ["requirements*.txt"]
      run: [false]
    - name: missing
      glob: ["requirements*.txt"]
      run: [preflight-no-such-program]
YAML
run git checkout deps
expect_rc 0 "checkout succeeds"
expect_in "$ERR" "preflight: broken: \`false\` exited with 1; the checkout itself is done" "the failure is reported"
expect_in "$ERR" "preflight: missing:" "the missing program is reported"
expect_eq "$(git symbolic-ref --short HEAD)" "deps" "the checkout happened"
git checkout -q main
printf 'post_checkout:\n  actions: {broken\n' > .preflight.local.yaml
run git checkout deps
expect_rc 0 "a broken rules file does not fail the checkout"
expect_in "$ERR" "post-checkout actions skipped" "it is reported"

scenario "stale compiled files of deleted sources are removed"
new_repo repo
install_hooks
mkdir -p pkg/gone src
printf 'x = 1\n' > pkg/kept.py
printf 'y = 1\n' > pkg/old.py
printf 'z = 1\n' > pkg/gone/mod.py
printf 'w = 1\n' > legacy.py
git add . && git commit -q -m "feat: modules"
git checkout -q -b cleanup
git rm -q pkg/old.py pkg/gone/mod.py legacy.py
git commit -q -m "refactor: drop modules"
git checkout -q main
mkdir -p pkg/__pycache__ pkg/gone/__pycache__
for f in pkg/__pycache__/kept.cpython-311.pyc pkg/__pycache__/old.cpython-311.pyc \
         pkg/__pycache__/old.cpython-311.opt-1.pyc pkg/gone/__pycache__/mod.cpython-311.pyc \
         legacy.pyc; do echo bytecode > "$f"; done
run git checkout cleanup
expect_rc 0 "checkout succeeds"
expect_in "$ERR" "preflight: removed 4 stale compiled Python files whose .py is gone (post_checkout.clean_pycache)" "summary printed"
expect_eq "$(find pkg legacy.pyc -name '*.pyc' 2>/dev/null | sort | tr '\n' ' ')" "pkg/__pycache__/kept.cpython-311.pyc " "only the live module's .pyc is left"
expect_eq "$(ls -d pkg/gone 2>/dev/null)" "" "the folder that only held __pycache__ is gone"
run git checkout main
expect_not_in "$ERR" "removed" "nothing stale on the way back"
# The same deletion again with SKIP: SKIP must be what keeps the stale file.
echo bytecode > pkg/__pycache__/old.cpython-311.pyc
SKIP=clean-pycache run git checkout cleanup
expect_rc 0 "checkout with SKIP"
expect_not_in "$ERR" "removed" "SKIP=clean-pycache: nothing removed"
expect_eq "$(cat pkg/__pycache__/old.cpython-311.pyc)" "bytecode" "the stale file is still there"
git checkout -q main
run git checkout cleanup
expect_in "$ERR" "preflight: removed 1 stale compiled Python file" "without SKIP it goes"
expect_eq "$(ls pkg/__pycache__/old.cpython-311.pyc 2>/dev/null)" "" "and is gone"

scenario "tracked .pyc files and symbolic links are left alone"
new_repo repo
install_hooks
mkdir -p lib elsewhere/__pycache__
printf 'a = 1\n' > lib/a.py
printf 'b = 1\n' > b.py
mkdir -p __pycache__ && echo tracked > __pycache__/b.cpython-311.pyc
git add -f lib b.py __pycache__ && git commit -q --no-verify -m "feat: modules"
git checkout -q -b cleanup
git rm -q lib/a.py b.py && git commit -q -m "refactor: drop"
git checkout -q main
echo outside > elsewhere/__pycache__/a.cpython-311.pyc
rm -rf lib/__pycache__ && ln -s ../elsewhere/__pycache__ lib/__pycache__
run git checkout cleanup
expect_rc 0 "checkout succeeds"
expect_eq "$(cat elsewhere/__pycache__/a.cpython-311.pyc)" "outside" "nothing removed through a symbolic link"
expect_eq "$(git ls-files __pycache__)" "__pycache__/b.cpython-311.pyc" "the tracked .pyc stays tracked"
expect_eq "$(cat __pycache__/b.cpython-311.pyc)" "tracked" "and on disk"

finish
