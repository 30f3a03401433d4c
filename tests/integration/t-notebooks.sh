# Notebooks stripped on commit without touching the working copy: the clean
# filter (`preflight filter-process`, git's long-running protocol) and textconv
# that `preflight install` configures, and the pre-commit check that strips in
# the index when the filter did not run: plain commits, -a, <paths>, partially
# staged notebooks, check mode, malformed notebooks, uninstall.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

CASES="${SHARED:-$HERE/../../../shared}/conformance/nbstripout/e2e_notebooks"
# nbstripout 0.9.1's output for this input with no flags (cases.tsv).
INPUT="$CASES/test_metadata.ipynb"
EXPECTED="$CASES/test_metadata.ipynb.expected"
[ -f "$INPUT" ] && [ -f "$EXPECTED" ] || { echo "conformance data missing: $CASES" >&2; exit 1; }

# set_source FILE CELL TEXT: sets the source of cell CELL, keeping outputs.
set_source() {
  python3 - "$@" <<'PY'
import json, sys
path, cell, text = sys.argv[1], int(sys.argv[2]), sys.argv[3]
nb = json.load(open(path))
nb["cells"][cell]["source"] = text
json.dump(nb, open(path, "w"), indent=1)
PY
}

# expect_same FILE COPY DESCRIPTION: byte-for-byte equal.
expect_same() {
  if cmp -s "$1" "$2"; then pass; else fail "$3: $1 differs from $2"; fi
}

# expect_staged_is_file PATH DESCRIPTION: the index holds exactly the working
# file's bytes (nothing was rewritten).
expect_staged_is_file() {
  expect_eq "$(git rev-parse ":$1")" "$(git hash-object --no-filters -- "$1")" "$2"
}

without_filter() { rm -f .git/info/attributes; }
with_filter() { printf '*.ipynb filter=preflight-nbstrip\n' > .git/info/attributes; }
LIBEXEC=$(cd "$(dirname "$PREFLIGHT")/../libexec/preflight" && pwd)

scenario "install configures the filter and attributes (no textconv unless asked)"
new_repo repo
install_hooks
expect_in "$OUT" "filter.preflight-nbstrip.process: set to $LIBEXEC/notebook-filter" "filter reported"
expect_eq "$(git config filter.preflight-nbstrip.process)" "$LIBEXEC/notebook-filter" "filter.process"
expect_eq "$(git config filter.preflight-nbstrip.required)" "false" "filter.required"
expect_eq "$(git config diff.preflight-nbstrip.textconv || echo unset)" "unset" "no textconv"
expect_in "$(cat .git/info/attributes)" "*.ipynb filter=preflight-nbstrip" "attributes"
expect_eq "$(git check-attr filter diff -- a.ipynb)" "a.ipynb: filter: preflight-nbstrip
a.ipynb: diff: unspecified" "git sees the attributes"
install_hooks
expect_eq "$(grep -c 'filter=preflight-nbstrip' .git/info/attributes)" "1" "install twice: one line"
expect_eq "$(git status --porcelain)" "" "nothing to commit for the set-up"

scenario "a notebook with outputs is committed stripped; the working copy keeps them"
new_repo repo
install_hooks
cp "$INPUT" nb.ipynb && cp "$INPUT" ../saved.ipynb
git add nb.ipynb
run git commit -m "feat: add a notebook"
expect_rc 0 "commit passes"
git show HEAD:nb.ipynb > ../committed.ipynb
expect_same ../committed.ipynb "$EXPECTED" "the commit holds nbstripout's output"
expect_same nb.ipynb ../saved.ipynb "the working file is byte-for-byte unchanged"
expect_eq "$(git status --porcelain)" "" "git status is clean"
touch nb.ipynb
expect_eq "$(git status --porcelain)" "" "git status is clean after touch (the filter re-runs)"
FILTER_REPO=$PWD

scenario "git diff shows source changes only"
cd "$FILTER_REPO" || exit 1
set_source nb.ipynb 1 "print('changed source')"
python3 - <<'PY'
import json
nb = json.load(open("nb.ipynb"))
for cell in nb["cells"]:
    if cell["cell_type"] == "code" and not {"init_cell", "keep_output"} & set(cell["metadata"]):
        cell["outputs"] = [{"name": "stdout", "output_type": "stream", "text": ["NEW OUTPUT\n"]}]
        cell["execution_count"] = 99
