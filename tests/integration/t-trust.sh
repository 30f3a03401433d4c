# Trust for commands the repository brings: committed commands run only after
# `preflight trust`, a changed rules file (a checkout, a pull) needs trust
# again, local commands and built-in checks need none. A tracked
# .preflight.local.yaml is committed rules (its post-checkout actions too); the
# scripts a command names and the files trust.files matches are trusted with
# it, and `preflight trust` then shows what changed as a diff.
. "$(dirname "$0")/lib.sh"

MARK="$TEST_ROOT/ran"

committed_rules() { # WORD: a committed command that writes WORD to $MARK
  cat >.preflight.yaml <<EOF
extends: [default]
pre_commit:
  commands:
    - name: mark
      run: ["sh", "-c", "echo $1 >> $MARK"]
EOF
}

scenario "untrusted committed commands block and say how to trust"
new_repo repo
install_hooks
committed_rules one
git add .preflight.yaml
run git commit -m "chore: rules with a command"
expect_rc 1 "untrusted commands block the commit"
expect_in "$ERR" "error [untrusted-commands] .preflight.yaml: the commands in .preflight.yaml (\"mark\") or the files they run are new or changed since you last trusted them, so they did not run" "names the untrusted commands"
expect_in "$ERR" "preflight trust" "says how to trust them"
if [ -e "$MARK" ]; then fail "an untrusted command ran"; else pass; fi
run "$PREFLIGHT" status
expect_in "$OUT" "not trusted" "status reports the untrusted commands"
run "$PREFLIGHT" trust
expect_rc 1 "without a terminal, trust needs --yes"
expect_in "$OUT" "pre_commit.commands:" "trust shows what would run"
expect_in "$OUT" "echo one >> $MARK" "trust shows the exact command"
expect_in "$OUT" "preflight trust --yes" "says how to confirm"
run "$PREFLIGHT" trust --yes
expect_rc 0 "trust --yes records the trust"
expect_in "$OUT" "trusted: hooks will run these commands until they change" "confirms"
if [ -e "$(git rev-parse --git-common-dir)/preflight/trusted" ]; then pass; else
  fail "the trust record is under the git common dir"; fi
expect_eq "$(git status --porcelain --untracked-files=all)" "A  .preflight.yaml" \
  "trust writes nothing into the working tree"
run git commit -m "chore: rules with a command"
expect_rc 0 "trusted commands run"
expect_eq "$(cat "$MARK")" "one" "the trusted command ran"

scenario "a changed rules file needs trust again"
new_repo repo
install_hooks
committed_rules one
git add .preflight.yaml
git commit -q --no-verify -m "chore: rules"
"$PREFLIGHT" trust --yes >/dev/null
git checkout -q -b other
committed_rules two
git add .preflight.yaml
git commit -q --no-verify -m "chore: other rules"
git checkout -q main
echo a >a.txt && git add a.txt
run git commit -m "feat: a"
expect_rc 0 "the trusted rules pass"
rm -f "$MARK"
git checkout -q other
echo b >b.txt && git add b.txt
run git commit -m "feat: b"
expect_rc 1 "after checking out changed rules the hook refuses"
expect_in "$ERR" "are new or changed since you last trusted them" "says they changed"
if [ -e "$MARK" ]; then fail "the changed command ran"; else pass; fi
run "$PREFLIGHT" trust --show
expect_in "$OUT" "echo two >> $MARK" "--show shows the new command"
expect_rc 1 "--show reports not trusted"
"$PREFLIGHT" trust --yes >/dev/null
run git commit -m "feat: b"
expect_rc 0 "trusted again, the commit passes"
expect_eq "$(cat "$MARK")" "two" "the newly trusted command ran"

scenario "local commands need no trust; built-in checks still report"
rm -f "$MARK"
new_repo repo
install_hooks
committed_rules one
git add .preflight.yaml
git commit -q --no-verify -m "chore: rules"
printf 'tmp\n' >model.pt
git add model.pt
run git commit -m "feat: weights"
expect_rc 1 "blocked"
expect_in "$ERR" "untrusted-commands" "the untrusted commands are named"
expect_in "$ERR" "error [checkpoint] model.pt" "built-in checks still report"
git rm -q --cached model.pt && rm model.pt
cat >.preflight.local.yaml <<EOF
pre_commit:
  commands:
    - name: local
      run: ["sh", "-c", "echo local >> $MARK"]
