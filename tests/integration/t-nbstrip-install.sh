# `preflight nbstrip --install/--uninstall/--is-installed/--status` with
# nbstripout 0.9.1's meanings and exit codes on preflight's own filter set-up,
# and nbstripout's git config keys (filter.nbstripout.extrakeys,
# filter.nbstripout.keepmetadatakeys) honoured by the clean filter, the
# pre-commit check, the diff textconv and the nbstrip command line.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

# mknb FILE: a notebook with outputs, notebook metadata foo and baz and cell
# metadata bar and scrolled.
mknb() {
  python3 - "$1" <<'PY'
import json, sys
nb = {"cells": [{"cell_type": "code", "execution_count": 3, "id": "c0",
                 "metadata": {"bar": 1, "scrolled": True, "keep": 2},
                 "outputs": [{"output_type": "stream", "name": "stdout", "text": "out\n"}],
                 "source": "print('out')"}],
      "metadata": {"foo": {"x": 1}, "baz": 2, "kernelspec": {"display_name": "Python 3",
                   "language": "python", "name": "python3"}},
      "nbformat": 4, "nbformat_minor": 5}
json.dump(nb, open(sys.argv[1], "w"), indent=1)
PY
}
# keys: the notebook metadata keys, then the first cell's, of a notebook on stdin.
keys() {
  python3 -c 'import json, sys; nb = json.load(sys.stdin)
print(" ".join(sorted(nb["metadata"])), "|", " ".join(sorted(nb["cells"][0]["metadata"])), "|", len(nb["cells"][0].get("outputs", [])))'
}
filter_config() { git config --local --get-regexp 'preflight-nbstrip' | sed "s|$PREFLIGHT_BUILD_DIR|BUILD|"; }

scenario "nbstrip --install sets up exactly what preflight install sets up for notebooks"
new_repo installed
install_hooks
WANT_CONFIG=$(filter_config)
WANT_ATTRIBUTES=$(cat .git/info/attributes)
cd .. && new_repo nbstrip
run "$PREFLIGHT" nbstrip --is-installed
expect_rc 1 "--is-installed before: 1"
expect_eq "$OUT$ERR" "" "--is-installed prints nothing"
run "$PREFLIGHT" nbstrip --install
expect_rc 0 "--install"
expect_eq "$(filter_config)" "$WANT_CONFIG" "the same filter and textconv config as preflight install"
expect_in "$WANT_CONFIG" "filter.preflight-nbstrip.process BUILD/libexec/preflight/notebook-filter" "(the filter command is there)"
expect_eq "$(cat .git/info/attributes)" "$WANT_ATTRIBUTES" "the same attributes lines"
run "$PREFLIGHT" nbstrip --is-installed
expect_rc 0 "--is-installed after: 0"
run "$PREFLIGHT" nbstrip --install
expect_rc 0 "--install again"
expect_eq "$(grep -c 'filter=preflight-nbstrip' .git/info/attributes)" "1" "idempotent"
mknb a.ipynb
git add a.ipynb
expect_eq "$(git show :a.ipynb | keys)" "baz foo kernelspec | bar keep | 0" "git add stores it stripped"
expect_eq "$(keys <a.ipynb)" "baz foo kernelspec | bar keep scrolled | 1" "the working copy keeps its outputs"

scenario "nbstrip --uninstall removes the set-up and nothing else"
new_repo repo
printf '*.txt text' > .git/info/attributes
git config filter.nbstripout.extrakeys 'spam eggs'
"$PREFLIGHT" nbstrip --install >/dev/null
run "$PREFLIGHT" nbstrip --uninstall
expect_rc 0 "--uninstall"
expect_eq "$(cat .git/info/attributes)" "*.txt text" "the other attributes line is kept, alone"
expect_eq "$(git config --local --get-regexp 'preflight-nbstrip')" "" "config removed"
expect_not_in "$(cat .git/config)" "preflight-nbstrip" "no empty section left"
expect_eq "$(git config filter.nbstripout.extrakeys)" "spam eggs" "nbstripout's extrakeys kept"
run "$PREFLIGHT" nbstrip --is-installed
expect_rc 1 "--is-installed after: 1"
run "$PREFLIGHT" nbstrip --uninstall
expect_rc 0 "--uninstall again: 0, as nbstripout"

