# The server hooks (`preflight install --server`): real pushes over file:// and
# git:// (git daemon) to a bare repository with pre-receive and update
# installed. Each refusal is checked for the client's "remote:" lines naming the
# commit and the path, and for the server's refs staying where they were.
. "$(dirname "$0")/lib.sh"

# A bare server with the server hooks and a client clone of it ($PWD/client),
# with one clean commit on main pushed before the hooks went in.
setup() {
  git init -q --bare srv.git
  new_repo seed
  git push -q ../srv.git main
  cd .. && rm -rf seed
  run "$PREFLIGHT" -C srv.git install --server
  if [ "$RC" -ne 0 ]; then fail "install --server failed: $ERR"; fi
  git clone -q srv.git client 2>/dev/null
  cd client || exit 1
}

server_main() { git -C ../srv.git rev-parse -q --verify refs/heads/main; }

# commit_file PATH BYTES MESSAGE: commits one file in the client.
commit_file() {
  mkdir -p "$(dirname "$1")"
  printf '%s' "$2" >"$1"
  git add -- "$1"
  git commit -q --no-verify -m "$3"
}

# commit_checkpoint PATH MESSAGE: commits a torch.save zip at PATH; $bad is its short id.
commit_checkpoint() {
  make_torch_zip "$1"
  git add -- "$1"
  git commit -q --no-verify -m "$2"
  bad=$(git rev-parse --short=12 HEAD)
}

# expect_refused DESCRIPTION OLD_MAIN: the push failed and main did not move.
expect_refused() {
  if [ "$RC" -ne 0 ]; then pass; else fail "$1: the push was accepted; stderr: $ERR"; fi
  expect_eq "$(server_main)" "$2" "$1: the server's main did not move"
}

scenario "install --server writes compiled pre-receive and update hooks"
git init -q --bare srv.git
run "$PREFLIGHT" -C srv.git install --server
expect_rc 0 "install --server"
expect_in "$OUT" "pre-receive: installed" "pre-receive installed"
expect_in "$OUT" "update: installed" "update installed"
for hook in pre-receive update; do
  expect_eq "$(head -c 4 srv.git/hooks/$hook | od -An -c | tr -d ' ')" '177ELF' "$hook is the compiled launcher"
  expect_in "$(tr -d '\0' <srv.git/hooks/$hook | tr -c '[:print:]' '\n' | grep -F libexec/preflight/)" "libexec/preflight/$hook" "$hook runs the shared $hook binary"
done
expect_eq "$(ls srv.git/hooks | grep -c '^pre-commit$')" "0" "no client hooks in the server"
run "$PREFLIGHT" -C srv.git install --server
expect_in "$OUT" "pre-receive: already installed" "install --server again changes nothing"
run "$PREFLIGHT" -C srv.git uninstall
expect_in "$OUT" "pre-receive: removed" "uninstall removes the server hooks"
expect_eq "$(ls srv.git/hooks | grep -c -e '^pre-receive$' -e '^update$')" "0" "both are gone"

scenario "a bad commit message is refused, naming the commit"
setup
old=$(server_main)
commit_file notes.txt "x" "Bad message"
bad=$(git rev-parse --short=12 HEAD)
run git push origin main
expect_refused "bad message" "$old"
expect_in "$ERR" "remote: error [type-empty] commit $bad (Bad message): type may not be empty" "the client sees the commit and the problem"
expect_in "$ERR" "remote: preflight: push (server) blocked by" "and the verdict"
expect_not_in "$ERR" "--no-verify" "the server does not offer --no-verify"

scenario "a checkpoint is refused with its path; --no-verify on the client changes nothing"
setup
old=$(server_main)
"$PREFLIGHT" install >/dev/null 2>&1 || fail "client install"
commit_checkpoint weights.bin "feat: add weights"
run git push --no-verify origin main
expect_refused "checkpoint" "$old"
expect_in "$ERR" "remote: error [checkpoint] weights.bin: checkpoint or model file weights.bin (in commit $bad (feat: add weights))" "the bytes were read from the quarantine: path and commit"
expect_eq "$(git -C ../srv.git cat-file -t "$bad" 2>/dev/null)" "" "the refused objects are not in the server"
# Not through the client at all: git push with no hooks and a fresh clone.
git -c core.hooksPath=/dev/null push origin main >/dev/null 2>&1 && fail "pushed with hooks off on the client"
expect_eq "$(server_main)" "$old" "a client without hooks changes nothing"