json.dump(nb, open("nb.ipynb", "w"), indent=1)
PY
run git diff
expect_in "$OUT" "+    \"print('changed source')\"" "the source change is shown"
expect_not_in "$OUT" "NEW OUTPUT" "outputs are not shown"
expect_not_in "$OUT" "execution_count\": 99" "execution counts are not shown"
git checkout -q -- nb.ipynb 2>/dev/null; cp ../saved.ipynb nb.ipynb

scenario "a partially staged notebook keeps its unstaged edits"
cd "$FILTER_REPO" || exit 1
set_source nb.ipynb 0 "staged edit"
git add nb.ipynb
set_source nb.ipynb 1 "unstaged edit"
cp nb.ipynb ../partial.ipynb
run git commit -m "feat: staged edit"
expect_rc 0 "commit passes"
expect_same nb.ipynb ../partial.ipynb "the working file keeps both edits and its outputs"
expect_in "$(git show HEAD:nb.ipynb)" '"staged edit"' "the staged edit is committed"
expect_not_in "$(git show HEAD:nb.ipynb)" 'unstaged edit' "the unstaged edit is not"
"$PREFLIGHT" nbstrip < <(git show HEAD:nb.ipynb) > ../restripped.ipynb
git show HEAD:nb.ipynb > ../committed.ipynb
expect_same ../committed.ipynb ../restripped.ipynb "the committed notebook is stripped"
expect_eq "$(git status --porcelain)" " M nb.ipynb" "only the unstaged edit is left"
run git diff
expect_in "$OUT" "unstaged edit" "git diff shows the unstaged edit"
expect_not_in "$OUT" "outputs" "git diff shows no outputs"

scenario "without the filter the hook strips in the index"
new_repo repo
install_hooks
without_filter
cp "$INPUT" nb.ipynb && cp "$INPUT" ../saved.ipynb
git add nb.ipynb
expect_staged_is_file nb.ipynb "without the filter git add stages the outputs"
run git commit -m "feat: add a notebook"
expect_rc 0 "commit passes"
expect_in "$ERR" "warning [notebook] nb.ipynb: stripped nb.ipynb in the index" "the hook says so"
git show HEAD:nb.ipynb > ../committed.ipynb
expect_same ../committed.ipynb "$EXPECTED" "the commit holds nbstripout's output"
expect_same nb.ipynb ../saved.ipynb "the working file is unchanged"
expect_eq "$(git rev-parse :nb.ipynb)" "$(git rev-parse HEAD:nb.ipynb)" "the index holds the stripped blob"
expect_eq "$(git status --porcelain)" " M nb.ipynb" "without the filter git sees the outputs"
with_filter
expect_eq "$(git status --porcelain)" "" "with the filter git status is clean"
HOOK_REPO=$PWD

scenario "hook: a partially staged notebook keeps its unstaged edits"
cd "$HOOK_REPO" || exit 1
without_filter
set_source nb.ipynb 0 "staged edit"
git add nb.ipynb
git show :nb.ipynb > ../staged.ipynb
set_source nb.ipynb 1 "unstaged edit"
cp nb.ipynb ../partial.ipynb
run git commit -m "feat: staged edit"
expect_rc 0 "commit passes"
expect_same nb.ipynb ../partial.ipynb "the working file is exactly as it was"
"$PREFLIGHT" nbstrip < ../staged.ipynb > ../staged-stripped.ipynb
git show HEAD:nb.ipynb > ../committed.ipynb
expect_same ../committed.ipynb ../staged-stripped.ipynb "the commit holds the staged version, stripped"
with_filter
expect_eq "$(git status --porcelain)" " M nb.ipynb" "the unstaged edit is still unstaged"

