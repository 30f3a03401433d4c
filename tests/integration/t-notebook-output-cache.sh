# The notebook output cache (docs/notebooks.md, "Outputs that survive stash,
# checkout and reset"): git stores notebooks stripped, and the smudge side of
# `preflight filter-process` gives their outputs back when git writes the same
# stripped notebook into the working tree again: stash and pop, pull and rebase
# with --autostash, checkout away and back, reset --hard, checkout -- <path>.
# Also: the cache's bound, tampered and stale entries, blobs never seen, the
# pre-commit stripping path, `preflight status`, and that nothing with outputs
# ever reaches an object git stores or pushes.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

# make_nb FILE SOURCE OUTPUT [PADDING]: a notebook with one code cell whose
# stream output is OUTPUT (and PADDING more bytes of output text).
make_nb() {
  python3 - "$@" <<'PY'
import json, sys
path, source, output = sys.argv[1], sys.argv[2], sys.argv[3]
pad = int(sys.argv[4]) if len(sys.argv) > 4 else 0
nb = {"cells": [{"cell_type": "code", "execution_count": 7, "id": "c1", "metadata": {},
                 "outputs": [{"name": "stdout", "output_type": "stream",
                              "text": [output + "\n", "x" * pad]}],
                 "source": [source]}],
      "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                                  "name": "python3"}},
      "nbformat": 4, "nbformat_minor": 5}
with open(path, "w") as f:
    json.dump(nb, f, indent=1)
    f.write("\n")
PY
}

# expect_same FILE COPY DESCRIPTION: byte-for-byte equal.
expect_same() {
  if cmp -s "$1" "$2"; then pass; else fail "$3: $1 differs from $2"; fi
}

# expect_stripped_blob REV:PATH DESCRIPTION: the object holds no output text.
expect_stripped_blob() {
  local text
  text=$(git cat-file -p "$1")
  expect_in "$text" '"outputs": []' "$2 (outputs emptied)"
  expect_not_in "$text" "OUT-" "$2 (no output text)"
}

cache_dir() { printf '%s' "$(git rev-parse --git-common-dir)/preflight/outputs"; }

# A repository with the hooks and filter installed and one committed notebook
# whose outputs are OUT-one; its full text is kept in ../one.ipynb.
setup_repo() {
  new_repo repo
  install_hooks
  make_nb nb.ipynb "print(1)" "OUT-one"
  cp nb.ipynb ../one.ipynb
  git add nb.ipynb && git commit -q -m "feat: add a notebook"
}

scenario "preflight install sets up the smudge side: git sends checkouts through the filter"
setup_repo
rm nb.ipynb
GIT_TRACE_PACKET="$PWD/../trace" git checkout -q -- nb.ipynb
trace=$(cat ../trace)
expect_in "$trace" "git< capability=smudge" "the filter process announces smudge"
expect_in "$trace" "git> command=smudge" "git asks it to smudge the notebook"
expect_in "$trace" "git> pathname=nb.ipynb" "for the notebook"
expect_same nb.ipynb ../one.ipynb "and gets the outputs back"

scenario "stash and pop give back the outputs byte for byte"
setup_repo
make_nb nb.ipynb "print(2)" "OUT-two"
cp nb.ipynb ../two.ipynb
run git stash
expect_rc 0 "git stash"
expect_stripped_blob "stash@{0}:nb.ipynb" "the stash stores the stripped notebook"
expect_same nb.ipynb ../one.ipynb "after the stash: the committed notebook with its outputs"
run git stash pop
expect_rc 0 "git stash pop"
expect_same nb.ipynb ../two.ipynb "after the pop: the stashed notebook with its outputs"
expect_eq "$(git status --porcelain)" " M nb.ipynb" "git status: modified, as before the stash"
touch nb.ipynb
expect_eq "$(git diff --stat)" " nb.ipynb | 2 +-
 1 file changed, 1 insertion(+), 1 deletion(-)" "git diff: the source line only"

scenario "stash push -- path and stash apply keep the outputs"
setup_repo
make_nb nb.ipynb "print(3)" "OUT-three"
cp nb.ipynb ../three.ipynb
git stash push -q -- nb.ipynb
git stash apply -q
expect_same nb.ipynb ../three.ipynb "stash apply restores outputs"

