# The hook files `preflight install` writes (issue: hooks were symbolic links
# into the shared binaries, so a tool writing a hook in place replaced preflight
# for every repository), what `status` says about hooks other tools own or
# replaced and about changed shared binaries, hooks folders that need a flag
# (a committed core.hooksPath, a user-level one), and the commit path of the
# reference-transaction hook that opens nothing.
#
# Scenarios that write over hook files use their own installed copy of
# preflight (cmake --install into the test folder), so that a regression
# damages that copy, never the build tree other tests run.
. "$(dirname "$0")/lib.sh"

prefix="$TEST_ROOT/prefix"
cmake --install "$PREFLIGHT_BUILD_DIR" --prefix "$prefix" >/dev/null 2>&1 ||
  fail "cmake --install into $prefix"
PF="$prefix/bin/preflight"
shared="$prefix/libexec/preflight"
sums_before=$(cd "$shared" && sha256sum pre-commit commit-msg pre-push post-checkout reference-transaction)

# shared_intact DESCRIPTION: the installed hook binaries are byte for byte as installed.
shared_intact() {
  expect_eq "$(cd "$shared" && sha256sum pre-commit commit-msg pre-push post-checkout \
    reference-transaction)" "$sums_before" "$1"
}

# blocked_by_preflight DESCRIPTION: a commit in the current repository is
# refused by preflight's pre-commit (a rules file with an unknown key).
blocked_by_preflight() {
  printf 'bogus: 1\n' > .preflight.yaml
  date +%s%N > blocked.txt && git add blocked.txt
  run git commit -m "feat: should be blocked"
  expect_rc 1 "$1: the commit is refused"
  expect_in "$ERR" 'unknown key "bogus"' "$1: by preflight's pre-commit"
  rm -f .preflight.yaml
  git reset -q
}

scenario "writing a hook in place changes this repository only"
new_repo other
run "$PF" install
expect_rc 0 "install into the other repository"
cd .. && new_repo repo
run "$PF" install
expect_rc 0 "install"
for hook in pre-commit commit-msg pre-push post-checkout reference-transaction; do
  [ ! -L .git/hooks/$hook ] && pass || fail "$hook is not a symbolic link"
  [ "$(stat -c %i .git/hooks/$hook)" != "$(stat -c %i "$shared/$hook")" ] && pass ||
    fail "$hook is not a hard link to the shared binary"
  size=$(stat -c %s .git/hooks/$hook)
  [ "$size" -lt 65536 ] && pass || fail "$hook is a small launcher ($size bytes)"
done
# What husky's prepare, `cp` and an editor do: open the hook path and write.
printf '#!/bin/sh\n# husky\necho "husky ran" >&2\n' > .git/hooks/pre-commit
printf '#!/bin/sh\nexit 0\n' > "$TEST_ROOT/commit-msg-script"
cp "$TEST_ROOT/commit-msg-script" .git/hooks/commit-msg
shared_intact "the shared binaries are unchanged"
run "$PF" status
expect_rc 1 "status reports problems"
expect_in "$OUT" "pre-commit             foreign: husky" "status names the tool that owns pre-commit"
expect_in "$OUT" "problem: pre-commit is husky's hook, so preflight's pre-commit checks do not run; to run both, run preflight install" \
  "status says what to run to have both"
expect_in "$OUT" "commit-msg             foreign: another tool" "a hook of an unknown tool"
expect_not_in "$OUT" "not the one preflight installed" "no shared binary reported as changed"
cd ../other
blocked_by_preflight "the other repository still runs preflight"
cd ../repo
run "$PF" install
expect_rc 0 "install again"
expect_in "$OUT" "pre-commit: installed; the previous hook (husky's) was kept as" "install chains husky's hook"
echo x > x.txt && git add x.txt
run git commit -m "feat: both run"
expect_rc 0 "commit with both"
expect_in "$ERR" "husky ran" "husky's hook runs after preflight's"

scenario "status notices a shared binary that another tool replaced"
new_repo repo
run "$PF" install
run "$PF" status
expect_rc 0 "status before"
expect_in "$OUT" "no problems found" "clean before"
cp "$shared/pre-commit" "$TEST_ROOT/pre-commit.saved"
printf '#!/bin/sh\necho replaced\n' > "$shared/pre-commit"
run "$PF" status
expect_rc 1 "status after the binary was replaced"
expect_in "$OUT" "problem: the shared hook binary $shared/pre-commit is not the one preflight installed" \
  "status names the changed binary"
expect_in "$OUT" "reinstall preflight" "and what to do"
cp "$TEST_ROOT/pre-commit.saved" "$shared/pre-commit"
sed -i 's/^version .*/version 0.0.1/' "$shared/SHA256SUMS"
run "$PF" status
expect_in "$OUT" "are preflight 0.0.1, this preflight is" "status compares versions"
sed -i "s/^version .*/version $("$PF" version | cut -d' ' -f2)/" "$shared/SHA256SUMS"
mv "$shared/SHA256SUMS" "$TEST_ROOT/sums"
run "$PF" status
expect_in "$OUT" "cannot verify the hook binaries" "status says when it cannot verify"
mv "$TEST_ROOT/sums" "$shared/SHA256SUMS"
run "$PF" status
expect_rc 0 "status clean again"

