# The shell guard (preflight shell-init): git's destructive commands that run no
# hook, typed through the `git` shell function in bash, zsh and fish. Each loses
# nothing: what it discarded comes back byte for byte from `preflight backup
# restore`, and git's exit status and output are those of plain git on an
# identical copy of the repository.
. "$(dirname "$0")/lib.sh"

SHELLS=bash
for shell in zsh fish; do
  if command -v "$shell" >/dev/null; then SHELLS="$SHELLS $shell"; else
    echo "note: $shell is not installed (install.sh --deps-only installs it); its scenarios skipped"
  fi
done

backups() { git for-each-ref --format='%(refname:short)' refs/heads/backup/; }

# guarded SHELL ARGS...: `git ARGS` through the function that `preflight
# shell-init SHELL` prints, in the current folder (RC, OUT, ERR as with run).
guarded() {
  local shell=$1
  shift
  case $shell in
    bash) run bash --norc --noprofile -c 'eval "$("$0" shell-init bash)" && git "$@"' \
      "$PREFLIGHT" "$@" ;;
    zsh) run zsh -f -c 'eval "$("$0" shell-init zsh)" && git "$@"' "$PREFLIGHT" "$@" ;;
    fish) run fish --no-config -c '$argv[1] shell-init fish | source; git $argv[2..-1]' \
      "$PREFLIGHT" "$@" ;;
  esac
}

# twin SHELL ARGS...: copies ./a to ./b, runs plain `git ARGS` in b and the
# guarded one in a, and checks that git's exit status, standard output and
# standard error (less preflight's own lines) are the same. Ends in a, with
# SAVED set to the backup the guard named (empty when none).
twin() {
  local shell=$1
  shift
  rm -rf b && cp -a a b
  # A copied index has stale file times, which some commands (reset --merge) refuse.
  git -C a update-index -q --refresh
  git -C b update-index -q --refresh
  (cd b && git "$@" >../plain.out 2>../plain.err; echo $? >../plain.rc)
  cd a || exit 1
  guarded "$shell" "$@"
  expect_eq "$RC" "$(cat ../plain.rc)" "$shell: git $*: exit status as plain git"
  expect_eq "$OUT" "$(cat ../plain.out)" "$shell: git $*: standard output as plain git"
  # (the hooks' own lines name backups with the time: compared without preflight's lines)
  expect_eq "$(grep -v '^preflight: ' <<<"$ERR")" "$(grep -v '^preflight: ' ../plain.err)" \
    "$shell: git $*: standard error as plain git"
  SAVED=$(sed -n 's/^preflight: saved .* restore with: preflight backup restore \([^ ]*\)$/\1/p' \
    <<<"$ERR" | head -1)
}

# restore_saved: `preflight backup restore $SAVED` succeeds.
restore_saved() {
  expect_in "$SAVED" "backup/" "$CURRENT: the guard named its backup (stderr: $ERR)"
  run "$PREFLIGHT" backup restore "$SAVED"
  expect_rc 0 "$CURRENT: preflight backup restore $SAVED"
}

# start: a repository ./a with hooks and one commit of a.txt ("one").
start() {
  new_repo a
  install_hooks
  printf 'one\n' > a.txt && git add a.txt && git commit -qm "feat: a"
  cd .. || exit 1
}