scenario "pull --autostash keeps the outputs of the local edit"
setup_repo
git init -q --bare ../remote.git
git remote add origin ../remote.git && git push -q -u origin main
git clone -q ../remote.git ../other && (cd ../other && echo more > more.txt &&
  git add more.txt && git -c core.hooksPath=/dev/null commit -q -m "chore: more" &&
  git push -q origin main)
make_nb nb.ipynb "print(4)" "OUT-four"
cp nb.ipynb ../four.ipynb
run git pull --autostash --no-rebase origin main
expect_rc 0 "git pull --autostash"
expect_eq "$(cat more.txt)" "more" "the pull brought the remote commit"
expect_same nb.ipynb ../four.ipynb "the autostashed notebook comes back with its outputs"
run git pull --rebase --autostash origin main
expect_rc 0 "git pull --rebase --autostash"
expect_same nb.ipynb ../four.ipynb "pull --rebase --autostash: outputs kept"

scenario "rebase --autostash keeps the outputs of the local edit"
setup_repo
git checkout -q -b side
echo side > side.txt && git add side.txt && git commit -q -m "chore: side"
git checkout -q main
echo base > base.txt && git add base.txt && git commit -q -m "chore: base"
git checkout -q side
make_nb nb.ipynb "print(5)" "OUT-five"
cp nb.ipynb ../five.ipynb
run git rebase --autostash main
expect_rc 0 "git rebase --autostash"
expect_eq "$(git log --format=%s -1 HEAD~1)" "chore: base" "rebased onto main"
expect_same nb.ipynb ../five.ipynb "the autostashed notebook comes back with its outputs"

scenario "stash -u of a new notebook, in a folder with spaces in its name"
setup_repo
mkdir -p "sub dir"
make_nb "sub dir/new nb.ipynb" "print('new')" "OUT-new"
cp "sub dir/new nb.ipynb" ../new.ipynb
run git stash push --include-untracked
expect_rc 0 "git stash -u"
expect_eq "$(ls "sub dir" 2>/dev/null)" "" "the untracked notebook is stashed away"
expect_stripped_blob "stash@{0}^3:sub dir/new nb.ipynb" "the stash stores it stripped"
run git stash pop
expect_rc 0 "git stash pop"
expect_same "sub dir/new nb.ipynb" ../new.ipynb "it comes back with its outputs"

scenario "cherry-pick and revert back to a version seen before"
setup_repo
make_nb nb.ipynb "print(8)" "OUT-eight"
cp nb.ipynb ../eight.ipynb
git commit -q -am "feat: eight"
run git revert --no-edit HEAD
expect_rc 0 "git revert"
expect_same nb.ipynb ../one.ipynb "revert: the first version with its outputs"
git checkout -q -b pick HEAD~2
run git cherry-pick main~1
expect_rc 0 "git cherry-pick"
expect_same nb.ipynb ../eight.ipynb "cherry-pick: the picked version with its outputs"

scenario "checkout to another branch and back"
setup_repo
git checkout -q -b empty
git rm -q nb.ipynb && git commit -q -m "chore: drop the notebook"
expect_eq "$(ls nb.ipynb 2>/dev/null)" "" "the notebook is gone on the other branch"
run git checkout main
expect_rc 0 "checkout main"
expect_same nb.ipynb ../one.ipynb "back on main: the notebook with its outputs"
expect_eq "$(git status --porcelain)" "" "git status is clean"
git switch -q empty && git switch -q main
expect_same nb.ipynb ../one.ipynb "git switch away and back"
make_nb nb.ipynb "print('edit')" "OUT-edit"
git checkout -- nb.ipynb
expect_same nb.ipynb ../one.ipynb "checkout -- path: the committed notebook with its outputs"
make_nb nb.ipynb "print('edit')" "OUT-edit"
git restore nb.ipynb
expect_same nb.ipynb ../one.ipynb "git restore: the committed notebook with its outputs"

scenario "reset --hard to a commit seen before, and back"
setup_repo
make_nb nb.ipynb "print(6)" "OUT-six"
cp nb.ipynb ../six.ipynb
git commit -q -am "feat: second version"
run git reset --hard HEAD~1
expect_rc 0 "reset --hard HEAD~1"
expect_same nb.ipynb ../one.ipynb "the first version with its outputs"
run git reset --hard ORIG_HEAD
expect_rc 0 "reset --hard ORIG_HEAD"
expect_same nb.ipynb ../six.ipynb "the second version with its outputs"
expect_eq "$(git status --porcelain)" "" "git status is clean"