EOF
echo c >c.txt && git add c.txt
run git commit -m "feat: c"
expect_rc 0 "untracked local commands run without trust"
expect_eq "$(cat "$MARK")" "local" "the local command ran"
git add -f .preflight.local.yaml
echo d >d.txt && git add d.txt
run git commit -m "feat: d"
expect_rc 1 "a tracked .preflight.local.yaml counts as committed"
expect_in "$ERR" "the commands in .preflight.local.yaml" "names the tracked local file"

scenario "a cloned repository's committed .preflight.local.yaml runs nothing untrusted"
new_repo upstream
cat >.preflight.local.yaml <<EOF
post_checkout:
  actions:
    - name: setup
      glob: ["*.txt"]
      message: "environment changed"
      run: ["sh", "-c", "echo action >> $MARK"]
commit_msg:
  commands:
    - name: msg
      run: ["sh", "-c", "echo msg >> $MARK"]
EOF
git add -f .preflight.local.yaml && git commit -q -m "chore: local rules, committed"
git checkout -q -b feature && echo f >f.txt && git add f.txt && git commit -q -m "feat: f"
git checkout -q main
cd .. && git clone -q upstream victim && cd victim || exit 1
install_hooks
rm -f "$MARK"
run git checkout feature
expect_rc 0 "the checkout is done"
if [ -e "$MARK" ]; then fail "the committed local action ran without trust"; else pass; fi
expect_in "$ERR" "preflight: setup: not running \`sh -c 'echo action >> $MARK'\` from .preflight.local.yaml: the committed rules (or the files they run) are new or changed since you last trusted them; review them with \`preflight trust\`" "the checkout says to trust"
echo g >g.txt && git add g.txt
run git commit -m "feat: g"
expect_rc 1 "the commit-msg commands of the tracked local file are refused"
expect_in "$ERR" "the commands in .preflight.local.yaml (\"msg\") or the files they run are new or changed" "named with the file"
if [ -e "$MARK" ]; then fail "a commit-msg command ran without trust"; else pass; fi
run "$PREFLIGHT" trust --show
expect_rc 1 "not trusted"
expect_in "$OUT" "# from .preflight.local.yaml
post_checkout.actions:" "preflight trust lists the actions of the tracked local file"
expect_in "$OUT" "echo action >> $MARK" "with the command"
expect_in "$OUT" "commit_msg.commands:" "and its commands"
"$PREFLIGHT" trust --yes >/dev/null
git checkout -q main
expect_eq "$(cat "$MARK")" "action" "once trusted, the action runs"

scenario "a staged .preflight.local.yaml counts as committed"
rm -f "$MARK"
new_repo repo
install_hooks
git checkout -q -b other && echo o >o.txt && git add o.txt && git commit -q -m "feat: o"
git checkout -q main
cat >.preflight.local.yaml <<EOF
post_checkout:
  actions:
    - name: setup
      glob: ["*.txt"]
      run: ["sh", "-c", "echo action >> $MARK"]
EOF
run git checkout other
expect_eq "$(cat "$MARK" 2>/dev/null)" "action" "untracked, the local action runs"
rm -f "$MARK"
git add -f .preflight.local.yaml
run git checkout main
expect_in "$ERR" "preflight: setup: not running" "staged, it is shown, not run"
if [ -e "$MARK" ]; then fail "a staged local action ran without trust"; else pass; fi