scenario "a secret in an annotated tag, a lightweight tag and a tag of a blob is refused"
setup
git checkout -q -b side
commit_file deploy/creds.ini "aws_access_key_id = AKIAIOSFODNN7EXAMPLE
" "chore: add deploy config"
bad=$(git rev-parse --short=12 HEAD)
git checkout -q main
git tag -a -m "release 1.0" v1.0 side
run git push origin v1.0
expect_rc 1 "the annotated tag is refused"
expect_in "$ERR" "remote: error [private-key] deploy/creds.ini:1: AWS access key id in deploy/creds.ini (in commit $bad (chore: add deploy config))" "the tag's commit and path"
expect_eq "$(git ls-remote --tags ../srv.git)" "" "no tag reached the server"
git tag v1.0-light side
run git push origin v1.0-light
expect_rc 1 "the lightweight tag is refused"
expect_in "$ERR" "remote: error [private-key] deploy/creds.ini:1:" "the lightweight tag's secret"
blob=$(git rev-parse side:deploy/creds.ini)
git tag key-blob "$blob"
run git push origin key-blob
expect_rc 1 "a tag of the blob itself is refused"
expect_in "$ERR" "remote: error [private-key] refs/tags/key-blob:1: AWS access key id" "the blob's tag is named"
expect_eq "$(git ls-remote --tags ../srv.git)" "" "still no tag on the server"

scenario "a force-push to main and its deletion are refused; other branches may be forced"
setup
old=$(server_main)
git commit -q --allow-empty -m "feat: one"
git push -q origin main 2>/dev/null || fail "a clean push"
pushed=$(server_main)
git reset -q --hard "$old"
git commit -q --allow-empty -m "feat: another one"
run git push --force origin main
expect_refused "force-push" "$pushed"
expect_in "$ERR" "remote: error [protected-branch] force-push to protected branch \"main\": the remote's ${pushed:0:12} is not in what you push" "the client is told why"
run git push origin :main
expect_refused "deletion" "$pushed"
expect_in "$ERR" "remote: error [protected-branch] deleting protected branch \"main\"" "deletion named"
git push -q origin HEAD:refs/heads/topic 2>/dev/null || fail "a topic branch"
git commit -q --amend --allow-empty -m "feat: amended"
run git push --force origin HEAD:refs/heads/topic
expect_rc 0 "a topic branch may be forced"

scenario "a clean push is accepted; a new branch is checked only for commits new to the server"
setup
commit_file src/app.py "print('hi')
" "feat: add the app"
run git push origin main
expect_rc 0 "a clean push"
expect_eq "$(server_main)" "$(git rev-parse HEAD)" "the server has it"
# A bad commit that the server has already (pushed before preflight was there).
git -C ../srv.git config core.hooksPath /nonexistent
commit_file old.txt "x" "Old bad message"
git push -q origin main 2>/dev/null || fail "push without hooks"
git -C ../srv.git config --unset core.hooksPath
git checkout -q -b feature
commit_file feature.txt "y" "feat: a feature"
run git push origin feature
expect_rc 0 "a new branch from an old bad commit is accepted"
expect_not_in "$ERR" "Old bad message" "the server's own commits are not checked again"
git checkout -q -b feature2
commit_file f2.txt "z" "Another bad one"
bad=$(git rev-parse --short=12 HEAD)
run git push origin feature2
expect_rc 1 "a new branch with a new bad commit is refused"
expect_in "$ERR" "remote: error [type-empty] commit $bad (Another bad one)" "its new commit"
expect_not_in "$ERR" "Old bad message" "and only that one"