for shell in $SHELLS; do
  scenario "$shell: checkout -- a file"
  start
  printf 'two\nno newline' > a/a.txt
  twin "$shell" checkout -- a.txt
  expect_eq "$(cat a.txt)" "one" "the checkout happened"
  restore_saved
  expect_eq "$(cat a.txt)" "$(printf 'two\nno newline')" "the edit is back, byte for byte"

  scenario "$shell: reset --hard with staged and unstaged changes"
  start
  (cd a && printf 'staged\n' > s.txt && git add s.txt && printf 'unstaged\n' >> a.txt)
  twin "$shell" reset --hard
  expect_eq "$(git status --porcelain)" "" "the reset happened"
  restore_saved
  expect_eq "$(git show :s.txt)" "staged" "the staged file is staged again"
  expect_eq "$(cat a.txt)" "$(printf 'one\nunstaged')" "the unstaged edit is back"

  scenario "$shell: clean -fd"
  start
  (cd a && mkdir -p 'new dir' && printf 'x\0y' > 'new dir/data.bin' && printf 'u\n' > u.txt)
  twin "$shell" clean -fd
  expect_eq "$(git status --porcelain)" "" "clean removed them"
  restore_saved
  expect_eq "$(od -c 'new dir/data.bin')" "$(printf 'x\0y' | od -c)" "binary file back"
  expect_eq "$(cat u.txt)" "u" "u.txt back"

  scenario "$shell: mv -f onto a changed file"
  start
  (cd a && printf 'two\n' > b.txt && git add b.txt && git commit -qm "feat: b" && printf 'edit\n' > b.txt)
  twin "$shell" mv -f a.txt b.txt
  expect_eq "$(cat b.txt)" "one" "moved"
  git reset -q --hard && restore_saved
  expect_eq "$(cat b.txt)" "edit" "the edit is back"

  scenario "$shell: stash drop"
  start
  (cd a && printf 'stashed\n' > a.txt && git stash -q)
  twin "$shell" stash drop
  expect_eq "$(git stash list)" "" "dropped"
  restore_saved
  expect_eq "$(cat a.txt)" "stashed" "the stashed edit is back"

  scenario "$shell: branch -C over an existing branch (no reference-transaction hook runs)"
  start
  (cd a && git checkout -qb x && printf 'x\n' > x.txt && git add x.txt && git commit -qm "feat: x" &&
    git checkout -q main)
  old=$(git -C a rev-parse x)
  twin "$shell" branch -C main x
  expect_eq "$(git rev-parse x)" "$(git rev-parse main)" "x was overwritten"
  expect_in "$ERR" "saved 1 commit that \`git branch\` would take off x" "says what it saved"
  restore_saved
  expect_eq "$(git rev-parse x)" "$old" "x is back at its old tip"
done

scenario "checkout -f <branch>"
start
(cd a && git branch other && printf 'two\n' > a.txt && git commit -qam "feat: two" &&
  printf 'dirty\n' > a.txt)
twin bash checkout -f other
expect_eq "$(cat a.txt)" "one" "checkout -f switched and discarded"
git checkout -q main && restore_saved
expect_eq "$(cat a.txt)" "dirty" "back, on the branch it was made on"

scenario "checkout <rev> -- <path>"
start
(cd a && printf 'two\n' > a.txt && git commit -qam "feat: two" && printf 'staged\n' > a.txt &&
  git add a.txt && printf 'worktree\n' > a.txt)
twin bash checkout HEAD~1 -- a.txt
expect_eq "$(git show :a.txt)/$(cat a.txt)" "one/one" "index and file rewritten"
git reset -q --hard && restore_saved
expect_eq "$(git show :a.txt)/$(cat a.txt)" "staged/worktree" "index and file back"

scenario "checkout <path> without --"
start
(cd a && printf 'three\n' > a.txt)
twin bash checkout a.txt
expect_eq "$(cat a.txt)" "one" "discarded"
restore_saved
expect_eq "$(cat a.txt)" "three" "back"

scenario "checkout <branch> and checkout of a clean path save nothing"
start
(cd a && git branch other && printf 'b\n' > b.txt && git add b.txt && git commit -qm "feat: b" &&
  printf 'dirty\n' > a.txt)
twin bash checkout -- b.txt
expect_eq "$SAVED" "" "a clean path: no backup"
cd .. && twin bash checkout other
expect_eq "$SAVED" "" "switching branches carries the edit: no backup"
expect_eq "$(cat a.txt)" "dirty" "the edit was carried"
expect_eq "$(backups)" "" "no backup branch at all"

scenario "restore <path>"
start
(cd a && printf 'edit\n' > a.txt)
twin bash restore a.txt
expect_eq "$(cat a.txt)" "one" "discarded"
restore_saved
expect_eq "$(cat a.txt)" "edit" "back"

scenario "restore --staged --worktree"
start
(cd a && printf 'edit\n' > a.txt && git add a.txt && printf 'later\n' > a.txt)
twin bash restore --staged --worktree a.txt
expect_eq "$(git status --porcelain)" "" "both reset"
restore_saved
expect_eq "$(git show :a.txt)/$(cat a.txt)" "edit/later" "staged and unstaged back"

scenario "restore --staged of a version the file no longer has"
start
(cd a && printf 'edit\n' > a.txt && git add a.txt && printf 'later\n' > a.txt)
twin bash restore --staged a.txt
expect_eq "$(git show :a.txt)/$(cat a.txt)" "one/later" "the staged version was unstaged"
git checkout -q -- a.txt && restore_saved
expect_eq "$(git show :a.txt)" "edit" "the staged version is back"