# trusted_script RUN FILE [EXTRA]: a commit runs a command RUN (YAML) that uses
# FILE; after trust, a pulled commit changes FILE, and the next commit must ask
# again and `preflight trust --show` show FILE's diff. EXTRA: more rules.
trusted_script() {
  local run_yaml=$1 file=$2 extra=${3:-}
  rm -f "$MARK"
  new_repo upstream_repo
  mkdir -p scripts tools
  printf '#!/bin/sh\necho one >> %s\n' "$MARK" >"$file"
  chmod +x "$file"
  cat >.preflight.yaml <<EOF
extends: [default]
$extra
pre_commit:
  commands:
    - name: lint
      run: $run_yaml
      pass_files: false
      timeout: 60
      read_only: true
EOF
  git add -A && git commit -q --no-verify -m "chore: lint"
  cd .. && git clone -q upstream_repo work && cd work || exit 1
  install_hooks
  "$PREFLIGHT" trust --yes >/dev/null
  echo a >a.txt && git add a.txt
  run git commit -m "feat: a"
  expect_rc 0 "trusted, the commit passes ($run_yaml)"
  expect_eq "$(cat "$MARK" 2>/dev/null)" "one" "the trusted script ran ($run_yaml)"
  rm -f "$MARK"
  (cd ../upstream_repo && printf '#!/bin/sh\necho evil >> %s\n' "$MARK" >"$file" &&
    git commit -q --no-verify -am "chore: tweak")
  git pull -q --no-rebase --no-edit
  echo b >b.txt && git add b.txt
  run git commit -m "feat: b"
  expect_rc 1 "a changed $file needs trust again ($run_yaml)"
  expect_in "$ERR" "or the files they run are new or changed since you last trusted them" "says so ($run_yaml)"
  if [ -e "$MARK" ]; then fail "the changed $file ran ($run_yaml)"; else pass; fi
  run "$PREFLIGHT" trust --show
  expect_rc 1 "--show: not trusted ($run_yaml)"
  expect_in "$OUT" "changed since you last trusted this repository's commands:" "a diff, not the list ($run_yaml)"
  expect_in "$OUT" "-echo one >> $MARK
+echo evil >> $MARK" "the script's change is shown ($run_yaml)"
  expect_not_in "$OUT" "name: lint" "not the whole list again ($run_yaml)"
  "$PREFLIGHT" trust --yes >/dev/null
  run git commit -m "feat: b"
  expect_rc 0 "trusted again ($run_yaml)"
  expect_eq "$(cat "$MARK" 2>/dev/null)" "evil" "the newly trusted script ran ($run_yaml)"
}

scenario "a script named as the program needs trust again when it changes"
trusted_script "[./scripts/lint.sh]" scripts/lint.sh
scenario "a script given to sh needs trust again when it changes"
trusted_script "[sh, scripts/x.sh]" scripts/x.sh
scenario "a program's script argument (sh -e tools/fix.py) needs trust again"
trusted_script "[sh, -e, tools/fix.py]" tools/fix.py
scenario "a file inside a shell script (run as one string) needs trust again"
trusted_script '"scripts/a.sh && true"' scripts/a.sh
scenario "an option's value (--opt=FILE) is a named file too"
trusted_script "[sh, -c, 'sh \${0#--opt=}', --opt=tools/rc.sh]" tools/rc.sh
scenario "trust.files covers a file no word names"
trusted_script "[sh, -c, 'for f in tools/*.sh; do sh \$f; done']" tools/hidden.sh "trust:
  files: [tools/*.sh]"

scenario "an unchanged script and an untracked file do not ask again"
rm -f "$MARK"
new_repo repo
install_hooks
mkdir scripts
printf '#!/bin/sh\necho ran >> %s\n' "$MARK" >scripts/lint.sh && chmod +x scripts/lint.sh
cat >.preflight.yaml <<'EOF'
pre_commit:
  commands:
    - name: lint
      run: [./scripts/lint.sh, scripts/untracked.sh]
      pass_files: false
EOF
git add -A && git commit -q --no-verify -m "chore: lint"
"$PREFLIGHT" trust --yes >/dev/null
echo x >scripts/untracked.sh
echo a >a.txt && git add a.txt
run git commit -m "feat: a"
expect_rc 0 "nothing tracked changed: no new prompt"
expect_eq "$(cat "$MARK" 2>/dev/null)" "ran" "the trusted script ran"
run "$PREFLIGHT" trust --show
expect_in "$OUT" "file $(git rev-parse HEAD:scripts/lint.sh) \"scripts/lint.sh\"" "the named tracked file is listed with its blob id"
expect_not_in "$OUT" "untracked.sh\"" "an untracked file is not"

finish