scenario "nbstrip --status prints the set-up and exits 0 or 1 as nbstripout"
new_repo repo
run "$PREFLIGHT" nbstrip --status
expect_rc 1 "not installed: 1"
expect_eq "$OUT" "preflight's notebook filter is not installed in repository '$PWD'" "says so"
git config filter.nbstripout.extrakeys 'metadata.foo'
"$PREFLIGHT" nbstrip --install >/dev/null
run "$PREFLIGHT" nbstrip --status
expect_rc 0 "installed: 0"
expect_eq "$(sed "s|$PREFLIGHT_BUILD_DIR|BUILD|g" <<<"$OUT")" "preflight's notebook filter is installed in repository '$PWD'

Filter:
  filter.preflight-nbstrip.process = BUILD/libexec/preflight/notebook-filter
  filter.preflight-nbstrip.required = false
  diff.preflight-nbstrip.textconv = 
  filter.nbstripout.extrakeys = metadata.foo
  filter.nbstripout.keepmetadatakeys = 

Attributes:
  *.ipynb: filter: preflight-nbstrip

Diff Attributes:
  *.ipynb: diff: " "the whole set-up"

scenario "nbstrip --install --attributes writes the attributes line to that file"
new_repo repo
run "$PREFLIGHT" nbstrip --install --attributes .gitattributes
expect_rc 0 "--install --attributes"
expect_eq "$(grep -x '\*.ipynb filter=preflight-nbstrip' .gitattributes)" "*.ipynb filter=preflight-nbstrip" "line in .gitattributes"
expect_eq "$(cat .git/info/attributes 2>/dev/null | grep -c preflight-nbstrip)" "0" "not in info/attributes"
run "$PREFLIGHT" nbstrip --is-installed
expect_rc 0 "installed, as git check-attr sees it"
mknb a.ipynb && git add a.ipynb
expect_eq "$(git show :a.ipynb | keys)" "baz foo kernelspec | bar keep | 0" "git add strips"
mkdir -p sub && run "$PREFLIGHT" nbstrip --install --attributes '~/attrs/nb'
expect_rc 0 "a ~/ path"
expect_in "$(cat "$HOME/attrs/nb")" "filter=preflight-nbstrip" "~ expanded, folder created"
run "$PREFLIGHT" nbstrip --uninstall --attributes .gitattributes
expect_rc 0 "--uninstall --attributes"
expect_not_in "$(cat .gitattributes 2>/dev/null)" "preflight-nbstrip" "line removed"

scenario "nbstrip --install --global sets up every repository of the user"
mkdir -p outside && cd outside
run "$PREFLIGHT" nbstrip --is-installed --global
expect_rc 1 "not installed globally"
run "$PREFLIGHT" nbstrip --install --global
expect_rc 0 "--install --global outside any repository"
expect_in "$(git config --global filter.preflight-nbstrip.process)" "/libexec/preflight/notebook-filter" "in the user's config"
expect_in "$(cat "$XDG_CONFIG_HOME/git/attributes")" "*.ipynb filter=preflight-nbstrip" "git's user attributes file"
run "$PREFLIGHT" nbstrip --status --global
expect_rc 0 "--status --global"
expect_in "$OUT" "preflight's notebook filter is installed globally" "says globally"
cd .. && new_repo repo
mknb a.ipynb && git add a.ipynb
expect_eq "$(git show :a.ipynb | keys)" "baz foo kernelspec | bar keep | 0" "a new repository strips"
run "$PREFLIGHT" nbstrip --is-installed
expect_rc 1 "--is-installed without --global looks at the repository's config only, as nbstripout"
run "$PREFLIGHT" nbstrip --uninstall --global
expect_rc 0 "--uninstall --global"
expect_eq "$(git config --global --get-regexp preflight-nbstrip)" "" "config gone"
expect_not_in "$(cat "$HOME/.gitconfig")" "preflight-nbstrip" "no empty section"
expect_not_in "$(cat "$XDG_CONFIG_HOME/git/attributes" 2>/dev/null)" "preflight-nbstrip" "attributes line gone"
run "$PREFLIGHT" nbstrip --is-installed --global
expect_rc 1 "not installed globally any more"