for form in "-a" "nb.ipynb"; do
  for filter in with without; do
    scenario "git commit $form, $filter the filter"
    new_repo repo
    install_hooks
    printf 'x\n' > other.txt
    git add other.txt && git commit -qm "chore: other"
    "$PREFLIGHT" nbstrip < "$INPUT" > nb.ipynb
    git add nb.ipynb && git commit -qm "feat: stripped notebook"
    [ "$filter" = with ] || without_filter
    # A source edit, so that there is something to commit even when the
    # filter makes the outputs invisible to git.
    cp "$INPUT" nb.ipynb && set_source nb.ipynb 0 "edited" && cp nb.ipynb ../saved.ipynb
    "$PREFLIGHT" nbstrip < nb.ipynb > ../expected.ipynb
    run git commit -m "feat: outputs" $form
    expect_rc 0 "commit $form passes"
    git show HEAD:nb.ipynb > ../committed.ipynb
    expect_same ../committed.ipynb ../expected.ipynb "commit $form stores the stripped notebook"
    expect_same nb.ipynb ../saved.ipynb "commit $form leaves the working file"
    expect_eq "$(git rev-parse :nb.ipynb)" "$(git rev-parse HEAD:nb.ipynb)" "commit $form: index = commit"
    if [ "$filter" = with ]; then
      expect_eq "$(git status --porcelain)" "" "commit $form: git status is clean"
    else
      expect_eq "$(git status --porcelain)" " M nb.ipynb" "commit $form: only the working copy differs"
      with_filter
      expect_eq "$(git status --porcelain)" "" "commit $form: clean once the filter is back"
    fi
  done
done

scenario "odd names are stripped by the filter and the hook"
new_repo repo
install_hooks
for name in "with space.ipynb" "-dash.ipynb" "quo'te.ipynb" "ünï.ipynb"; do
  cp "$INPUT" "./$name"