scenario "restore --staged of a version the file still has: nothing saved"
start
(cd a && printf 'edit\n' > a.txt && git add a.txt)
twin bash restore --staged a.txt
expect_eq "$SAVED" "" "no backup"
expect_eq "$(backups)" "" "no backup branch"

for form in --discard-changes -f; do
  scenario "switch $form"
  start
  (cd a && git branch other && printf 'two\n' > a.txt && git commit -qam "feat: two" &&
    printf 'edit\n' > a.txt)
  twin bash switch "$form" other
  expect_eq "$(git branch --show-current)/$(cat a.txt)" "other/one" "switched, edit discarded"
  git switch -q main && restore_saved
  expect_eq "$(cat a.txt)" "edit" "back"
done

scenario "reset --merge HEAD~1 drops staged changes"
start
(cd a && printf 'two\n' > b.txt && git add b.txt && git commit -qm "feat: b" &&
  printf 'staged\n' > a.txt && git add a.txt)
twin bash reset --merge HEAD~1
expect_eq "$(git show :a.txt)/$(cat a.txt)" "one/one" "the staged change is gone"
git reset -q --hard main@{1} && restore_saved
expect_eq "$(git show :a.txt)/$(cat a.txt)" "staged/staged" "back"

scenario "reset --merge that git refuses saves nothing lost, and changes nothing"
start
(cd a && printf 'staged\n' > a.txt && git add a.txt && printf 'worktree\n' > a.txt)
twin bash reset --merge
expect_eq "$RC" "128" "git refused"
expect_eq "$(git show :a.txt)/$(cat a.txt)" "staged/worktree" "untouched"

scenario "reset --keep drops a staged version the file no longer has"
start
(cd a && printf 'staged\n' > a.txt && git add a.txt && printf 'worktree\n' > a.txt)
twin bash reset --keep
expect_eq "$(git show :a.txt)/$(cat a.txt)" "one/worktree" "the staged version was reset"
git checkout -q -- a.txt && restore_saved
expect_eq "$(git show :a.txt)/$(cat a.txt)" "staged/worktree" "back"

for paths in a.txt ""; do
  scenario "reset ${paths:-(everything)}: a staged version the file no longer has"
  start
  (cd a && printf 'b\n' > b.txt && git add b.txt && git commit -qm "feat: b" &&
    printf 'staged\n' > a.txt && git add a.txt && printf 'worktree\n' > a.txt &&
    printf 'staged b\n' > b.txt && git add b.txt)
  twin bash reset -q $paths
  expect_eq "$(git show :a.txt)/$(cat a.txt)" "one/worktree" "the staged version was reset"
  expect_eq "$(git diff --cached --name-only)" "$([ -n "$paths" ] && echo b.txt)" "what stays staged"
  git reset -q --hard && restore_saved
  expect_eq "$(git show :a.txt)/$(cat a.txt)/$(git show :b.txt)" "staged/worktree/staged b" "back"
done

scenario "reset <path> of a version the file still has: nothing saved"
start
(cd a && printf 'staged\n' > a.txt && git add a.txt)
twin bash reset -q a.txt
expect_eq "$SAVED" "" "no backup"
expect_eq "$(cat a.txt)" "staged" "the file keeps it"
expect_eq "$(backups)" "" "no backup branch"

for form in "-f" "--cached -f"; do
  scenario "rm $form of a file with a staged and a changed version"
  start
  (cd a && printf 'staged\n' > a.txt && git add a.txt && printf 'worktree\n' > a.txt)
  twin bash rm -q $form a.txt
  expect_eq "$(git ls-files a.txt)" "" "out of the index"
  git reset -q --hard && restore_saved
  expect_eq "$(git show :a.txt)/$(cat a.txt)" "staged/worktree" "back"
done

for form in "-f" "--force" "-kf"; do
  scenario "mv $form onto a file with a staged and a changed version"
  start
  (cd a && printf 'two\n' > b.txt && git add b.txt && git commit -qm "feat: b" &&
    printf 'staged\n' > b.txt && git add b.txt && printf 'worktree\n' > b.txt)
  twin bash mv $form a.txt b.txt
  expect_eq "$(cat b.txt)" "one" "b.txt is a.txt now"
  expect_in "$ERR" "saved the uncommitted changes that \`git mv\` would discard" "the guard says what it saved"
  git reset -q --hard && restore_saved
  expect_eq "$(git show :b.txt)/$(cat b.txt)" "staged/worktree" "both versions of b.txt back"
