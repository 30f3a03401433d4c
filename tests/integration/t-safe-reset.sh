# preflight safe-reset and the restore of its snapshots, with real git: what a
# reset would discard is saved (and only that), in every repository state, and
# `preflight backup restore` gives back exactly the saved index and files.
. "$(dirname "$0")/lib.sh"

wips() { git for-each-ref --format='%(refname:short)' refs/heads/backup/wip/; }
# The snapshot branch the last safe-reset announced.
announced() { sed -n 's/.*saved uncommitted work ([^)]*) as branch \([^;]*\);.*/\1/p' <<<"$ERR"; }
commit_file() { printf '%s\n' "$2" >"$1" && git add "$1" && git commit -qm "feat: $1"; }
# The README's wrapper: `git reset` goes through safe-reset in an interactive shell.
git_wrapped() {
  if [ "$1" = reset ]; then shift; command "$PREFLIGHT" safe-reset "$@"; else command git "$@"; fi
}

scenario "safe-reset --hard before the first commit snapshots the staged files"
git init -q repo && cd repo || exit 1
install_hooks
printf 'first draft\n' >notes.txt && mkdir -p src && printf 'int x;\n' >src/a.c
git add notes.txt src/a.c
printf 'first draft, edited\n' >notes.txt
run "$PREFLIGHT" safe-reset --hard
expect_rc 0 "safe-reset --hard on an unborn branch"
expect_eq "$(git ls-files)" "" "the reset happened: nothing staged"
expect_eq "$([ -e src/a.c ] && echo there || echo gone)" "gone" "git deleted the staged file"
snap=$(wips)
expect_in "$snap" "backup/wip/main/" "a snapshot branch on the unborn branch"
expect_in "$ERR" "saved uncommitted work (staged, unstaged) as branch $snap" "says so"
run "$PREFLIGHT" backup restore "$snap"
expect_rc 0 "restore onto the still unborn branch"
expect_eq "$(cat notes.txt)" "first draft, edited" "the working file's bytes are back"
expect_eq "$(git show :notes.txt)" "first draft" "the staged version is back in the index"
expect_eq "$(git show :src/a.c)" "int x;" "a staged new file is back in the index"
expect_eq "$(cat src/a.c)" "int x;" "and in the working tree"

scenario "safe-reset before the first commit: a mixed reset keeps a staged version found nowhere else"
git init -q repo && cd repo || exit 1
printf 'staged\n' >a && git add a && printf 'edited\n' >a
run "$PREFLIGHT" safe-reset
expect_rc 0 "safe-reset on an unborn branch"
expect_eq "$(git ls-files)" "" "nothing staged any more"
snap=$(wips)
expect_eq "$(git show "$snap^1:a")" "staged" "the staged version is in the snapshot's index commit"
run "$PREFLIGHT" backup restore "$snap"
expect_rc 0 "restore"
expect_eq "$(git show :a):$(cat a)" "staged:edited" "index and file as they were"

scenario "safe-reset makes no snapshot when the reset discards nothing"
new_repo repo
install_hooks
commit_file a "base"
printf 'staged\n' >a && git add a
printf 'new\n' >b && git add b
run "$PREFLIGHT" safe-reset a
expect_rc 0 "safe-reset <file>"
expect_eq "$(git diff --cached --name-only)" "b" "a is unstaged"
expect_eq "$(cat a)" "staged" "the working file keeps the change"
run "$PREFLIGHT" safe-reset --mixed
expect_rc 0 "safe-reset --mixed"
expect_eq "$(git diff --cached --name-only)" "" "nothing staged"
printf 'edit\n' >a
run "$PREFLIGHT" safe-reset --keep HEAD
expect_rc 0 "safe-reset --keep with unstaged edits only"
run "$PREFLIGHT" safe-reset --soft HEAD
expect_rc 0 "safe-reset --soft"
expect_eq "$(wips)" "" "no snapshot: every change is still in the working tree"
expect_not_in "$ERR" "saved uncommitted work" "and none announced"

