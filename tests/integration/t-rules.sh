# Rules files under real hooks: syntax errors and unknown keys block with exit 2
# and file:line:column, every problem is reported in one run, --no-verify
# bypasses, local overrides layer, init writes starters, fail-open hooks stay open.
. "$(dirname "$0")/lib.sh"

scenario "a YAML syntax error blocks the commit with its location"
new_repo repo
install_hooks
printf 'pre_commit:\n  enabled: [true\n' > .preflight.yaml
echo x > x && git add x .preflight.yaml
run git commit -m "feat: with a broken rules file"
expect_rc 1 "git refuses the commit"
expect_in "$ERR" "preflight: error: .preflight.yaml:3:1: invalid YAML: end of sequence flow not found" \
  "syntax error located"
expect_in "$ERR" 'bypass once with `git commit --no-verify`' "says how to bypass"
run .git/hooks/pre-commit
expect_rc 2 "the hook itself exits 2"
expect_in "$ERR" "preflight: error: .preflight.yaml:3:1: invalid YAML" "for the same located reason"
expect_eq "$(git rev-list --count HEAD)" "1" "no commit was made"
run git commit --no-verify -m "feat: bypassed once"
expect_rc 0 "--no-verify bypasses"

scenario "an unknown key blocks with a did-you-mean hint, all problems in one run"
new_repo repo
install_hooks
cat > .preflight.yaml <<'YAML'
extends: [default]
pre_comit:
  enabled: true
pre_push:
  enabled: sometimes
  enabeld: false
YAML
echo x > x && git add x
run git commit -m "feat: unknown key"
expect_rc 1 "commit refused"
expect_in "$ERR" 'preflight: error: .preflight.yaml:2:1: unknown key "pre_comit" (did you mean "pre_commit"?)' \
  "unknown key with hint"
expect_in "$ERR" 'preflight: error: .preflight.yaml:5:12: "pre_push.enabled" must be true or false' \
  "wrong type located"
expect_in "$ERR" 'preflight: error: .preflight.yaml:6:3: unknown key "enabeld" in "pre_push" (did you mean "enabled"?)' \
  "nested unknown key"
run .git/hooks/commit-msg .git/COMMIT_EDITMSG
expect_rc 2 "commit-msg exits 2 too"
expect_in "$ERR" 'preflight: error: .preflight.yaml:2:1: unknown key "pre_comit"' "for the located reason"

scenario "unknown rule sets, duplicates and wrong shapes"
new_repo repo
install_hooks
printf 'extends: [defualt]\npre_commit: 3\npre_push: {enabled: true, enabled: false}\n' > .preflight.yaml
run "$PREFLIGHT" config
expect_rc 2 "config exits 2"
expect_in "$ERR" '.preflight.yaml:1:11: unknown rule set "defualt" (did you mean "default"?)' "unknown rule set"
expect_in "$ERR" '.preflight.yaml:2:13: "pre_commit" must be a map of keys' "section shape"
expect_in "$ERR" '.preflight.yaml:3:27: duplicate key "enabled"' "duplicate key"

scenario "fail-open hooks never fail git's command"
new_repo repo
install_hooks
printf 'pre_commit: [\n' > .preflight.yaml
run git branch topic
expect_rc 0 "git branch works with a broken rules file"
run git checkout -q topic
expect_rc 0 "git checkout works with a broken rules file"
expect_in "$ERR" "post-checkout checks skipped; git goes on" "says it skipped"
expect_eq "$(git rev-parse --abbrev-ref HEAD)" "topic" "checkout happened"

scenario "local rules layer over the committed ones and are never committed"
new_repo repo
install_hooks
printf 'pre_push:\n  enabled: false\n' > .preflight.yaml
printf 'pre_push:\n  enabled: true\n' > .preflight.local.yaml
run "$PREFLIGHT" config
expect_rc 0 "config"
expect_in "$OUT" "pre_push.enabled: true  # .preflight.local.yaml:2:12" "local value wins, with its source"
expect_in "$OUT" "checks.checkpoints.enabled: true  # <built-in rules/default.yaml>" "default set applies"
expect_eq "$(git status --porcelain --untracked-files=all)" "?? .preflight.yaml" "local file is excluded"
run "$PREFLIGHT" --format json config
expect_in "$OUT" '"source": ".preflight.local.yaml:2:12"' "json config"

scenario "init writes a starter and refuses to overwrite"
new_repo repo
mkdir sub && cd sub
run "$PREFLIGHT" init
expect_rc 0 "init"
cd ..
[ -f .preflight.yaml ] && pass || fail "written at the repository root"
run "$PREFLIGHT" config
expect_rc 0 "the starter loads"
run "$PREFLIGHT" init --template minimal
expect_rc 2 "refuses to overwrite"
expect_in "$ERR" "already exists (use --force to overwrite it)" "says how"
run "$PREFLIGHT" init --template minimal --force
expect_rc 0 "--force overwrites"
expect_in "$(cat .preflight.yaml)" "extends: []" "minimal template written"
run "$PREFLIGHT" init --template minmal --force
expect_rc 2 "unknown template"
expect_in "$ERR" 'unknown template "minmal" (did you mean "minimal"?)' "template hint"

scenario "command line errors"
new_repo repo
run "$PREFLIGHT" instal
expect_rc 2 "unknown command"
expect_in "$ERR" 'unknown command "instal" (did you mean "install"?)' "command hint"
run "$PREFLIGHT" run pre-comit
expect_rc 2 "unknown hook"
expect_in "$ERR" 'unknown hook "pre-comit" (did you mean "pre-commit"?)' "hook hint"
cd "$TEST_ROOT"
run "$PREFLIGHT" install
expect_rc 2 "outside a repository"
expect_in "$ERR" "not in a git repository" "says so"

finish