scenario "a blob this clone never saw is written as it is"
setup_repo
git init -q --bare ../remote.git
git remote add origin ../remote.git && git push -q -u origin main
cd .. && git clone -q remote.git fresh && cd fresh || exit 1
install_hooks
rm nb.ipynb && git checkout -q -- nb.ipynb
expect_eq "$(git hash-object --no-filters nb.ipynb)" "$(git rev-parse HEAD:nb.ipynb)" \
  "the fresh clone writes the stripped blob byte for byte"
expect_eq "$(ls "$(cache_dir)" 2>/dev/null)" "" "and caches nothing"

scenario "a tampered, truncated or stale cache entry is not used"
setup_repo
id=$(git rev-parse HEAD:nb.ipynb)
git checkout -q -b empty && git rm -q nb.ipynb && git commit -q -m "chore: drop"
make_nb "$(cache_dir)/$id" "import os; os.system('evil')" "OUT-evil"
git checkout -q main
expect_eq "$(git hash-object --no-filters nb.ipynb)" "$id" "other source in the entry: the blob as it is"
git checkout -q empty
printf '{"cells": [' > "$(cache_dir)/$id"
git checkout -q main
expect_eq "$(git hash-object --no-filters nb.ipynb)" "$id" "truncated entry: the blob as it is"
git checkout -q empty
: > "$(cache_dir)/$id"
git checkout -q main
expect_eq "$(git hash-object --no-filters nb.ipynb)" "$id" "empty entry: the blob as it is"
git checkout -q empty
cp ../one.ipynb "$(cache_dir)/$id"
printf 'notebooks:\n  keep_count: true\n' > .preflight.yaml
git checkout -q main
expect_eq "$(git hash-object --no-filters nb.ipynb)" "$id" \
  "rules changed since (keep_count): the entry no longer strips to the blob, blob as it is"
rm .preflight.yaml
git checkout -q empty
# (Leaving main, git may clean the stripped file it just wrote: an already
# stripped notebook drops its entry, see "stripped on purpose". Put it back.)
cp ../one.ipynb "$(cache_dir)/$id"
git checkout -q main
expect_same nb.ipynb ../one.ipynb "the same entry under the old rules is used (control)"

scenario "a notebook stripped on purpose stays stripped"
setup_repo
"$PREFLIGHT" nbstrip nb.ipynb
git add nb.ipynb
expect_eq "$(git status --porcelain)" "" "stripping by hand changes nothing git stores"
git checkout -q -b empty && git rm -q nb.ipynb && git commit -q -m "chore: drop"
git checkout -q main
expect_eq "$(git hash-object --no-filters nb.ipynb)" "$(git rev-parse HEAD:nb.ipynb)" \
  "the outputs removed by hand do not come back"