scenario "an older install's symbolic links are reported and replaced"
new_repo repo
for hook in pre-commit commit-msg pre-push post-checkout reference-transaction; do
  ln -s "$shared/$hook" .git/hooks/$hook
done
run "$PF" status
expect_rc 1 "status"
expect_in "$OUT" "problem: pre-commit is a symbolic link into the shared preflight binaries" \
  "status explains the risk of links"
run "$PF" install
expect_rc 0 "install"
expect_in "$OUT" "pre-commit: updated to $shared/pre-commit" "install replaces the link"
[ ! -L .git/hooks/pre-commit ] && [ -f .git/hooks/pre-commit ] && pass || fail "no link left"
shared_intact "replacing the links did not write through them"
blocked_by_preflight "the new hook files run preflight"

scenario "lefthook renamed preflight's hook"
new_repo repo
run "$PF" install
# What `lefthook install` (2.2.1, measured) does to a hook that is not its own:
# renames it to <hook>.old and writes its script, which never runs the .old one.
mv .git/hooks/pre-commit .git/hooks/pre-commit.old
cat > .git/hooks/pre-commit <<'HOOK'
#!/bin/sh
if [ "$LEFTHOOK" = "0" ]; then
  exit 0
fi
call_lefthook() { echo "lefthook ran $*" >&2; }
call_lefthook run "pre-commit" "$@"
HOOK
chmod +x .git/hooks/pre-commit
run "$PF" status
expect_in "$OUT" "pre-commit             foreign: lefthook" "status names lefthook"
expect_in "$OUT" "lefthook renamed preflight's hook to pre-commit.old, which git never runs" \
  "status explains the .old file"
run "$PF" install
expect_rc 0 "install"
expect_in "$OUT" "removed $PWD/.git/hooks/pre-commit.old" "install removes the renamed copy"
[ ! -e .git/hooks/pre-commit.old ] && pass || fail "no .old left"
blocked_by_preflight "preflight's pre-commit runs again"
echo y > y.txt && git add y.txt
run git commit -m "feat: both"
expect_in "$ERR" "lefthook ran run pre-commit" "lefthook's hook runs after preflight's"

scenario "pre-commit runs preflight's hook as its legacy hook"
new_repo repo
run "$PF" install
# What `pre-commit install` does to an existing hook: renames it <hook>.legacy
# and writes its own script, which runs the legacy hook first.
mv .git/hooks/pre-commit .git/hooks/pre-commit.legacy
cat > .git/hooks/pre-commit <<'HOOK'
#!/usr/bin/env bash
# File generated by pre-commit: https://pre-commit.com
HERE="$(cd "$(dirname "$0")" && pwd)"
"$HERE/pre-commit.legacy" "$@" || exit $?
echo "pre-commit framework ran" >&2
HOOK
chmod +x .git/hooks/pre-commit
run "$PF" status
expect_rc 0 "status has no problem"
expect_in "$OUT" "pre-commit             foreign: pre-commit, which runs preflight's hook (kept as pre-commit.legacy)" \
  "status says both run"
blocked_by_preflight "preflight's hook runs through pre-commit's"

scenario "husky's hooks folder"
new_repo repo
# husky 9: core.hooksPath .husky/_, a folder it keeps out of git with a .gitignore.
mkdir -p .husky/_ && printf '*\n' > .husky/_/.gitignore
git config core.hooksPath .husky/_
run "$PF" status
expect_in "$OUT" "hooks:       $PWD/.husky/_ (core.hooksPath, set by husky)" "status names husky's folder"
expect_in "$OUT" "problem: pre-commit is not installed in $PWD/.husky/_, the hooks folder husky set as core.hooksPath" \
  "status says preflight's hooks do not run there"
run "$PF" install
expect_rc 0 "install into husky's folder (git ignores it)"
printf '#!/usr/bin/env sh\n. "$(dirname "$0")/h"\n# husky\n' > .husky/_/pre-commit
shared_intact "husky rewriting its hook did not touch the shared binaries"

scenario "a committed hooks folder needs --portable"
new_repo repo
mkdir .githooks && echo "# team hooks" > .githooks/README && git add .githooks && git commit -qm "chore: hooks folder"
git config core.hooksPath .githooks
run "$PF" install
expect_rc 2 "install refuses"
expect_in "$ERR" "a folder in the working tree that git tracks" "install says why"
expect_in "$ERR" "preflight install --portable" "install says what to run"
[ ! -e .githooks/pre-commit ] && pass || fail "nothing written"
run "$PF" install --portable
expect_rc 0 "install --portable"
for hook in pre-commit commit-msg pre-push post-checkout reference-transaction; do
  [ -x .githooks/$hook ] && pass || fail "$hook written"
  if grep -qE "$prefix|$PREFLIGHT_BUILD_DIR|/usr/|/home/" .githooks/$hook; then
    fail "$hook names a path of this machine"
  else pass; fi