done

scenario "mv -f onto an untracked and an ignored file, into a folder, and -n: nothing lost"
start
(cd a && printf 'ignored.txt\n' > .gitignore && git add .gitignore && git commit -qm "chore: ignore" &&
  printf 'two\n' > b.txt && git add b.txt && git commit -qm "feat: b" &&
  printf 'untracked\n' > u.txt && printf 'precious\n' > ignored.txt)
twin bash mv -n -f a.txt u.txt
expect_eq "$SAVED" "" "mv -n: no backup"
cd .. && twin bash mv -f a.txt u.txt
expect_eq "$(cat u.txt)" "one" "u.txt is a.txt now"
expect_in "$ERR" "saved 1 file that" "the untracked file was saved"
restore_saved
expect_eq "$(cat u.txt)" "untracked" "the untracked file's bytes back"
cd .. && twin bash mv -f b.txt ignored.txt
expect_eq "$(cat ignored.txt)" "two" "ignored.txt is b.txt now"
restore_saved
expect_eq "$(cat ignored.txt)" "precious" "the ignored file's bytes back"
cd .. && (cd a && mkdir -p dir && printf 'in dir\n' > dir/a.txt)
twin bash mv -f a.txt dir
expect_eq "$(cat dir/a.txt)" "one" "moved into the folder over dir/a.txt"
restore_saved
expect_eq "$(cat dir/a.txt)" "in dir" "the file in the folder back"
cd .. && twin bash mv a.txt c.txt
expect_eq "$SAVED" "" "mv without -f: no backup"

scenario "reset --hard with nothing to lose, and reset --soft: no backup"
start
(cd a && printf 'u\n' > untracked.txt)
twin bash reset --hard
expect_eq "$SAVED" "" "only an untracked file, which reset leaves: no backup"
cd .. && twin bash reset --soft HEAD
expect_eq "$(backups)" "" "no backup branch at all"

scenario "options before the subcommand: -C, -c, --git-dir and --work-tree"
start
(cd a && mkdir sub && printf 's\n' > sub/s.txt && git add sub && git commit -qm "feat: sub" &&
  printf 'edit\n' > sub/s.txt)
cd a && guarded bash -C sub -c core.abbrev=9 checkout -- s.txt
expect_rc 0 "git -C sub -c ... checkout -- s.txt"
expect_eq "$(cat sub/s.txt)" "s" "ran"
SAVED=$(sed -n 's/.*restore with: preflight backup restore \([^ ]*\)$/\1/p' <<<"$ERR")
restore_saved
expect_eq "$(cat sub/s.txt)" "edit" "back"
cd .. && printf 'again\n' > a/a.txt
guarded bash --git-dir=a/.git --work-tree=a reset --hard
expect_rc 0 "git --git-dir=a/.git --work-tree=a reset --hard"
expect_eq "$(cat a/a.txt)" "one" "ran"
expect_in "$ERR" "preflight: saved the uncommitted changes that \`git reset\` would discard" "saved"

scenario "clean: odd file names, a subfolder, -n harmless"
start
(cd a && mkdir -p sub && printf '1' > "a b" && printf '2' > "-dash" && printf '3' > 'quo"te' &&
  printf '4' > "$(printf 'new\nline')" && printf '5' > "é.txt" && printf '6' > sub/in.txt &&
  ln -s a.txt link && printf '#!/bin/sh\n' > run.sh && chmod +x run.sh)
before=$(cd a && git status --porcelain -uall)
twin bash clean -n
expect_eq "$SAVED" "" "clean -n: no backup"
expect_eq "$(backups)" "" "clean -n: no backup branch"
cd .. && twin bash -C sub clean -fd
expect_eq "$(ls sub)" "" "clean in sub removed only sub's files"
expect_in "$ERR" "saved 1 file that \`git clean\` would delete" "one file"
restore_saved
expect_eq "$(cat sub/in.txt)" "6" "back"
cd .. && twin bash clean -fd
expect_eq "$(git status --porcelain -uall)" "" "all gone"
restore_saved
expect_eq "$(git status --porcelain -uall)" "$before" "every odd name back"
expect_eq "$(cat "a b")$(cat -- -dash)$(cat 'quo"te')$(cat "$(printf 'new\nline')")$(cat é.txt)" \
  "12345" "bytes of each"
expect_eq "$(readlink link)" "a.txt" "the link is a link again"
expect_eq "$(stat -c %A run.sh | cut -c4)" "x" "the executable bit is kept"