scenario "a pushed .preflight.yaml may add checks but never weakens the server's"
setup
old=$(server_main)
printf 'checks:\n  checkpoints:\n    enabled: false\ncommit_msg:\n  enabled: false\n' >.preflight.yaml
git add .preflight.yaml
commit_checkpoint model.pt "Turn the checks off"
run git push origin main
expect_refused "rules that disable checks" "$old"
expect_in "$ERR" "remote: error [checkpoint] model.pt: checkpoint or model file model.pt (in commit $bad" "the server's checkpoint check still runs"
expect_in "$ERR" "remote: error [type-empty] commit $bad (Turn the checks off)" "and its message check"
git reset -q --hard "$old"
printf 'checks:\n  large_files:\n    max_size: 10\n' >.preflight.yaml
printf '0123456789abcdef' >big.txt
git add .preflight.yaml big.txt
git commit -q --no-verify -m "feat: a lower size limit"
run git push origin main
expect_refused "rules that add a limit" "$old"
expect_in "$ERR" "remote: error [large-file] big.txt: file too large big.txt" "the pushed rules' stricter limit applies too"
git reset -q --hard "$old"
printf 'pre_push:\n  commands:\n    - name: pwn\n      run: touch /tmp/preflight-server-pwned-%s\n' "$$" >.preflight.yaml
git add .preflight.yaml
git commit -q --no-verify -m "chore: a team command"
run git push origin main
expect_rc 0 "pushed rules with a command are accepted"
expect_eq "$(ls /tmp/preflight-server-pwned-$$ 2>/dev/null)" "" "but their command never ran on the server"
old=$(server_main)
printf 'checks: [\n' >.preflight.yaml
git add .preflight.yaml
git commit -q --no-verify -m "chore: broken rules"
run git push origin main
expect_rc 1 "broken pushed rules are refused"
expect_in "$ERR" "remote: error [rules-file] .preflight.yaml: the pushed .preflight.yaml of refs/heads/main does not load" "and said so"

scenario "a pushed .preflight.yaml cannot make the server read its own files (extends path:)"
setup
old=$(server_main)
printf 'secret-on-the-server: [\n' >../srv.git/leak.yaml
for target in config leak.yaml hooks/pre-receive; do
  git reset -q --hard "$old"
  printf 'extends:\n  - path: %s\n' "$target" >.preflight.yaml
  git add .preflight.yaml
  git commit -q --no-verify -m "chore: read the server's $target"
  run git push origin main
  expect_refused "extends path: $target" "$old"
  expect_in "$ERR" "extends path \"$target\" is not read from a rules file pushed to a server" "$target: said why"
  expect_not_in "$ERR" "secret-on-the-server" "$target: nothing of the server's files reaches the client"
  expect_not_in "$ERR" "bare = true" "$target: not the server's config either"
done

scenario "the server's rules: git config preflight.rules, required checks, SKIP and push options"
setup
old=$(server_main)
git -C ../srv.git config receive.advertisePushOptions true
printf 'server:\n  skip_by_push_option: true\nchecks:\n  checkpoints:\n    required: true\n' >../server-rules.yaml
git -C ../srv.git config preflight.rules "$PWD/../server-rules.yaml"
commit_checkpoint model.pt "Bad message and a checkpoint"
run git push -o SKIP=checkpoint,commit-message origin main
expect_refused "a required check with a push option" "$old"
expect_in "$ERR" "remote: preflight: checkpoint: required: runs despite SKIP" "says SKIP cannot skip it"
expect_in "$ERR" "remote: error [checkpoint] model.pt" "the checkpoint is still refused"
expect_not_in "$ERR" "type-empty" "a check that is not required was skipped by the push option"
git reset -q --hard "$old"
commit_file a.txt "a" "Only a bad message"
run git push -o SKIP=commit-message origin main
expect_rc 0 "a push option skips a check that is not required"
expect_in "$ERR" "remote: preflight: skipped: commit-message (SKIP)" "and says so"
old=$(server_main)
printf 'checks:\n  checkpoints:\n    required: true\n' >../server-rules.yaml
commit_file c.txt "c" "Another bad message"
run git push -o SKIP=commit-message origin main
expect_refused "push options without server.skip_by_push_option" "$old"
expect_in "$ERR" "remote: error [type-empty]" "skip nothing"
git reset -q --hard "$old"
old=$(server_main)
printf 'checks: {checkpoints: {enabled: nope}}\n' >../server-rules.yaml
git commit -q --allow-empty -m "feat: fine"
run git push origin main
expect_refused "broken server rules" "$old"
expect_in "$ERR" "server-rules.yaml:1:" "the server's rules file is named with its location"
git -C ../srv.git config preflight.rules missing.yaml
run git push origin main
expect_refused "a missing server rules file" "$old"
expect_in "$ERR" "missing.yaml: the rules file does not exist" "is an error, not the defaults"
git -C ../srv.git config --unset preflight.rules
printf 'commit_msg:\n  enabled: false\n' >../srv.git/.preflight.yaml
git reset -q --hard "$old"
commit_file b.txt "b" "No type here"
run git push origin main
expect_rc 0 "the rules file in the bare repository folder applies"