done
run "$PF" status
expect_in "$OUT" "pre-commit             installed: preflight (portable script)" "status knows portable hooks"
PATH="$prefix/bin:$PATH" blocked_by_preflight "with preflight on PATH the portable hook runs it"
git add .githooks && git commit -qm "chore: portable hooks" --no-verify
git clone -q . ../teammate
cd ../teammate
git config core.hooksPath .githooks
printf 'bogus: 1\n' > .preflight.yaml && echo z > z.txt && git add z.txt
run env PATH=/usr/bin:/bin git commit -m "feat: teammate without preflight"
expect_rc 0 "a teammate without preflight can commit"
expect_in "$ERR" "preflight: not installed on this machine; pre-commit checks skipped" "and is told why nothing ran"

scenario "a user-level core.hooksPath needs --global"
new_repo repo
git config --global core.hooksPath "$HOME/.githooks"
run "$PF" install
expect_rc 2 "install refuses"
expect_in "$ERR" "core.hooksPath is set in your user-level git config" "install says why"
expect_in "$ERR" "preflight install --global" "install names the flag"
[ ! -e "$HOME/.githooks/pre-commit" ] && pass || fail "nothing written"
run "$PF" install --global
expect_rc 0 "install --global"
blocked_by_preflight "the user-level hooks run"
git config --global --unset core.hooksPath

scenario "a commit's reference-transaction calls open nothing"
new_repo repo
run "$PF" install
# The files each reference-transaction process opened, from strace: a commit
# (a branch moving to a child of its tip) is decided from the new commit's
# loose object, without the rules, the config or libgit2's repository.
ref_tx_opens() { # STRACE-LOG
  awk '/execve\(".*reference-transaction"/ { pid[$1] = 1 }
       $2 ~ /^openat/ && ($1 in pid) && !/ENOENT/ { print }' "$1" |
    grep -o '"[^"]*"' | sort -u
}
# LeakSanitizer cannot run under ptrace: no leak checks in the traced commands.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"
echo a > a.txt && git add a.txt
run strace -f -qq -e trace=execve,openat -o "$TEST_ROOT/strace.log" git commit --no-verify -qm "feat: child"
expect_rc 0 "commit"
opened=$(ref_tx_opens "$TEST_ROOT/strace.log")
grep -q 'reference-transaction' "$TEST_ROOT/strace.log" && pass || fail "the reference-transaction hook ran"
expect_not_in "$opened" "config" "reference-transaction opened no config"
expect_not_in "$opened" ".preflight" "reference-transaction opened no rules"
expect_not_in "$opened" "packed-refs" "reference-transaction read no refs"
expect_in "$opened" "/objects/" "it read the new commit's object"
git checkout -q -b side
echo b > b.txt && git add b.txt && git commit --no-verify -qm "feat: side"
git checkout -q main
run strace -f -qq -e trace=execve,openat -o "$TEST_ROOT/strace.log" git merge --no-verify -q --no-ff -m "feat: merge" side
expect_rc 0 "merge"
expect_not_in "$(ref_tx_opens "$TEST_ROOT/strace.log")" "config" "a merge commit is a child too"
run git reset --hard HEAD~1
expect_in "$ERR" "preflight: saved" "a reset still makes a backup"
export ASAN_OPTIONS="${ASAN_OPTIONS%:detect_leaks=0}"

scenario "a launcher whose binary is gone says so"
new_repo repo
run "$PF" install
mv "$shared/pre-commit" "$shared/pre-commit.away"
mv "$shared/reference-transaction" "$shared/reference-transaction.away"
echo a > a.txt && git add a.txt
run git commit -m "feat: binary gone"
expect_rc 1 "the commit is refused"
expect_in "$ERR" "preflight: cannot run $shared/pre-commit (not found): is preflight still installed?" \
  "the launcher says what is missing"
run git commit --no-verify -m "feat: binary gone"
expect_rc 0 "reference-transaction fails open"
expect_in "$ERR" "cannot run $shared/reference-transaction (not found)" "and says so"
mv "$shared/pre-commit.away" "$shared/pre-commit"
mv "$shared/reference-transaction.away" "$shared/reference-transaction"

scenario "preflight hook runs a hook with git's arguments"
new_repo repo
printf 'bogus: 1\n' > .preflight.yaml
run "$PF" hook commit-msg --not-an-option
expect_rc 2 "the hook ran (and refused the rules)"
expect_in "$ERR" 'unknown key "bogus"' "commit-msg read the rules"
run "$PF" hook no-such-hook
expect_rc 2 "unknown hook"
expect_in "$ERR" 'unknown hook "no-such-hook"' "says so"

finish
