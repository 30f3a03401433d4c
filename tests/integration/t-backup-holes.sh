# The holes of issue 16 that lost commits with no backup and no message: shallow
# clones, broken rules files, a backup that cannot be written, commits made at a
# rebase stop, rewrites that drop changes, and refs libgit2 cannot read. Real git,
# real hooks; each scenario failed before the fix.
. "$(dirname "$0")/lib.sh"

backups() { git for-each-ref --format='%(refname:short)' refs/heads/backup/ refs/heads/preflight-backup/; }
count_backups() { backups | grep -c . ; }
# expect_backups N DESCRIPTION
expect_backups() { expect_eq "$(count_backups)" "$1" "$2"; }
commit_file() { echo "$1" > "$1" && git add "$1" && git commit -qm "feat: $1"; }
# expect_reset_saves N WHAT: `git reset --hard HEAD~N` goes on and leaves the old
# tip in the one backup there is.
expect_reset_saves() {
  local tip
  tip=$(git rev-parse HEAD)
  run git reset -q --hard HEAD~"$1"
  expect_rc 0 "$2: reset --hard HEAD~$1"
  expect_backups 1 "$2: one backup"
  expect_eq "$(git rev-parse "$(backups)")" "$tip" "$2: at the old tip"
}
# expect_backup_at ID DESCRIPTION: some backup branch points at ID.
expect_backup_at() {
  local found
  found=$(git for-each-ref --points-at="$1" --format='%(refname:short)' refs/heads/backup/ refs/heads/preflight-backup/)
  if [ -n "$found" ]; then pass; else fail "$2: no backup at $1 among: $(backups | tr '\n' ' ')"; fi
}
# origin_repo: ./origin with five commits, for clones.
origin_repo() {
  git init -q origin
  for n in 1 2 3 4 5; do
    echo "$n" > origin/f$n && git -C origin add f$n && git -C origin commit -qm "feat: f$n"
  done
}

# --- 1. shallow clones -------------------------------------------------------
scenario "shallow clones back up as a full clone does, from the hook"
origin_repo
base=$PWD
for depth in full 1 3; do
  cd "$base" || exit 1
  if [ "$depth" = full ]; then git clone -q "file://$base/origin" c-$depth
  else git clone -q --depth $depth "file://$base/origin" c-$depth; fi
  cd c-$depth || exit 1
  install_hooks
  [ "$depth" = full ] || expect_eq "$(git rev-parse --is-shallow-repository)" true "depth $depth is shallow"
  commit_file l1 && commit_file l2
  expect_reset_saves 2 "depth $depth"
  expect_in "$ERR" "saved 2 commits that left main (reset)" "depth $depth: says so"
  expect_not_in "$ERR" "skipped" "depth $depth: nothing skipped"
  # branch -f, branch -D, a detached HEAD left behind
  git checkout -q -b side && commit_file s && git checkout -q main
  run git branch -f side main
  expect_in "$ERR" "saved 1 commit that left side (forced move)" "depth $depth: branch -f"
  git checkout -q -b gone && commit_file g && git checkout -q main
  run git branch -D gone
  expect_in "$ERR" "saved 1 commit that left gone (deletion)" "depth $depth: branch -D"
  git checkout -q --detach && commit_file d
  run git checkout -q main
  expect_in "$ERR" "saved 1 commit left on a detached HEAD" "depth $depth: detached HEAD"
  expect_backups 4 "depth $depth: four backups in all"
  # ordinary work makes none, and prints nothing
  run commit_file ok
  expect_eq "$ERR" "" "depth $depth: a commit prints nothing"
  expect_backups 4 "depth $depth: and makes no backup"
done

scenario "shallow clone: preflight safe-reset backs up"
origin_repo
git clone -q --depth 1 "file://$PWD/origin" c && cd c || exit 1
install_hooks
commit_file l1 && commit_file l2
tip=$(git rev-parse HEAD)
run "$PREFLIGHT" safe-reset --hard HEAD~2
expect_rc 0 "safe-reset in a shallow clone"
expect_in "$ERR" "saved 2 commits that left main (reset)" "says so"
expect_eq "$(git rev-parse "$(backups)")" "$tip" "the backup is at the old tip"
expect_eq "$(git rev-parse HEAD)" "$(git rev-parse origin/main)" "and the reset happened"

scenario "shallow clone: a linked worktree (git keeps .git/shallow in the common dir)"
origin_repo
git clone -q --depth 1 "file://$PWD/origin" c && cd c || exit 1
install_hooks
git worktree add -q ../wt -b wt 2>/dev/null
cd ../wt || exit 1
run commit_file w1
expect_eq "$ERR" "" "a commit in the worktree prints nothing"
commit_file w2
tip=$(git rev-parse HEAD)
run git reset -q --hard HEAD~2
expect_rc 0 "reset in the worktree"
expect_in "$ERR" "saved 2 commits that left wt (reset)" "backed up"
expect_backup_at "$tip" "at the old tip"