scenario "nbstrip --install --system uses the system's config"
mkdir -p outside && cd outside
export GIT_CONFIG_SYSTEM="$PWD/system-gitconfig"
run "$PREFLIGHT" nbstrip --install --system --attributes "$PWD/system-attributes"
expect_rc 0 "--install --system"
expect_in "$(git config --file "$GIT_CONFIG_SYSTEM" filter.preflight-nbstrip.process)" "/libexec/preflight/notebook-filter" "in the system config"
expect_in "$(cat system-attributes)" "filter=preflight-nbstrip" "attributes file"
expect_eq "$(git config --global --get-regexp preflight-nbstrip)" "" "not in the user's"
run "$PREFLIGHT" nbstrip --uninstall --system --attributes "$PWD/system-attributes"
expect_rc 0 "--uninstall --system"
expect_eq "$(git config --file "$GIT_CONFIG_SYSTEM" --get-regexp preflight-nbstrip)" "" "removed"
unset GIT_CONFIG_SYSTEM

scenario "nbstrip set-up options: exclusive groups, errors and exit codes"
new_repo repo
run "$PREFLIGHT" nbstrip --install --uninstall
expect_rc 2 "two tasks: usage error"
expect_in "$ERR" "excludes" "says they exclude each other"
run "$PREFLIGHT" nbstrip --install --global --python /opt/x
expect_rc 2 "--global with --python: usage error, as nbstripout's group"
run "$PREFLIGHT" nbstrip --install --python /opt/tools/preflight
expect_rc 0 "--python PATH"
expect_eq "$(git config filter.preflight-nbstrip.process)" "/opt/tools/preflight filter-process" "the program written into the filter"
expect_eq "$(git config diff.preflight-nbstrip.textconv || echo unset)" "unset" "no textconv unless the rules ask"
printf 'notebooks:\n  diff_textconv: true\n' > .preflight.yaml
run "$PREFLIGHT" nbstrip --install --python /opt/tools/preflight
expect_eq "$(git config diff.preflight-nbstrip.textconv)" "/opt/tools/preflight nbstrip --textconv --rules" "the rules ask: the textconv"
rm .preflight.yaml
run "$PREFLIGHT" nbstrip --install --python "/opt/my tools/pre'flight"
expect_eq "$(git config filter.preflight-nbstrip.process)" "'/opt/my tools/pre'\\''flight' filter-process" "one shell word, quoted"
mkdir -p ../outside && cd ../outside
run "$PREFLIGHT" nbstrip --install
expect_rc 1 "outside a repository: 1, as nbstripout"
expect_in "$ERR" "not in a git repository" "says why"
run "$PREFLIGHT" nbstrip --is-installed
expect_rc 1 "--is-installed outside a repository: 1"

scenario "a repository set up for nbstripout keeps filter.nbstripout.extrakeys on commit"
new_repo repo
git config filter.nbstripout.extrakeys 'metadata.foo cell.metadata.bar'
install_hooks
mknb a.ipynb
git add a.ipynb
run git commit -m "feat: notebook"
expect_rc 0 "committed"
expect_eq "$(git show HEAD:a.ipynb | keys)" "baz kernelspec | keep | 0" "metadata.foo and cell.metadata.bar stripped"
expect_eq "$(keys <a.ipynb)" "baz foo kernelspec | bar keep scrolled | 1" "the working copy keeps them"
# keepmetadatakeys takes a key off the default list; .preflight.yaml's keys add to git's.
git config filter.nbstripout.keepmetadatakeys 'cell.metadata.scrolled'
printf 'notebooks:\n  extra_keys: [metadata.baz]\n' > .preflight.yaml
git add .preflight.yaml && git add --renormalize a.ipynb
run git commit -m "chore: keep scrolled"
expect_rc 0 "committed"
expect_eq "$(git show HEAD:a.ipynb | keys)" "kernelspec | keep scrolled | 0" "union of both: foo, baz, bar stripped; scrolled kept"