scenario "safe-reset <path> from a subfolder looks only at the paths it resets"
new_repo repo
install_hooks
mkdir sub && printf 'x\n' >x && printf 'y\n' >sub/y && git add x sub/y && git commit -qm "feat: x y"
printf 'x staged\n' >x && git add x && printf 'x edited\n' >x
printf 'y staged\n' >sub/y && git add sub/y
cd sub || exit 1
run "$PREFLIGHT" safe-reset y
expect_rc 0 "safe-reset y from sub/"
expect_eq "$(git diff --cached --name-only)" "x" "sub/y unstaged, x still staged"
expect_eq "$(wips)" "" "no snapshot: sub/y's staged version is its working file"
run "$PREFLIGHT" safe-reset -- ../x
expect_rc 0 "safe-reset -- ../x"
expect_eq "$(git diff --cached --name-only)" "" "git reset -- ../x ran with its \"--\""
snap=$(wips)
expect_eq "$(git show "$snap^2:x")" "x staged" "x's staged version, in no file, is saved"
cd .. || exit 1

scenario "safe-reset --mixed/--keep/--merge snapshot a staged version found nowhere else"
new_repo repo
install_hooks
commit_file a "base"
printf 'staged version\n' >a && git add a && printf 'later edit\n' >a
run "$PREFLIGHT" safe-reset --mixed
expect_rc 0 "safe-reset --mixed"
snap=$(wips)
expect_in "$snap" "backup/wip/main/" "the staged version is saved"
expect_eq "$(git show "$snap^2:a")" "staged version" "the snapshot's index holds it"
git branch -D -q "$snap"
printf 'staged version\n' >a && git add a && printf 'later edit\n' >a
run "$PREFLIGHT" safe-reset --keep HEAD
expect_rc 0 "safe-reset --keep"
expect_eq "$(git show "$(wips)^2:a")" "staged version" "--keep: saved"
git branch -D -q "$(wips)"
printf 'staged only\n' >a && git add a
run "$PREFLIGHT" safe-reset --merge HEAD
expect_rc 0 "safe-reset --merge"
expect_eq "$(cat a)" "base" "git reset --merge dropped the staged change"
expect_eq "$(git show "$(wips)^2:a")" "staged only" "--merge: saved"

scenario "safe-reset --hard saves no untracked data the reset leaves alone"
new_repo repo
install_hooks
commit_file code.py "x = 1"
mkdir data && head -c 50000000 /dev/urandom >data/big.bin
git count-objects -v >/dev/null
before=$(du -sk .git | cut -f1)
printf 'x = 2\n' >code.py
run "$PREFLIGHT" safe-reset --hard
expect_rc 0 "safe-reset --hard"
after=$(du -sk .git | cut -f1)
grew=$((after - before))
if [ "$grew" -lt 1024 ]; then pass; else fail ".git grew by ${grew} KB for a one-line change"; fi
snap=$(wips)
expect_eq "$(git show "$snap:code.py")" "x = 2" "the one-line change is saved"
expect_eq "$(git rev-parse -q --verify "$snap^3")" "" "no untracked files in the snapshot"
expect_eq "$(stat -c %s data/big.bin)" "50000000" "the untracked data is untouched"
expect_in "$ERR" "saved uncommitted work (staged, unstaged) as branch $snap" "says what it saved"

scenario "safe-reset --hard saves an untracked file the reset would overwrite"
new_repo repo
install_hooks
commit_file keep.txt "committed"
commit_file other.txt "other"
git rm -q --cached keep.txt
printf 'edited after git rm --cached\n' >keep.txt
printf 'left alone\n' >scratch.txt
run "$PREFLIGHT" safe-reset --hard
expect_rc 0 "safe-reset --hard"
expect_eq "$(cat keep.txt)" "committed" "git overwrote the untracked file"
expect_in "$ERR" "1 untracked file the reset overwrites" "says so"
snap=$(wips)
expect_eq "$(git ls-tree --name-only "$snap^3")" "keep.txt" "only the overwritten file is saved"
run "$PREFLIGHT" backup restore "$snap"
expect_rc 0 "restore"
expect_eq "$(cat keep.txt)" "edited after git rm --cached" "its bytes are back"
expect_eq "$(git ls-files keep.txt)" "" "and it is untracked again"
expect_eq "$(cat scratch.txt)" "left alone" "the other untracked file never moved"
git rm -q other.txt && git commit -qm "chore: drop other"
printf 'my own other\n' >other.txt
run "$PREFLIGHT" safe-reset --hard HEAD~1
expect_rc 0 "safe-reset --hard to a commit that has the untracked file's path"
expect_eq "$(cat other.txt)" "other" "git overwrote it with the target's version"
expect_eq "$(git show "$(announced)^3:other.txt")" "my own other" "the overwritten file is saved"

