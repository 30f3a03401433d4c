# `preflight run pre-commit --all-files` / `--files`, as the README's CI recipe
# runs it: every built-in check (not only the team commands) on the files as
# the index holds them: on a fresh clone, as committed.
. "$(dirname "$0")/lib.sh"

# A repository with three committed private keys, a checkpoint and a clean file,
# all committed past the hooks.
setup() {
  new_repo repo
  install_hooks
  printf 'x\n-----BEGIN RSA PRIVATE KEY-----\nabc\n' > id_rsa
  printf 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n' > creds.ini
  mkdir -p sub
  printf 'token = "ghp_%s"\n' "$(printf 'a%.0s' $(seq 36))" > sub/cfg.py
  printf 'not really weights' > model.pt
  echo "print('hello')" > clean.py
  git add id_rsa creds.ini sub/cfg.py model.pt clean.py
  git commit -q --no-verify -m "feat: everything"
}

scenario "--all-files runs every check on every tracked file"
setup
run "$PREFLIGHT" run pre-commit --all-files
expect_rc 1 "committed keys fail --all-files"
expect_in "$ERR" "[private-key] id_rsa:2: private key in id_rsa" "the PEM key"
expect_in "$ERR" "[private-key] creds.ini:1: AWS access key id in creds.ini" "the AWS key id"
expect_in "$ERR" "[private-key] sub/cfg.py:1: GitHub personal access token in sub/cfg.py" "the GitHub token"
expect_in "$ERR" "[checkpoint] model.pt: checkpoint or model file model.pt" "the checkpoint"
expect_not_in "$ERR" "clean.py" "the clean file is not reported"
expect_in "$ERR" "preflight: pre-commit blocked by 4 error(s)" "four errors"

scenario "on a fresh clone, as in CI"
setup
cd .. && git clone -q repo clone && cd clone || exit 1
run "$PREFLIGHT" run pre-commit --all-files
expect_rc 1 "the CI recipe fails on committed keys"
expect_in "$ERR" "private key in id_rsa" "the PEM key"
expect_in "$ERR" "AWS access key id in creds.ini" "the AWS key id"
expect_in "$ERR" "GitHub personal access token in sub/cfg.py" "the GitHub token"
run "$PREFLIGHT" --format json run pre-commit --all-files
expect_rc 1 "json: fails too"
expect_in "$OUT" '"check": "private-key"' "json: the findings"

scenario "--files runs every check on those files only"
setup
run "$PREFLIGHT" run pre-commit --files creds.ini clean.py
expect_rc 1 "a named key file fails"
expect_in "$ERR" "AWS access key id in creds.ini" "the named file's key"
expect_not_in "$ERR" "id_rsa" "files not named are not read"
expect_not_in "$ERR" "model.pt" "files not named are not read (checkpoint)"
cd sub || exit 1
run "$PREFLIGHT" run pre-commit --files cfg.py
expect_rc 1 "from a subfolder, relative names"
expect_in "$ERR" "GitHub personal access token in sub/cfg.py" "names the file from the root"
cd .. || exit 1
run "$PREFLIGHT" run pre-commit --files clean.py
expect_rc 0 "a clean file passes"
expect_not_in "$ERR" "warning" "a tracked file gets no warning"

scenario "--files says which named files it cannot check"
setup
printf -- '-----BEGIN RSA PRIVATE KEY-----\nabc\n' > 'new key'
git rm -q --cached creds.ini
run "$PREFLIGHT" run pre-commit --files 'new key' creds.ini sub clean.py
expect_rc 0 "nothing in the index is wrong"
expect_in "$ERR" "warning: --files: \"new key\" is not a file of the index (untracked, ignored, deleted or a folder): not checked; \`git add\` it to check it" "an untracked file is named"
expect_in "$ERR" "warning: --files: \"creds.ini\" is not a file of the index" "a file removed from the index is named"
expect_in "$ERR" "warning: --files: \"sub\" is not a file of the index" "a folder is named"
expect_not_in "$ERR" "clean.py" "the tracked file is not named"
git add 'new key'
run "$PREFLIGHT" run pre-commit --files 'new key'
expect_rc 1 "once added, it is checked"
expect_in "$ERR" "private key in new key" "the key is found"

scenario "the index is judged, not the working tree"
setup
echo "token = None" > sub/cfg.py
run "$PREFLIGHT" run pre-commit --files sub/cfg.py
expect_rc 1 "the committed token is still found"
expect_in "$ERR" "GitHub personal access token in sub/cfg.py" "from the index"
git add sub/cfg.py
run "$PREFLIGHT" run pre-commit --files sub/cfg.py
expect_rc 0 "once the clean version is staged, it passes"

finish