scenario "the server's own commands: a bare repository refuses them rather than skip them"
setup
old=$(server_main)
printf 'pre_push:\n  commands:\n    - name: audit\n      pass_files: false\n      run: echo AUDIT-RAN >&2\n' >../srv.git/.preflight.yaml
commit_file f.txt "f" "feat: a file"
run git push origin main
expect_refused "untrusted server commands" "$old"
expect_in "$ERR" "remote: error [untrusted-commands] .preflight.yaml: the commands in .preflight.yaml (\"audit\")" "untrusted first"
expect_in "$ERR" "remote:   hint: the server's administrator reviews what they run and trusts them with \`preflight -C <repository> trust\` on the server" "a hint for the server, not --no-verify"
"$PREFLIGHT" -C ../srv.git trust --yes >/dev/null || fail "preflight trust on the server"
run git push origin main
expect_refused "trusted server commands" "$old"
expect_in "$ERR" "remote: preflight: error: commands need a working tree; this repository is bare" "says why"
expect_not_in "$ERR" "AUDIT-RAN" "nothing ran"

scenario "server.per_ref: only the bad refs are refused (update hook)"
setup
printf 'server:\n  per_ref: true\n' >../srv.git/.preflight.yaml
git checkout -q -b good
commit_file good.txt "g" "feat: good"
git checkout -q -b bad main
commit_file bad.txt "b" "Bad one"
badid=$(git rev-parse --short=12 HEAD)
run git push origin good bad
expect_rc 1 "the push reports a refused ref"
expect_in "$ERR" "remote: error [type-empty] commit $badid (Bad one)" "the bad ref's commit"
expect_eq "$(git ls-remote ../srv.git refs/heads/good | cut -f1)" "$(git rev-parse good)" "the good ref was accepted"
expect_eq "$(git ls-remote ../srv.git refs/heads/bad)" "" "the bad ref was not"

scenario "fail closed: an object the hook cannot read refuses the push"
git init -q --bare srv.git
"$PREFLIGHT" -C srv.git install --server >/dev/null || fail "install --server"
cd srv.git
zero=0000000000000000000000000000000000000000
run env GIT_DIR=. hooks/pre-receive <<<"$zero 1111111111111111111111111111111111111111 refs/heads/main"
expect_rc 3 "an unreadable pushed commit fails the hook"
expect_in "$ERR" "preflight: error: cannot read object 1111111111111111111111111111111111111111" "and names it"
run env GIT_DIR=. hooks/pre-receive <<<"garbage"
expect_rc 3 "malformed input fails the hook"
expect_in "$ERR" "line 1 of standard input is not" "and says where"

scenario "through git daemon (git://): refused with remote: lines, clean push accepted"
setup
cd ..
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
git daemon --export-all --enable=receive-pack --base-path="$PWD" --listen=127.0.0.1 --port="$port" \
  --reuseaddr --pid-file="$PWD/daemon.pid" "$PWD" >daemon.log 2>&1 &
daemon=$!
for _ in $(seq 50); do git ls-remote "git://127.0.0.1:$port/srv.git" >/dev/null 2>&1 && break; sleep 0.1; done
cd client
git remote set-url origin "git://127.0.0.1:$port/srv.git"
old=$(server_main)
commit_checkpoint model.ckpt "feat: checkpoint"
run git push origin main
expect_refused "over git://" "$old"
expect_in "$ERR" "remote: error [checkpoint] model.ckpt: checkpoint or model file model.ckpt (in commit $bad (feat: checkpoint))" "the client sees the path and commit"
git reset -q --hard "$old"
git commit -q --allow-empty -m "feat: clean over git://"
run git push origin main
expect_rc 0 "a clean push over git:// is accepted"
expect_eq "$(server_main)" "$(git rev-parse HEAD)" "and arrived"
kill "$daemon" 2>/dev/null
wait "$daemon" 2>/dev/null

finish