scenario "safe-reset --hard with submodules and an untracked nested repository"
git init -q lib && (cd lib && git commit -q --allow-empty -m "chore: lib start")
new_repo repo
install_hooks
git -c protocol.file.allow=always submodule add -q ../lib sub 2>/dev/null
git -c protocol.file.allow=always submodule add -q ../lib dirty 2>/dev/null
git commit -qm "chore: submodules"
old_sub=$(git rev-parse HEAD:sub)
(cd sub && commit_file s "new in sub")
new_sub=$(git -C sub rev-parse HEAD)
printf 'dirty\n' >dirty/file
git init -q nested && (cd nested && commit_file n "nested")
commit_file t.txt "base"
printf 'changed\n' >t.txt
run "$PREFLIGHT" safe-reset --hard
expect_rc 0 "safe-reset --hard succeeds"
expect_not_in "$ERR" "directory" "no 'it is a directory' error"
snap=$(wips)
expect_eq "$(git show "$snap:t.txt")" "changed" "the tracked change is saved"
expect_eq "$(git rev-parse "$snap:sub")" "$new_sub" "the submodule's new commit is recorded as a gitlink"
expect_eq "$(git rev-parse "$snap:dirty")" "$(git rev-parse HEAD:dirty)" "a dirty submodule keeps its commit"
expect_eq "$(git -C nested log --format=%s)" "feat: n" "the nested repository is left alone"
expect_eq "$(cat dirty/file)" "dirty" "and so are the submodule's files"
run "$PREFLIGHT" backup restore "$snap"
expect_rc 0 "restore"
expect_eq "$(cat t.txt)" "changed" "the change is back"
expect_eq "$(git rev-parse HEAD:sub)" "$old_sub" "(HEAD still has the old submodule commit)"

scenario "backup restore of a snapshot from a later, conflicting HEAD gives back the saved state"
new_repo repo
install_hooks
commit_file f.txt "base"
commit_file g.txt "g base"
printf 'staged work\n' >f.txt && git add f.txt && printf 'staged work\nand unstaged\n' >f.txt
printf 'g unstaged\n' >g.txt
printf 'new staged\n' >n.txt && git add n.txt
run "$PREFLIGHT" safe-reset --hard
expect_rc 0 "safe-reset --hard"
snap=$(wips)
commit_file f.txt "later conflicting line"
commit_file g.txt "g later"
printf 'current edit\n' >g.txt
run "$PREFLIGHT" backup restore "$snap" --as elsewhere
expect_rc 2 "--as with a snapshot"
expect_in "$ERR" "is uncommitted work, which goes back into the working tree" "is refused, with why"
expect_eq "$(git rev-parse -q --verify elsewhere)" "" "rather than ignored"
expect_eq "$(cat g.txt)" "current edit" "and touches nothing"
run "$PREFLIGHT" backup restore "$snap"
expect_rc 0 "restore from a later HEAD"
expect_not_in "$ERR$OUT" "Index was not unstashed" "the index comes back"
expect_eq "$(cat f.txt)" "$(printf 'staged work\nand unstaged')" "f.txt: exactly the saved bytes"
expect_eq "$(git show :f.txt)" "staged work" "f.txt: exactly the saved index entry"
expect_eq "$(cat g.txt)" "g unstaged" "g.txt: the saved bytes, no conflict markers"
expect_eq "$(git show :g.txt)" "g base" "g.txt: the saved index entry"
expect_eq "$(git show :n.txt)" "new staged" "n.txt: staged again"
expect_eq "$(git ls-files -u)" "" "no conflicts"
expect_in "$ERR" "saved the current uncommitted work first as branch" "the state it replaced is saved"
before=$(wips | grep -v "^$snap\$")
expect_eq "$(git show "$before:g.txt")" "current edit" "with the edit made after the reset"

