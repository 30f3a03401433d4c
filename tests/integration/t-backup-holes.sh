# The holes of issue 16 that lost commits with no backup and no message: shallow
# clones, broken rules files, a backup that cannot be written, and refs libgit2
# cannot read (issue 23, bug 9). Real git, real hooks; each scenario failed
# before the fix. Rebase stops and rewrites: t-backup-rewrites.sh.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/backup_helpers.sh"

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
# Another branch's history has a missing commit: the walk fails (it used to
# stop early and count nothing) and the hook says so.
git checkout -q -b other && commit_file o1 && commit_file o2 && git checkout -q main
commit_file b
o1=$(git rev-parse other~1) b=$(git rev-parse HEAD)
rm ".git/objects/${o1:0:2}/${o1:2}"
# libgit2 1.5 leaks a few bytes on this error path (its revwalk's commit list);
# leak checking is off for this one command so that sanitizer builds run it too.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 run git reset -q --soft HEAD~1
expect_rc 0 "reset over a damaged history goes on"
expect_in "$ERR" "preflight: backups skipped (cannot walk the history of $b" "says the history cannot be read"

finish