done
git add -- ./*.ipynb
without_filter
cp "$INPUT" "./late one.ipynb" && git add -- "./late one.ipynb"
run git commit -m "feat: odd names"
expect_rc 0 "commit passes"
for name in "with space.ipynb" "-dash.ipynb" "quo'te.ipynb" "ünï.ipynb" "late one.ipynb"; do
  git show "HEAD:$name" > ../committed.ipynb
  expect_same ../committed.ipynb "$EXPECTED" "stripped: $name"
  expect_same "./$name" "$INPUT" "working file unchanged: $name"
done

scenario "mode check blocks instead of stripping"
new_repo repo
printf 'notebooks:\n  mode: check\n' > .preflight.yaml
git add .preflight.yaml && git commit -qm "chore: rules"
install_hooks
expect_eq "$(git config filter.preflight-nbstrip.process || echo unset)" "unset" "no filter in check mode"
cp "$INPUT" nb.ipynb
git add nb.ipynb
run git commit -m "feat: outputs"
expect_rc 1 "commit blocked"
expect_in "$ERR" "error [notebook] nb.ipynb: notebook nb.ipynb has outputs or metadata that the rules strip" "finding names the file"
expect_in "$ERR" "preflight nbstrip -- nb.ipynb && git add -- nb.ipynb" "hint gives the fix"
expect_staged_is_file nb.ipynb "the index is untouched"
"$PREFLIGHT" nbstrip -- nb.ipynb && git add -- nb.ipynb
run git commit -m "feat: stripped"
expect_rc 0 "the fix command works"
cp "$INPUT" nb2.ipynb && git add nb2.ipynb
run git commit -m "feat: outputs again"
expect_rc 1 "without SKIP the notebook with outputs is refused"
expect_in "$ERR" "error [notebook] nb2.ipynb" "by the notebook check"
run env SKIP=notebook git commit -m "feat: outputs again"
expect_rc 0 "SKIP=notebook lets it through"
expect_eq "$(git ls-tree --name-only HEAD nb2.ipynb)" "nb2.ipynb" "and the notebook is committed"

scenario "malformed notebooks block with a location; index and file untouched"
new_repo repo
install_hooks
head -c 700 "$INPUT" > truncated.ipynb
printf '{"nbformat": 4, "nbformat_minor": 5, "metadata": {}}\n' > nocells.ipynb
printf '{"nbformat": 9, "nbformat_minor": 0, "metadata": {}, "cells": []}\n' > v9.ipynb
printf '{"cells": [}\n' > invalid.ipynb
for f in truncated nocells v9 invalid; do cp $f.ipynb ../$f.saved; done
run git add truncated.ipynb nocells.ipynb v9.ipynb invalid.ipynb
expect_rc 0 "git add goes on (filter.required is false)"
expect_in "$ERR" "truncated.ipynb:38:23: not a valid notebook" "the filter names file and position"
run git commit -m "feat: broken notebooks"
expect_rc 1 "commit blocked"
expect_in "$ERR" "error [notebook] truncated.ipynb:38:23: cannot strip notebook truncated.ipynb: not valid JSON" "truncated: file:line:column"
expect_in "$ERR" "invalid.ipynb:1:12:" "invalid JSON: file:line:column"
expect_in "$ERR" "nocells.ipynb: cannot strip notebook nocells.ipynb: the notebook has no cells list" "no cells"
expect_in "$ERR" "v9.ipynb: cannot strip notebook v9.ipynb: Unsupported nbformat version 9" "unknown nbformat"
for f in truncated nocells v9 invalid; do
  expect_staged_is_file $f.ipynb "$f: index entry untouched"
  expect_same $f.ipynb ../$f.saved "$f: file untouched"
done
expect_eq "$(git rev-list --count HEAD)" "1" "no commit made"
run git diff --cached -- invalid.ipynb
expect_rc 0 "git diff works on a malformed notebook"
expect_in "$OUT" '+{"cells": [}' "the raw bytes are shown"
run "$PREFLIGHT" nbstrip --textconv --rules invalid.ipynb
expect_rc 0 "the textconv (notebooks.diff_textconv) shows it as is"
expect_eq "$OUT" '{"cells": [}' "the raw bytes"
expect_in "$ERR" "invalid.ipynb:1:12: not a valid notebook" "with a warning naming the position"
# Valid JSON that does not strip, with a long string whose escape is decoded in
# the reader's buffer: textconv still shows the bytes of the file.
python3 -c 'print("{\"nbformat\": 9, \"cells\": [], \"x\": \"" + "a" * 9000 + "\\n\"}")' > v9long.ipynb
"$PREFLIGHT" nbstrip --textconv --rules v9long.ipynb > ../v9long.shown 2>/dev/null
expect_same ../v9long.shown v9long.ipynb "textconv shows a notebook that does not strip as it is"
rm v9long.ipynb
run "$PREFLIGHT" status
expect_in "$OUT" "notebooks:   clean filter configured" "status shows the filter"
git rm -q --cached truncated.ipynb nocells.ipynb v9.ipynb invalid.ipynb

scenario "a large notebook goes through filter and hook"
new_repo repo
install_hooks
python3 "$HERE/../../bench/gen_notebook.py" 20000000 big.ipynb
cp big.ipynb ../big.saved
run git add big.ipynb
expect_rc 0 "git add of 20 MB"
run env SKIP=content git commit -m "feat: big notebook"
expect_rc 0 "commit of 20 MB"
"$PREFLIGHT" nbstrip < big.ipynb > ../big.stripped
git show HEAD:big.ipynb > ../big.committed
expect_same ../big.committed ../big.stripped "stripped"
expect_same big.ipynb ../big.saved "working file unchanged"

scenario "uninstall removes the filter, textconv and attributes"
new_repo repo
printf '*.txt text\n' > .git/info/attributes
printf 'notebooks:\n  diff_textconv: true\n' > .preflight.yaml
install_hooks
expect_eq "$(git config diff.preflight-nbstrip.textconv)" "$LIBEXEC/notebook-textconv" "(the textconv was set up)"
git config filter.preflight-nbstrip.extrakeys kept
run "$PREFLIGHT" uninstall
expect_rc 0 "uninstall passes"
expect_in "$OUT" "filter.preflight-nbstrip.process: removed" "filter removal reported"
expect_eq "$(git config filter.preflight-nbstrip.process || echo unset)" "unset" "filter.process removed"
expect_eq "$(git config filter.preflight-nbstrip.required || echo unset)" "unset" "filter.required removed"
expect_eq "$(git config diff.preflight-nbstrip.textconv || echo unset)" "unset" "textconv removed"
expect_not_in "$(cat .git/config)" '[diff "preflight-nbstrip"]' "the emptied section is gone"
expect_eq "$(git config filter.preflight-nbstrip.extrakeys)" "kept" "other keys are kept"
expect_eq "$(cat .git/info/attributes)" "*.txt text" "only our attributes line is removed"
run "$PREFLIGHT" uninstall
expect_rc 0 "uninstall twice passes"

finish
