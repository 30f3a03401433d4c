# SKIP= under real `git commit` and `git push`: a misspelt name warns with the
# closest name and skips nothing; each skipped check is printed; a required check
# is never offered as SKIP=<id>.
. "$(dirname "$0")/lib.sh"

scenario "a misspelt name warns with a did-you-mean and skips nothing"
new_repo repo
install_hooks
printf 'x' > model.pt && git add model.pt
SKIP=chekpoint run git commit -m "feat: add model"
expect_rc 1 "the checkpoint is still refused"
expect_in "$ERR" 'preflight: warning: SKIP names "chekpoint", which is no check, rule or command; nothing is skipped for it (did you mean "checkpoint"?)' "warns with the closest name"
expect_in "$ERR" "[checkpoint] model.pt" "the check ran"
SKIP="checkpoint, subjet-case" run git commit -m "feat: add model"
expect_rc 0 "a right name among the list skips its check"
expect_in "$ERR" '"subjet-case", which is no check, rule or command; nothing is skipped for it (did you mean "subject-case"?)' "a misspelt rule name warns"
expect_not_in "$ERR" '"checkpoint", which is no check' "a right name does not warn"
expect_eq "$(grep -c 'SKIP names "subjet-case"' <<<"$ERR")" "1" "one warning per git commit, not one per hook"

scenario "skipped checks are printed"
new_repo repo
install_hooks
printf 'x' > model.pt && git add model.pt
SKIP=checkpoint run git commit -m "feat: add model"
expect_rc 0 "SKIP=checkpoint lets it through"
expect_in "$ERR" "preflight: skipped: checkpoint (SKIP)" "says what was skipped"
SKIP=subject-case run git commit --allow-empty -m "feat: Capitalised Subject"
expect_rc 0 "a skipped rule lets the message through"
expect_in "$ERR" "preflight: skipped: subject-case (SKIP)" "says which rule was skipped"
run git commit --allow-empty -m "feat: nothing skipped"
expect_not_in "$ERR" "skipped:" "nothing is printed without SKIP"

scenario "command names and rule names are known to SKIP"
new_repo repo
install_hooks
printf 'pre_commit:\n  commands:\n    - name: lint\n      run: [false]\n' > .preflight.local.yaml
echo 'print(1)' > a.py && git add a.py
SKIP=lint run git commit -m "feat: a"
expect_rc 0 "SKIP=lint skips the command"
expect_not_in "$ERR" "which is no check" "a command name does not warn"
expect_in "$ERR" "lint" "the command says it was skipped"

scenario "SKIP is never suggested for a required check"
new_repo repo
install_hooks
printf 'checks:\n  private_keys:\n    required: true\n' > .preflight.local.yaml
printf -- '-----BEGIN RSA PRIVATE KEY-----\n' > id_rsa
printf 'x' > model.pt
git add id_rsa model.pt
run git commit -m "feat: key and model"
expect_rc 1 "refused"
expect_in "$ERR" "(or skip these checks once with SKIP=checkpoint) (private-key: required, SKIP cannot skip)" "only the skippable check is offered"
expect_not_in "$ERR" "SKIP=checkpoint,private-key" "the required one is not offered"
git rm -q --cached model.pt
SKIP=private-key run git commit -m "feat: key"
expect_rc 1 "SKIP cannot skip it"
expect_in "$ERR" "preflight: private-key: required: runs despite SKIP" "says so"
expect_not_in "$ERR" "SKIP=private-key" "and does not offer it"
expect_not_in "$ERR" "skipped: private-key" "and does not claim it was skipped"

scenario "a required command is not offered as SKIP=<name>"
new_repo repo
install_hooks
printf 'pre_commit:\n  commands:\n    - name: gate\n      run: [false]\n      required: true\n' > .preflight.local.yaml
echo 'print(1)' > a.py && git add a.py
run git commit -m "feat: a"
expect_rc 1 "the command fails the commit"
expect_in "$ERR" "(gate: required, SKIP cannot skip)" "named as required"
expect_not_in "$ERR" "SKIP=gate" "not offered"

scenario "pre-push: skipped and misspelt names"
git init -q --bare remote.git
new_repo repo
git remote add origin ../remote.git
install_hooks
git push -q origin main
git commit -q --amend --allow-empty -m "feat: rewritten"
SKIP=protectd-branch run git push --force origin main
expect_rc 1 "a misspelt name does not skip the check"
expect_in "$ERR" '"protectd-branch", which is no check, rule or command; nothing is skipped for it (did you mean "protected-branch"?)' "warns at push"
SKIP=protected-branch run git push --force origin main
expect_rc 0 "SKIP=protected-branch lets the force-push through"
expect_in "$ERR" "preflight: skipped: protected-branch (SKIP)" "says what was skipped"

finish