scenario "the pre-commit check honours nbstripout's keys too (notebooks.mode: check)"
new_repo repo
git config filter.nbstripout.extrakeys 'metadata.foo'
printf 'notebooks:\n  mode: check\n' > .preflight.yaml
git add .preflight.yaml && git commit -q --no-verify -m "chore: rules"
install_hooks
python3 -c 'import json; json.dump({"cells": [], "metadata": {"foo": 1}, "nbformat": 4, "nbformat_minor": 5}, open("a.ipynb", "w"), indent=1)'
git add a.ipynb
run git commit -m "feat: notebook"
expect_rc 1 "metadata.foo left: refused"
expect_in "$ERR" "a.ipynb" "names the notebook"
git config --unset filter.nbstripout.extrakeys
run git commit -m "feat: notebook"
expect_rc 0 "without the key: nothing to strip"

scenario "git diff's textconv and the nbstrip command line read nbstripout's keys"
new_repo repo
printf 'notebooks:\n  diff_textconv: true\n' > .preflight.yaml
install_hooks
expect_eq "$(git check-attr diff -- a.ipynb)" "a.ipynb: diff: preflight-nbstrip" "(the textconv is set up)"
mknb a.ipynb
git add a.ipynb && git commit -q -m "feat: notebook"
python3 - <<'PY'
import json
nb = json.load(open("a.ipynb")); nb["metadata"]["foo"] = {"x": 2}
json.dump(nb, open("a.ipynb", "w"), indent=1)
PY
run git diff
expect_in "$OUT" '+   "x": 2' "metadata.foo changed: a difference"
git config filter.nbstripout.extrakeys 'metadata.foo'
run git diff
expect_rc 0 "git diff"
expect_eq "$OUT" "" "with the key: no difference shown"
expect_eq "$("$PREFLIGHT" nbstrip <a.ipynb | keys)" "baz kernelspec | bar keep | 0" "nbstrip on stdin in the repository"
git config --global filter.nbstripout.extrakeys 'metadata.baz'
expect_eq "$("$PREFLIGHT" nbstrip <a.ipynb | keys)" "baz kernelspec | bar keep | 0" "the repository's value wins, as git config KEY"
expect_eq "$("$PREFLIGHT" nbstrip --global <a.ipynb | keys)" "foo kernelspec | bar keep | 0" "--global reads the user's only"
cd .. && mkdir -p outside && cd outside
expect_eq "$("$PREFLIGHT" nbstrip <../repo/a.ipynb | keys)" "foo kernelspec | bar keep | 0" "outside a repository: the user's config"
git config --global --unset filter.nbstripout.extrakeys

scenario "without the textconv, git diff shows what git add will stage under nbstripout's keys"
new_repo repo
install_hooks
mknb a.ipynb
git add a.ipynb && git commit -q -m "feat: notebook"
python3 - <<'PY'
import json
nb = json.load(open("a.ipynb")); nb["metadata"]["foo"] = {"x": 2}
json.dump(nb, open("a.ipynb", "w"), indent=1)
PY
run git diff
expect_in "$OUT" '+   "x": 2' "metadata.foo changed: a difference"
git config filter.nbstripout.extrakeys 'metadata.foo'
run git diff
expect_rc 0 "git diff"
expect_in "$OUT" '-  "foo": {' "with the key: the staged metadata.foo goes, as git add will do"
expect_not_in "$OUT" '"x": 2' "and the working copy's value is not shown"
git add a.ipynb
expect_eq "$(git show :a.ipynb | keys)" "baz kernelspec | bar keep | 0" "git add stages just that"

finish