# --- 2. a broken rules file ----------------------------------------------------
# kind|rules text|what the warning says
while IFS='|' read -r kind rules says; do
  scenario "broken rules ($kind): backups use the defaults"
  new_repo repo
  install_hooks
  git checkout -q -b gone && commit_file g && git checkout -q main
  commit_file a
  printf "$rules" > .preflight.yaml
  expect_reset_saves 1 "$kind"
  expect_in "$ERR" "preflight: warning: .preflight.yaml:$says" "$kind: says where"
  expect_eq "$(grep -c 'using the default backup rules' <<<"$ERR")" 1 "$kind: in one line"
  expect_not_in "$ERR" "backups skipped" "$kind: nothing skipped"
  run git branch -D gone
  expect_in "$ERR" "saved 1 commit that left gone (deletion)" "$kind: branch -D too"
done <<'EOF_KINDS'
typo|backups:\n  on_rebse: true\n|2:3: unknown key
newer key|backups:\n  enabled: true\nfuture_feature:\n  level: 3\n|3:1: unknown key
conflict markers|<<<<<<< HEAD\nbackups:\n  enabled: true\n=======\nbackups:\n  enabled: false\n>>>>>>> theirs\n|
bad YAML|backups: [unclosed\n|2:1: invalid YAML
wrong type|backups:\n  keep_per_branch: lots\n|2:
EOF_KINDS

# --- 3. a backup that cannot be written ----------------------------------------
scenario "backup cannot be written: the move is refused, SKIP=backup lets it go once"
new_repo repo
install_hooks
# A branch named "backup" and one named "preflight-backup" sit where both backup
# namespaces need a folder: no backup branch can be created.
git branch backup && git branch preflight-backup
commit_file a
tip=$(git rev-parse HEAD)
for mode in --soft --hard; do
  run git reset -q $mode HEAD~1
  expect_rc 128 "reset $mode is refused"
  expect_in "$ERR" "preflight: error: refusing the reset: 1 commit of main would be on no branch and the backup failed (cannot create a backup branch for main:" "reset $mode: says why"
  expect_in "$ERR" "Free disk space or clear the ref store and run the command again, or let the commits go once with SKIP=backup" "reset $mode: says how to go on"
  expect_eq "$(git rev-parse main)" "$tip" "reset $mode: main did not move"
done
git reset -q --hard "$tip"
git checkout -q -b side && commit_file s && git checkout -q main
side=$(git rev-parse side)
run git branch -f side main
expect_rc 128 "branch -f is refused"
expect_in "$ERR" "refusing the forced move: 1 commit of side" "branch -f: says why"
expect_eq "$(git rev-parse side)" "$side" "side did not move"
run git branch -D side
expect_rc 128 "branch -D is refused"
expect_in "$ERR" "refusing the deletion: 1 commit of side" "branch -D: says why"
expect_eq "$(git rev-parse side)" "$side" "side still exists"
SKIP=backup run git branch -D side
expect_rc 0 "SKIP=backup lets a deletion go"
expect_in "$ERR" "1 commit of side (${side:0:7}) now on no branch" "and names the commit"
echo more >> a && git add a
run git commit -q --amend --no-edit
expect_rc 128 "an amend that drops a change is refused"
expect_in "$ERR" "refusing the amend: 1 commit of main" "amend: says why"
expect_eq "$(git rev-parse main)" "$tip" "main did not move"
git reset -q --hard "$tip"
SKIP=backup run git reset -q --hard HEAD~1
expect_rc 0 "SKIP=backup goes on"
expect_in "$ERR" "preflight: warning: cannot create a backup branch for main:" "SKIP=backup: says the backup failed"
expect_in "$ERR" "1 commit of main (${tip:0:7}) now on no branch" "SKIP=backup: names what is lost"
expect_backups 0 "no backup was possible"
git checkout -q --detach && commit_file d
run git checkout -q main
expect_rc 0 "post-checkout cannot refuse a checkout that is done"
expect_in "$ERR" "now on no branch" "but says the detached commit is on no branch"

# A real full disk: the repository on a tmpfs with a few inodes. Freed one at a
# time, the disk first has room for git's lock files but not for the backup's
# folders: there the reset must be refused, never done without a backup. Needs
# root with CAP_SYS_ADMIN (mount); skipped, and said, without it.
scenario "a full disk: the reset is refused until the backup fits"
mkdir full
if mount -t tmpfs -o size=4m,nr_inodes=400 tmpfs full 2>/dev/null; then
  cd full && new_repo repo
  install_hooks
  commit_file a
  tip=$(git rev-parse HEAD)
  n=0
  while [ "$(df --output=iavail . | tail -1)" -gt 0 ] && : > ../fill$n 2>/dev/null; do n=$((n + 1)); done
  refused=0 moved_without_backup=0
  for try in $(seq 20); do
    rm -f ../fill$((n - try))
    run git reset -q --soft HEAD~1
    if grep -qF "refusing the reset: 1 commit of main would be on no branch and the backup failed" <<<"$ERR"; then
      refused=1
      expect_in "$ERR" "No space left on device" "the refusal names the full disk"
      expect_eq "$(git rev-parse main)" "$tip" "a refused reset leaves main"
    fi
    if [ "$(git rev-parse main)" != "$tip" ]; then
      [ "$(count_backups)" = 1 ] || moved_without_backup=1
      break
    fi
  done
  expect_eq "$refused" 1 "with a nearly full disk the reset was refused"
  expect_eq "$moved_without_backup" 0 "main never moved without a backup"
  expect_eq "$(git rev-parse "$(backups)")" "$tip" "once there is room, the backup is made"
  cd "$TEST_ROOT" && umount "$TEST_ROOT/a_full_disk__the_reset_is_refused_until_the_backup_fits/full"
else
  echo "t-backup-holes: skipped \"a full disk\" (cannot mount a tmpfs here)" >&2
fi

scenario "refs and history libgit2 cannot read are reported, never read as nothing to save"
new_repo repo
install_hooks
commit_file a
# side names a commit that is not in the object store: git overwrites it, the
# hook cannot read it and says so (it used to read it as a creation).
echo 1234567890123456789012345678901234567890 > .git/refs/heads/side
run git update-ref refs/heads/side HEAD
expect_rc 0 "update-ref over a broken ref goes on"
expect_in "$ERR" "preflight: backups skipped (cannot read refs/heads/side: " "says the ref cannot be read"
# The new tip's history has a missing commit: the walk fails (it used to stop
# early and count nothing) and the hook says so.
commit_file b && commit_file c
a=$(git rev-parse HEAD~2) b=$(git rev-parse HEAD~1) c=$(git rev-parse HEAD)
rm ".git/objects/${a:0:2}/${a:2}"
run git reset -q --soft HEAD~1
expect_rc 0 "reset over a damaged history goes on"
expect_in "$ERR" "preflight: backups skipped (cannot tell whether $c is in the history of $b" "says the history cannot be read"

# --- 4. commits made at a rebase stop ---------------------------------------------
scenario "commits made at a rebase stop (edit, break, conflict), then rebase --abort"
new_repo repo
install_hooks
commit_file a && commit_file b && commit_file c
orig=$(git rev-parse HEAD)
GIT_SEQUENCE_EDITOR="sed -i '1s/^pick/edit/'" git rebase -q -i HEAD~2 >/dev/null 2>&1
commit_file at-edit
stop=$(git rev-parse HEAD)
run git rebase --abort
expect_rc 0 "abort after edit"
expect_eq "$(git rev-parse HEAD)" "$orig" "back at the original tip"
expect_backups 1 "edit stop: one backup"
expect_eq "$(git rev-parse "$(backups)")" "$stop" "edit stop: holds the new commit"
expect_in "$ERR" "that left main (rebase)" "edit stop: says so"
GIT_SEQUENCE_EDITOR="sed -i '1a break'" git rebase -q -i HEAD~2 >/dev/null 2>&1
commit_file at-break
stop=$(git rev-parse HEAD)
run git rebase --abort
expect_backups 2 "break stop: one more"
expect_backup_at "$stop" "break stop: holds the new commit"
git checkout -q -b topic HEAD~1 && echo topic > c && git add c && git commit -qm "feat: topic c"
git rebase -q main >/dev/null 2>&1
expect_eq "$(git status --porcelain c)" "AA c" "a conflict stops the rebase"
echo resolved > c && git add c && git commit -qm "fix: resolved by hand"
stop=$(git rev-parse HEAD)
run git rebase --abort
expect_backups 3 "conflict stop: one more"
expect_backup_at "$stop" "conflict stop: holds the resolution"
git checkout -q topic
git rebase -q --apply main >/dev/null 2>&1
expect_eq "$(git status --porcelain c)" "AA c" "a conflict stops the apply backend"
echo resolved again > c && git add c && git commit -qm "fix: resolved by hand, apply backend"
stop=$(git rev-parse HEAD)
run git rebase --abort
expect_backups 4 "apply backend conflict stop: one more"
expect_backup_at "$stop" "apply backend: holds the resolution"
git checkout -q main
GIT_SEQUENCE_EDITOR="sed -i '1s/^pick/edit/'" git rebase -q -i --no-ff HEAD~2 >/dev/null 2>&1
run git rebase --abort
expect_backups 4 "an abort with no new commit: none (the copies' changes are on main)"

scenario "reset --hard at a rebase stop"
new_repo repo
install_hooks
commit_file a && commit_file b
GIT_SEQUENCE_EDITOR="sed -i '1s/^pick/edit/'" git rebase -q -i HEAD~1 >/dev/null 2>&1
commit_file at-edit
stop=$(git rev-parse HEAD)
run git reset -q --hard HEAD~1
expect_rc 0 "reset at the stop"
expect_backups 1 "one backup"
expect_eq "$(git rev-parse "$(backups)")" "$stop" "holds the new commit"
run git rebase --continue
expect_rc 0 "rebase goes on"
expect_backups 1 "and makes no second one"

# --- 5. rewrites, decided per commit by patch id ---------------------------------
scenario "rebase -i that drops a commit, rebase --onto: backed up by default"
new_repo repo
install_hooks
commit_file a && commit_file b && commit_file c
tip=$(git rev-parse HEAD)
run env GIT_SEQUENCE_EDITOR="sed -i '/ feat: b\$/s/^pick/drop/'" git rebase -q -i HEAD~2
expect_rc 0 "rebase -i with a drop"
expect_eq "$(git log --format=%s main | head -2 | tr '\n' ,)" "feat: c,feat: a," "b was dropped"
expect_backups 1 "a dropped commit: one backup"
expect_eq "$(git rev-parse "$(backups)")" "$tip" "at the old tip"
expect_in "$ERR" "saved 2 commits that left main (rebase)" "says so"
commit_file d && commit_file e
tip=$(git rev-parse HEAD)
run git rebase -q --onto HEAD~2 HEAD~1
expect_rc 0 "rebase --onto"
expect_eq "$(git log --format=%s -1 HEAD~1)" "feat: c" "d was dropped"
expect_backups 2 "rebase --onto dropping d: one more"
expect_backup_at "$tip" "at the old tip"

scenario "rewrites that keep every change: rebase -i reorder, rebase onto new work, amend of the message"
new_repo repo
install_hooks
commit_file a && commit_file b && commit_file c
run env GIT_SEQUENCE_EDITOR="sed -i '1{h;d};2G'" git rebase -q -i HEAD~2
expect_rc 0 "rebase -i reorder"
expect_eq "$(git log --format=%s -2 | tr '\n' ,)" "feat: b,feat: c," "reordered"
run git commit -q --amend -m "feat: b, reworded"
expect_rc 0 "amend of the message only"
git checkout -q -b topic HEAD~2 && commit_file t && git checkout -q main
git checkout -q topic
run git rebase -q main
expect_rc 0 "rebase onto new work"
expect_backups 0 "none of them backs up"
echo changed >> t && git add t
tip=$(git rev-parse HEAD)
run git commit -q --amend --no-edit
expect_backups 1 "an amend that changes the content: backed up"
expect_eq "$(git rev-parse "$(backups)")" "$tip" "at the old tip"
expect_in "$ERR" "that left topic (amend)" "says amend"

scenario "pull --rebase: upstream has the patch, or new work"
git init -q --bare remote.git
new_repo a
git remote add origin ../remote.git
commit_file base && git push -q -u origin main 2>/dev/null
cd .. && git clone -q remote.git b && cd b || exit 1
install_hooks
echo mine > shared && git add shared && git commit -qm "feat: mine"
cd ../a && echo mine > shared && git add shared && GIT_COMMITTER_DATE=2026-01-02T00:00:00Z git commit -qm "feat: same change, upstream" && git push -q 2>/dev/null
cd ../b || exit 1
run git pull -q --rebase
expect_rc 0 "pull --rebase"
expect_eq "$(git rev-parse HEAD)" "$(git rev-parse origin/main)" "the local copy was dropped as already upstream"
expect_backups 0 "patch upstream: no backup"
commit_file local-work
cd ../a && commit_file upstream-work && git push -q 2>/dev/null
cd ../b || exit 1
run git pull -q --rebase
expect_rc 0 "pull --rebase over new work"
expect_backups 0 "new work: no backup"

scenario "filter-branch: a message rewrite keeps every change, a removed file does not"
new_repo repo
install_hooks
commit_file a && commit_file b
export FILTER_BRANCH_SQUELCH_WARNING=1
run git filter-branch -f --msg-filter 'sed s/feat/chore/' HEAD~2..HEAD
expect_rc 0 "msg-filter"
expect_eq "$(git log --format=%s -1)" "chore: b" "messages rewritten"
expect_backups 0 "message rewrite: none"
tip=$(git rev-parse HEAD)
run git filter-branch -f --index-filter 'git rm -q --cached --ignore-unmatch b' HEAD~1..HEAD
expect_rc 0 "index-filter"
expect_backups 1 "a removed file: backed up"
expect_eq "$(git rev-parse "$(backups)")" "$tip" "at the old tip"
unset FILTER_BRANCH_SQUELCH_WARNING

finish
