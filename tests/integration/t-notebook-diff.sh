# `git diff` of notebooks (issue 24): by default only the clean filter is set up
# (no `diff=` attribute), and git strips the working-tree side of a diff through
# that long-running filter, so a diff shows source changes only without a
# process per notebook; notebooks.diff_textconv adds the textconv for blobs
# committed with their outputs. The filter and textconv are one-word programs
# in libexec (links to bin/preflight) that git starts without a shell.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
LIBEXEC=$(cd "$(dirname "$PREFLIGHT")/../libexec/preflight" && pwd)

# mknb FILE: a notebook with two code cells with outputs and counts.
mknb() {
  python3 - "$1" <<'PY'
import json, sys
cell = lambda n, src: {"cell_type": "code", "execution_count": n, "id": "c%d" % n, "metadata": {},
                       "outputs": [{"output_type": "stream", "name": "stdout", "text": "out %d\n" % n}],
                       "source": src}
nb = {"cells": [cell(1, "a = 1\nprint(a)"), cell(2, "b = 2\nprint(b)")],
      "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
      "nbformat": 4, "nbformat_minor": 5}
json.dump(nb, open(sys.argv[1], "w"), indent=1)
PY
}
# edit FILE WHAT: source (a changed first line), outputs (new outputs and
# counts only), or both.
edit() {
  python3 - "$1" "$2" <<'PY'
import json, sys
nb = json.load(open(sys.argv[1]))
for i, cell in enumerate(nb["cells"]):
    if sys.argv[2] in ("outputs", "both"):
        cell["execution_count"] = (cell["execution_count"] or 0) + 10
        cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "again %d\n" % i}]
    if sys.argv[2] in ("source", "both") and i == 0:
        cell["source"] = "a = 100\nprint(a)"
json.dump(nb, open(sys.argv[1], "w"), indent=1)
PY
}
textconv_rules() { printf 'notebooks:\n  diff_textconv: true\n' > .preflight.yaml; }

scenario "by default git diff shows a notebook's source changes only, through the clean filter"
new_repo plain
install_hooks
expect_eq "$(git config filter.preflight-nbstrip.process)" "$LIBEXEC/notebook-filter" "the filter is the one-word libexec entry"
expect_eq "$(git config diff.preflight-nbstrip.textconv || echo unset)" "unset" "no textconv"
expect_eq "$(git check-attr diff -- nb.ipynb)" "nb.ipynb: diff: unspecified" "no diff attribute"
mknb nb.ipynb
git add nb.ipynb && git commit -q -m "feat: a notebook"
expect_not_in "$(git show HEAD:nb.ipynb)" '"out 1' "(committed stripped)"
edit nb.ipynb both
run git diff
expect_rc 0 "git diff"
expect_in "$OUT" '+    "a = 100\n",' "the source change is shown"
expect_not_in "$OUT" 'again' "the working copy's outputs are not"
expect_not_in "$OUT" 'execution_count' "nor its counts"
cp nb.ipynb "$TEST_ROOT/plain-edited.ipynb"
git diff > "$TEST_ROOT/plain.patch"
run git diff --stat
expect_in "$OUT" "nb.ipynb | 2 +-" "one line changed"
mknb nb.ipynb && edit nb.ipynb outputs
run git diff
expect_eq "$OUT" "" "outputs and counts changed only: no difference"
git add nb.ipynb
expect_eq "$(git status --porcelain)" "" "and nothing to commit"

scenario "the same patch as with the textconv"
new_repo textconv
textconv_rules
install_hooks
expect_eq "$(git config diff.preflight-nbstrip.textconv)" "$LIBEXEC/notebook-textconv" "the textconv is the one-word libexec entry"
expect_eq "$(git check-attr diff -- nb.ipynb)" "nb.ipynb: diff: preflight-nbstrip" "with the diff attribute"
mknb nb.ipynb
git add nb.ipynb && git commit -q -m "feat: a notebook"
cp "$TEST_ROOT/plain-edited.ipynb" nb.ipynb
git diff > "$TEST_ROOT/textconv.patch"
cmp -s "$TEST_ROOT/textconv.patch" "$TEST_ROOT/plain.patch" && pass || fail "the patches differ: $(diff "$TEST_ROOT/textconv.patch" "$TEST_ROOT/plain.patch" | head -20)"
[ -s "$TEST_ROOT/plain.patch" ] && pass || fail "(the patch is not empty)"