scenario "backup restore on a detached HEAD: tracked files the snapshot lacks go, saved first"
new_repo repo
install_hooks
commit_file run.sh "echo hi"
commit_file gone.txt "gone"
rm gone.txt && chmod +x run.sh
run "$PREFLIGHT" safe-reset --hard
snap=$(wips)
git checkout -q --detach HEAD~1
printf 'staged later\n' >later.txt && git add later.txt
run "$PREFLIGHT" backup restore "$snap"
expect_rc 0 "restore on a detached HEAD"
expect_eq "$([ -e later.txt ] && echo there || echo gone)" "gone" "a file the snapshot did not track is removed"
expect_eq "$(git ls-files later.txt)" "" "and unstaged"
expect_eq "$([ -e gone.txt ] && echo there || echo gone)" "gone" "the saved deletion is back"
expect_eq "$(git ls-files gone.txt)" "gone.txt" "and gone.txt is still in the index, as saved"
expect_eq "$([ -x run.sh ] && echo x || echo -)" "x" "the executable bit is back"
saved=$(wips | grep /wip/detached/)
expect_eq "$(git show "$saved^2:later.txt")" "staged later" "what it replaced is saved"

scenario "safe-reset in a conflicted merge saves the conflict, and the wrapper does not loop"
new_repo repo
install_hooks
commit_file m.txt "base"
git checkout -qb other && commit_file m.txt "theirs" && git checkout -q main
commit_file m.txt "ours"
commit_file clean.txt "clean"
git merge -q other >/dev/null 2>&1
printf 'half resolved\n' >m.txt
printf 'staged during the merge\n' >clean.txt && git add clean.txt
run git_wrapped reset --hard
expect_rc 0 "git reset --hard through the README's wrapper"
expect_not_in "$ERR" "run git reset directly" "no hint that loops"
expect_eq "$(git status --porcelain)" "" "the merge is gone"
snap=$(wips)
expect_in "$ERR" "saved uncommitted work (staged, unstaged, conflicts) as branch $snap" "says so"
run "$PREFLIGHT" backup restore "$snap"
expect_rc 0 "restore"
expect_eq "$(cat m.txt)" "half resolved" "the half-resolved file is back"
expect_eq "$(git ls-files -u m.txt | awk '{print $3}' | tr '\n' ' ')" "1 2 3 " \
  "its three conflict stages are back"
expect_eq "$(git show :1:m.txt):$(git show :2:m.txt):$(git show :3:m.txt)" "base:ours:theirs" \
  "with their contents"
expect_eq "$(git show :clean.txt)" "staged during the merge" "the staged file is back"
git reset -q --hard && git merge -q other >/dev/null 2>&1
printf 'resolved by hand\n' >m.txt
run git_wrapped reset --merge
expect_rc 0 "git reset --merge (what merge --abort does) through the wrapper"
expect_eq "$(cat m.txt)" "ours" "the merge is aborted"
expect_eq "$(git show "$(announced):m.txt")" "resolved by hand" "the hand resolution is saved"
git merge -q other >/dev/null 2>&1
count=$(wips | wc -l)
run git_wrapped reset
expect_rc 0 "a mixed reset in a conflicted merge"
expect_eq "$(wips | wc -l)" "$count" "keeps the files, so no snapshot"

scenario "safe-reset --hard in a conflicted cherry-pick saves the conflict"
new_repo repo
install_hooks
commit_file c.txt "base"
git checkout -qb other && commit_file c.txt "picked" && git checkout -q main
commit_file c.txt "mine"
git cherry-pick other >/dev/null 2>&1
expect_eq "$(git ls-files -u c.txt | wc -l)" "3" "(the cherry-pick stopped on a conflict)"
run "$PREFLIGHT" safe-reset --hard
expect_rc 0 "safe-reset --hard"
expect_in "$ERR" "(staged, unstaged, conflicts)" "says it kept the conflict"
expect_eq "$(git show "$(announced)^2^2:3/c.txt")" "picked" "the picked side is in the snapshot"
run "$PREFLIGHT" backup restore "$(wips)"
expect_rc 0 "restore"
expect_eq "$(git show :2:c.txt):$(git show :3:c.txt)" "mine:picked" "both sides are back in the index"
expect_in "$(cat c.txt)" "<<<<<<<" "and the file with its markers"

finish