scenario "clean -fdx: ignored files saved under backups.guard_max_size, listed over it"
start
(cd a && printf 'checkpoints/\n' > .gitignore && printf 'backups:\n  guard_max_size: 1KB\n' \
  > .preflight.yaml && git add .gitignore .preflight.yaml && git commit -qm "chore: rules" &&
  mkdir checkpoints && printf 'small' > checkpoints/small.pt && printf 'n' > notes.txt)
twin bash clean -fdx
expect_not_in "$ERR" "not saved" "under the cap: nothing left out"
restore_saved
expect_eq "$(cat checkpoints/small.pt)/$(cat notes.txt)" "small/n" "ignored and untracked back"
head -c 4096 /dev/zero > checkpoints/big.pt
git clean -qfdx && mkdir checkpoints && printf 'small' > checkpoints/small.pt && head -c 4096 /dev/zero > checkpoints/big.pt
printf 'n' > notes.txt
cd ..
twin bash clean -fdx
expect_in "$ERR" "preflight: not saved: 2 ignored files (0 MiB, over backups.guard_max_size) that \`git clean\` will delete: \"checkpoints/big.pt\", \"checkpoints/small.pt\"" "listed, not copied"
expect_eq "$(git show "$SAVED^3" --name-only --format=)" "notes.txt" "only the untracked file was copied"
restore_saved
expect_eq "$(cat notes.txt)" "n" "untracked file back"

for entry in 'stash@{1}' 1; do
  scenario "stash drop $entry"
  start
  (cd a && for i in 1 2 3; do printf '%s\n' "s$i" > a.txt && git stash -q; done)
  twin bash stash drop "$entry"
  expect_in "$ERR" "saved stash@{1} (WIP on main:" "names the entry"
  expect_eq "$(git stash list | wc -l)" "2" "dropped"
  restore_saved
  expect_eq "$(cat a.txt)" "s2" "the dropped entry is back"
done

scenario "stash clear"
start
(cd a && for i in 1 2 3; do printf '%s\n' "s$i" > a.txt && git stash -q; done)
twin bash stash clear
expect_eq "$(grep -c '^preflight: saved stash@' <<<"$ERR")" "3" "one backup per entry"
got=
for name in $(sed -n 's/.*restore with: preflight backup restore \([^ ]*\)$/\1/p' <<<"$ERR"); do
  git checkout -q -- a.txt
  SAVED=$name && restore_saved
  got="$got$(cat a.txt)"
done
expect_eq "$got" "s3s2s1" "each entry back"

scenario "worktree remove --force: uncommitted work, and a detached HEAD's commits"
start
(cd a && git worktree add -q ../wt -b feature && cd ../wt && printf 'wt\n' > a.txt &&
  printf 'new\n' > new.txt)
cd a && guarded bash worktree remove --force ../wt
expect_rc 0 "worktree remove --force"
expect_eq "$(ls ../wt 2>&1 >/dev/null | grep -c .)" "1" "the worktree is gone"
recipe=$(sed -n 's/.*restore with: //p' <<<"$ERR")
expect_eq "$recipe" "git worktree add ../wt feature && preflight -C ../wt backup restore $(backups)" "restore recipe"
git worktree add -q ../wt feature && run "$PREFLIGHT" -C ../wt backup restore "$(backups)"
expect_rc 0 "the recipe works"
expect_eq "$(cat ../wt/a.txt)/$(cat ../wt/new.txt)" "wt/new" "tracked edit and untracked file back"
git worktree remove --force ../wt && git branch -q -D "$(backups)"
git worktree add -q --detach ../wt2 && (cd ../wt2 && printf 'd\n' > d.txt && git add d.txt &&
  git commit -qm "feat: detached")
lost=$(git -C ../wt2 rev-parse HEAD)
guarded bash worktree remove ../wt2
expect_rc 0 "worktree remove (clean)"
expect_in "$ERR" "saved 1 commit of the detached HEAD of worktree \"../wt2\"" "says so"
expect_eq "$(git rev-parse "$(backups)")" "$lost" "the commit has a branch"

scenario "branch -M over an existing branch: the hook saves it, the guard adds nothing"
start
(cd a && git checkout -qb y && printf 'y\n' > y.txt && git add y.txt && git commit -qm "feat: y" &&
  git checkout -q main && git checkout -qb z && git commit -q --allow-empty -m "feat: z" &&
  git checkout -q main)
