# A hook call reads its rules files once, however many of its steps use them:
# post-checkout's backups, its actions and its checks share one load, counted
# by the trace line each load prints (PREFLIGHT_TRACE=1) under real checkouts.
# A broken rules file is reported once and the checkout still goes on.
. "$(dirname "$0")/lib.sh"

RULES='post_checkout:
  actions:
    - name: dependencies
      glob: ["requirements*.txt"]
      message: "update your environment"
'

# loads: how many times the last run's hooks loaded the rules.
loads() { grep -c "preflight: trace: load rules from " <<<"$ERR"; }

# main with the rules; branch deps changes requirements.txt.
start() {
  new_repo repo
  install_hooks
  printf '%s' "$RULES" > .preflight.yaml
  echo "torch==2.1" > requirements.txt
  git add .preflight.yaml requirements.txt && git commit -q -m "chore: deps"
  git checkout -q -b deps
  echo "torch==2.2" > requirements.txt
  git commit -q -am "chore: bump torch"
  git checkout -q main
}

scenario "a branch checkout loads the rules once for the actions and the checks"
start
PREFLIGHT_TRACE=1 run git checkout deps
expect_rc 0 "checkout succeeds"
expect_in "$ERR" "preflight: dependencies: update your environment" "the actions ran"
expect_in "$ERR" "preflight: trace: hook post-checkout" "the checks step ran"
expect_eq "$(loads)" "1" "one load"

scenario "leaving commits on a detached HEAD: backups, actions and checks share one load"
start
git checkout -q --detach deps
echo "torch==2.3" > requirements.txt
git commit -q -am "chore: try torch 2.3"
PREFLIGHT_TRACE=1 run git checkout main
expect_rc 0 "checkout succeeds"
expect_in "$ERR" "left on a detached HEAD (checkout) as branch backup/detached/" "the backup step read its settings and saved"
expect_in "$ERR" "preflight: dependencies: update your environment" "the actions ran"
expect_in "$ERR" "preflight: trace: hook post-checkout" "the checks step ran"
expect_eq "$(loads)" "1" "one load"

scenario "a broken rules file: one load, the error once, the checkout goes on"
start
git checkout -q deps
printf 'post_checkout: [\n' > .preflight.yaml
PREFLIGHT_TRACE=1 run git checkout main
expect_rc 0 "checkout succeeds"
expect_eq "$(git rev-parse --abbrev-ref HEAD)" "main" "checkout happened"
expect_in "$ERR" "post-checkout checks skipped; git goes on" "says it skipped"
expect_eq "$(grep -c "invalid YAML" <<<"$ERR")" "1" "the error is printed once"
expect_eq "$(loads)" "1" "one load"

scenario "pre-commit loads the rules once"
start
echo x > x && git add x
PREFLIGHT_TRACE=1 run .git/hooks/pre-commit
expect_rc 0 "pre-commit passes"
expect_in "$ERR" "preflight: trace: hook pre-commit" "the checks ran"
expect_eq "$(loads)" "1" "one load"

finish