scenario "notebooks.diff_textconv hides outputs of blobs committed with them"
new_repo history
mknb nb.ipynb
git add nb.ipynb && git commit -q -m "feat: before preflight"
expect_in "$(git show HEAD:nb.ipynb)" '"out 1' "(committed with outputs)"
install_hooks
edit nb.ipynb source
run git diff HEAD
expect_in "$OUT" '-     "text": "out 1\n"' "without the textconv, the stored outputs show: git add will drop them"
textconv_rules
install_hooks
expect_in "$OUT" "diff.preflight-nbstrip.textconv: set to $LIBEXEC/notebook-textconv" "install reports the textconv"
run git diff HEAD
expect_rc 0 "git diff HEAD"
expect_in "$OUT" '+    "a = 100\n",' "the source change is shown"
expect_not_in "$OUT" 'out 1' "the stored outputs are hidden"
run git log -p --format=%s
expect_not_in "$OUT" 'out 1' "in git log -p too"
printf 'notebooks:\n  diff_textconv: false\n' > .preflight.yaml
install_hooks
expect_in "$OUT" "diff.preflight-nbstrip.textconv: removed (notebooks.diff_textconv is off)" "turned off: the textconv goes"
expect_eq "$(grep -c preflight-nbstrip .git/info/attributes)" "1" "one attributes line"
expect_eq "$(git check-attr diff -- nb.ipynb)" "nb.ipynb: diff: unspecified" "without the diff attribute"

scenario "git starts the filter and the textconv without a shell"
new_repo noshell
textconv_rules
install_hooks
mknb nb.ipynb
git add nb.ipynb && git commit -q -m "feat: a notebook"
edit nb.ipynb both
strace -f -qq -e trace=execve -o ../trace git diff HEAD >/dev/null 2>&1
expect_in "$(cat ../trace)" "execve(\"$LIBEXEC/notebook-filter\"" "the filter, directly"
expect_in "$(cat ../trace)" "execve(\"$LIBEXEC/notebook-textconv\"" "the textconv, directly"
expect_not_in "$(grep -v '^[0-9]* +++' ../trace | grep -o 'execve("[^"]*"' | sort -u)" '/sh"' "no shell started"

scenario "install rewrites an earlier set-up (a command through a shell, the diff attribute)"
new_repo upgrade
"$PREFLIGHT" install >/dev/null 2>&1
# What an earlier preflight install wrote:
git config filter.preflight-nbstrip.process "$PREFLIGHT filter-process"
git config filter.preflight-nbstrip.required false
git config diff.preflight-nbstrip.textconv "$PREFLIGHT nbstrip --textconv --rules"
printf '*.txt text\n# preflight: notebooks stripped on git add (preflight uninstall removes this)\n*.ipynb filter=preflight-nbstrip diff=preflight-nbstrip\n' > .git/info/attributes
run "$PREFLIGHT" status
expect_in "$OUT$ERR" "the notebook filter is not set up as the rules say: filter.preflight-nbstrip.process is \`$PREFLIGHT filter-process\`, an earlier set-up that git starts through a shell" "status names the earlier set-up"
expect_in "$OUT$ERR" "(run preflight install)" "and what to run"
install_hooks
expect_in "$OUT" "filter.preflight-nbstrip.process: set to $LIBEXEC/notebook-filter" "the filter command is replaced"
expect_in "$OUT" "removed *.ipynb filter=preflight-nbstrip diff=preflight-nbstrip" "the old line is reported removed"
expect_eq "$(git config diff.preflight-nbstrip.textconv || echo unset)" "unset" "the textconv is removed"
expect_eq "$(cat .git/info/attributes)" "*.txt text
# preflight: notebooks stripped on git add (preflight uninstall removes this)
*.ipynb filter=preflight-nbstrip" "one line of ours, the other lines kept"
run "$PREFLIGHT" status
expect_in "$OUT" "clean filter configured" "status sees the filter"
expect_not_in "$OUT$ERR" "the notebook filter is not set up" "and no difference from the rules"
textconv_rules
run "$PREFLIGHT" status
expect_in "$OUT$ERR" "diff.preflight-nbstrip.textconv is unset while notebooks.diff_textconv is on (run preflight install)" "rules asking for the textconv: status says install has not run"
rm .preflight.yaml
run "$PREFLIGHT" uninstall
expect_eq "$(cat .git/info/attributes)" "*.txt text" "uninstall leaves the other lines"
printf '*.ipynb filter=preflight-nbstrip diff=preflight-nbstrip\n' >> .git/info/attributes
run "$PREFLIGHT" uninstall
expect_in "$OUT" "removed *.ipynb filter=preflight-nbstrip diff=preflight-nbstrip" "uninstall also removes the earlier line"
expect_eq "$(cat .git/info/attributes)" "*.txt text" "leaving the other lines"

scenario "the libexec entries are preflight under another name"
new_repo names
mknb "$TEST_ROOT/nb.ipynb"
run "$LIBEXEC/notebook-textconv" "$TEST_ROOT/nb.ipynb"
expect_rc 0 "notebook-textconv FILE"
expect_eq "$OUT" "$("$PREFLIGHT" nbstrip --textconv --rules "$TEST_ROOT/nb.ipynb")" "prints what nbstrip --textconv --rules prints"
expect_not_in "$OUT" '"out 1' "a stripped notebook"

finish