old=$(git -C a rev-parse y)
twin bash branch -M z y
expect_eq "$(git rev-parse y)" "$(git -C ../b rev-parse y)" "renamed as plain git did"
expect_eq "$(backups | grep -c '^backup/y/')" "1" "one backup of y"
expect_eq "$(git rev-parse "$(backups | grep '^backup/y/')")" "$old" "at y's old tip"

# A guard snapshot comes back as it was whatever HEAD did after it: a new
# commit on the branch, and another branch checked out.
for move in "a commit on top" "another branch checked out"; do
  scenario "reset --hard, then $move: restore gives back the staged file and the edit"
  start
  (cd a && git branch other && printf 'staged\n' > s.txt && git add s.txt &&
    printf 'unstaged\n' >> a.txt)
  twin bash reset --hard
  expect_eq "$(git status --porcelain)" "" "the reset happened"
  if [ "$move" = "a commit on top" ]; then
    printf 'three\n' > a.txt && git commit -qam "feat: three"
  else
    git checkout -q other
  fi
  head=$(git rev-parse HEAD)
  restore_saved
  expect_eq "$(git rev-parse HEAD)" "$head" "HEAD stays where it moved to"
  expect_eq "$(git show :s.txt 2>&1)" "staged" "the staged file is staged again"
  expect_eq "$(cat a.txt)" "$(printf 'one\nunstaged')" "the unstaged edit is back, byte for byte"
done

scenario "a conflicted merge: the guard refuses, and its hint does not loop"
start
(cd a && git checkout -qb side && printf 'side\n' > a.txt && git commit -qam "feat: side" &&
  git checkout -q main && printf 'main\n' > a.txt && git commit -qam "feat: main" &&
  git merge -q side >/dev/null 2>&1)
cd a && guarded bash reset --hard
expect_rc 1 "refused"
expect_in "$ERR" "unresolved conflicts" "why"
expect_in "$ERR" "did not run (to run it anyway, without a backup: command git reset ...)" "how"
expect_eq "$(test -f .git/MERGE_HEAD && echo merging)" "merging" "git did not run"
run bash --norc -c 'eval "$("$0" shell-init bash)" && git checkout --theirs a.txt' "$PREFLIGHT"
expect_rc 0 "checkout --theirs, picking a side of the conflict, is not refused"
expect_eq "$(cat a.txt)" "side" "it ran"
run bash --norc -c 'eval "$("$0" shell-init bash)" && command git reset -q --hard' "$PREFLIGHT"
expect_rc 0 "command git bypasses the function"

scenario "every other git command starts no process but git"
start
cd a && "$PREFLIGHT" shell-init bash | sed "s|^    .* guard -- |    $TEST_ROOT/spy guard -- |" > "$TEST_ROOT/function.sh"
printf '#!/bin/sh\necho "$*" >> "%s/spied"\nexec "%s" "$@"\n' "$TEST_ROOT" "$PREFLIGHT" > "$TEST_ROOT/spy"
chmod +x "$TEST_ROOT/spy" && git branch other
for args in "status" "log --oneline" "-C . status" "-c x.y=1 diff" "rm -n -q a.txt" \
  "stash list" "branch" "branch -c other copy" "switch other" "switch main" \
  "worktree list" "add a.txt" "commit --allow-empty --no-verify -qm x" "--no-pager show -s"; do
  run bash --norc -c '. "$0" && git "$@"' "$TEST_ROOT/function.sh" $args
  expect_rc 0 "git $args through the function"
done
expect_eq "$(cat "$TEST_ROOT/spied" 2>/dev/null)" "" "the guard never ran"
run bash --norc -c '. "$0" && git checkout -q -- a.txt' "$TEST_ROOT/function.sh"
expect_eq "$(cat "$TEST_ROOT/spied")" "guard -- checkout -q -- a.txt" "the spy does see a guarded command"

scenario "preflight status says whether the guard is active"
start
cd a && run "$PREFLIGHT" status
expect_in "$OUT" "shell guard: not active (add eval \"\$(preflight shell-init bash)\" to ~/.bashrc" "off"
run bash --norc -c 'eval "$("$0" shell-init bash)" && "$0" status' "$PREFLIGHT"
expect_in "$OUT" "shell guard: active in this shell" "on"
run env PREFLIGHT_GUARD=1 "$PREFLIGHT" --format json status
expect_in "$OUT" '"shell_guard": true' "json"

finish