scenario "the cache stays within notebooks.output_cache.max_size, least recently used pruned"
new_repo repo
install_hooks
printf 'notebooks:\n  output_cache:\n    max_size: 10k\n' > .preflight.yaml
git add .preflight.yaml && git commit -q -m "chore: rules"
ids=()
for i in 1 2 3 4 5 6; do
  make_nb "nb$i.ipynb" "print($i)" "OUT-$i" 2800
  # An mtime in the past: git never finds the file racily clean, so it cleans
  # it once, and the order of use is the order of these adds.
  touch -d "2026-01-01 00:00:0$i" "nb$i.ipynb"
  git add "nb$i.ipynb"
  ids+=("$(git rev-parse ":nb$i.ipynb")")
  total=$(cat "$(cache_dir)"/* | wc -c)
  [ "$total" -le 10240 ] && pass || fail "after nb$i: the cache holds $total bytes, over 10k"
done
kept=$(ls "$(cache_dir)" | sort | tr '\n' ' ')
expect_eq "$kept" "$(printf '%s\n' "${ids[3]}" "${ids[4]}" "${ids[5]}" | sort | tr '\n' ' ')" \
  "the three newest notebooks are kept, the three oldest pruned"
git commit -q -m "feat: notebooks"
rm nb6.ipynb nb1.ipynb && git checkout -q -- nb6.ipynb nb1.ipynb
expect_in "$(cat nb6.ipynb)" "OUT-6" "a kept entry gives its outputs back"
expect_eq "$(git hash-object --no-filters nb1.ipynb)" "${ids[0]}" "a pruned one: the blob as it is"

scenario "max_size 0 turns the cache off"
new_repo repo
install_hooks
printf 'notebooks:\n  output_cache:\n    max_size: 0\n' > .preflight.yaml
make_nb nb.ipynb "print(1)" "OUT-one"
git add . && git commit -q -m "feat: add a notebook"
expect_eq "$(ls "$(cache_dir)" 2>/dev/null)" "" "nothing cached"
rm nb.ipynb && git checkout -q -- nb.ipynb
expect_eq "$(git hash-object --no-filters nb.ipynb)" "$(git rev-parse HEAD:nb.ipynb)" \
  "checked out as stored"
run "$PREFLIGHT" status
expect_in "$OUT" "output cache: 0 bytes in 0 notebooks, off (notebooks.output_cache.max_size: 0)" \
  "status says the cache is off"

scenario "the pre-commit stripping caches too"
new_repo repo
make_nb nb.ipynb "print(1)" "OUT-one"
cp nb.ipynb ../one.ipynb
git add nb.ipynb
install_hooks
run git commit -m "feat: add a notebook"
expect_rc 0 "commit"
expect_in "$ERR" "stripped nb.ipynb in the index" "the hook stripped the staged blob"
expect_stripped_blob HEAD:nb.ipynb "the commit is stripped"
expect_same "$(cache_dir)/$(git rev-parse HEAD:nb.ipynb)" ../one.ipynb \
  "the staged notebook is cached under the stripped blob's id"
rm nb.ipynb && git checkout -q -- nb.ipynb
expect_same nb.ipynb ../one.ipynb "and given back on checkout"

scenario "a cache that cannot be written warns once and never fails git"
new_repo repo
install_hooks
mkdir -p .git/preflight && printf 'not a folder\n' > .git/preflight/outputs
make_nb a.ipynb "print('a')" "OUT-a"
make_nb b.ipynb "print('b')" "OUT-b"
run git add a.ipynb b.ipynb
expect_rc 0 "git add succeeds"
expect_eq "$(grep -c 'warning' <<<"$ERR")" "1" "one warning for two notebooks"
expect_in "$ERR" "preflight: warning: cannot create a temporary file in $PWD/.git/preflight/outputs: Not a directory (the outputs of a.ipynb are not cached; what git stores is not affected)" \
  "the warning names the folder, the reason and the notebook"
expect_stripped_blob :a.ipynb "the staged notebook is stripped all the same"
run git commit -m "feat: notebooks"
expect_rc 0 "git commit succeeds"

scenario "status shows the cache"
setup_repo
run "$PREFLIGHT" status
size=$(cat "$(cache_dir)"/* | wc -c)
expect_in "$OUT" "output cache: $size bytes in 1 notebook, at most 100.0 MB" "status text"
run "$PREFLIGHT" status --format json
expect_in "$OUT" "\"bytes\": $size" "status json bytes"
expect_in "$OUT" "\"max_size\": 104857600" "status json bound"

scenario "nothing with outputs reaches the objects git stores or pushes"
setup_repo
git init -q --bare ../remote.git
git remote add origin ../remote.git
make_nb nb.ipynb "print(7)" "OUT-seven"
git stash -q && git stash pop -q
git commit -q -am "feat: seven"
git checkout -q HEAD~1 && git checkout -q main
git reset -q --hard HEAD~1 2>/dev/null && git reset -q --hard ORIG_HEAD
git push -q origin main
expect_in "$(cat nb.ipynb)" "OUT-seven" "the working copy has its outputs"
for rev in main main~1; do
  expect_stripped_blob "$rev:nb.ipynb" "local $rev"
done
expect_eq "$(git -C ../remote.git cat-file --batch-all-objects --batch | grep -ac 'print(7)')" "1" \
  "the remote has the notebook"
expect_eq "$(git -C ../remote.git cat-file --batch-all-objects --batch | grep -ac 'OUT-')" "0" \
  "no object in the remote holds an output"
expect_eq "$(git cat-file --batch-all-objects --batch | grep -ac 'OUT-')" "0" \
  "no local object (stashes included) holds an output"
expect_eq "$(git ls-files | grep -c preflight)" "0" "the cache is not tracked"

scenario "worktrees share the cache"
setup_repo
git worktree add -q --detach ../wt main
expect_same ../wt/nb.ipynb ../one.ipynb "a new worktree gets the outputs this clone cached"

finish
