# jupytext pairs on real commits: a notebook paired with a script (through its
# metadata, the script's header, jupytext.toml or pyproject.toml) is refused
# when staged without its pair or with different cells, and accepted when both
# are staged in sync; percent, light and Markdown pairs, folder prefixes,
# ignored sides, jupytext.compare and SKIP.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

# mknb FILE FORMATS KIND:SOURCE...: writes a notebook; FORMATS "" for none.
mknb() {
  python3 - "$@" <<'PY'
import json, sys
path, formats, cells = sys.argv[1], sys.argv[2], sys.argv[3:]
nb = {"cells": [], "metadata": {"kernelspec": {"display_name": "Python 3",
      "language": "python", "name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}
if formats:
    nb["metadata"]["jupytext"] = {"formats": formats}
for i, cell in enumerate(cells):
    kind, source = cell.split(":", 1)
    c = {"cell_type": "markdown" if kind == "md" else "code", "id": "c%d" % i,
         "metadata": {}, "source": source}
    if kind != "md":
        c.update({"execution_count": 3, "outputs": [{"output_type": "stream",
                  "name": "stdout", "text": "out\n"}]})
    nb["cells"].append(c)
json.dump(nb, open(path, "w"), indent=1)
PY
}

# A percent script as jupytext writes it for the notebook above.
percent_script() { # FILE FORMATS X_VALUE
  cat > "$1" <<PYEOF
# ---
# jupyter:
#   jupytext:
#     formats: $2
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Training
#
# Loss curves.

# %%
# %matplotlib inline
import torch

x = torch.ones($3)
PYEOF
}
notebook() { # FILE FORMATS X_VALUE
  mknb "$1" "$2" "md:# Training

Loss curves." "code:%matplotlib inline
import torch

x = torch.ones($3)"
}

start() {
  new_repo repo
  install_hooks
  HEAD_BEFORE=$(git rev-parse HEAD)
}

scenario "a paired notebook and script staged together in sync are accepted"
start
notebook train.ipynb "ipynb,py:percent" 2
percent_script train.py "ipynb,py:percent" 2
git add train.ipynb train.py
run git commit -m "feat: training notebook"
expect_rc 0 "in sync: accepted"
expect_eq "$(git ls-tree --name-only HEAD | tr '\n' ' ')" "train.ipynb train.py " "both committed"
# Counted after parsing: the text layout (indent=1) says nothing either way.
outputs() { python3 -c 'import json, sys; print(sum(len(c.get("outputs", [])) for c in json.load(sys.stdin)["cells"]))'; }
expect_eq "$(outputs <train.ipynb)" "1" "the working notebook has its output"
expect_eq "$(git show HEAD:train.ipynb | outputs)" "0" "the notebook is stored stripped"

scenario "a paired notebook staged without its script is refused"
start
notebook train.ipynb "ipynb,py:percent" 2
percent_script train.py "ipynb,py:percent" 2
git add train.ipynb
run git commit -m "feat: training notebook"
expect_rc 1 "script not staged: refused"
expect_in "$ERR" 'error [jupytext-pairs] train.py: "train.py" is paired with "train.ipynb" (jupytext formats "ipynb,py:percent") but is not staged: it is in the working tree, not in the commit' "names the missing script, and where it is"
expect_in "$ERR" 'jupytext --sync train.ipynb && git add -- train.py' "shows jupytext --sync"
expect_eq "$(git rev-parse HEAD)" "$HEAD_BEFORE" "no commit"
git add train.py
run git commit -m "feat: training notebook"
expect_rc 0 "staged together: accepted"

scenario "a notebook edited without syncing its script is refused, naming the script"
start
notebook train.ipynb "ipynb,py:percent" 2
percent_script train.py "ipynb,py:percent" 2
git add train.ipynb train.py && git commit -q -m "feat: training notebook"
notebook train.ipynb "ipynb,py:percent" 3
git add train.ipynb
HEAD_BEFORE=$(git rev-parse HEAD)
run git commit -m "feat: three ones"
expect_rc 1 "stale script: refused"
expect_in "$ERR" '"train.py" is out of sync with "train.ipynb" (jupytext formats "ipynb,py:percent"): the notebook has code line "x = torch.ones(3)" where the script has code line "x = torch.ones(2)"' "names the stale script and the first difference"
expect_in "$ERR" 'run `jupytext --sync train.ipynb`' "shows jupytext --sync"
expect_eq "$(git rev-parse HEAD)" "$HEAD_BEFORE" "no commit"
percent_script train.py "ipynb,py:percent" 3
git add train.py
run git commit -m "feat: three ones"
expect_rc 0 "synced: accepted"

scenario "both sides staged with different cells are refused"
start
notebook train.ipynb "ipynb,py:percent" 2
percent_script train.py "ipynb,py:percent" 5
git add train.ipynb train.py
run git commit -m "feat: training notebook"
expect_rc 1 "different cells: refused"
expect_in "$ERR" '"train.ipynb" and "train.py" are paired (jupytext formats "ipynb,py:percent") but their cells differ' "both named"
# A markdown difference is found too.
percent_script train.py "ipynb,py:percent" 2
sed -i 's/^# Loss curves\./# Accuracy curves./' train.py
git add train.py
run git commit -m "feat: training notebook"
expect_rc 1 "different markdown: refused"
expect_in "$ERR" 'the notebook has markdown cell "# Training..." where the script has markdown cell "# Training..."' "markdown cell named"
printf 'jupytext:\n  compare: code\n' > .preflight.local.yaml
run git commit -m "feat: training notebook"
expect_rc 0 "jupytext.compare: code ignores markdown"
expect_eq "$(git ls-tree --name-only HEAD | grep -c train)" "2" "both committed"

scenario "a script staged alone is checked against its committed notebook"
start
notebook train.ipynb "ipynb,py:percent" 2
percent_script train.py "ipynb,py:percent" 2
git add train.ipynb train.py && git commit -q -m "feat: training notebook"
percent_script train.py "ipynb,py:percent" 7
git add train.py
run git commit -m "feat: seven"
expect_rc 1 "stale notebook: refused"
expect_in "$ERR" 'error [jupytext-pairs] train.ipynb: "train.ipynb" is out of sync with "train.py"' "names the stale notebook"
expect_in "$ERR" 'jupytext --sync train.py' "sync from the script"
SKIP=jupytext-pairs run git commit -m "feat: seven"
expect_rc 0 "SKIP=jupytext-pairs lets it through"

scenario "folder prefixes from jupytext.toml pair notebooks/ with scripts/"
start
printf '# pairing for the whole repository\nformats = "notebooks///ipynb,scripts///py:percent"\n' > jupytext.toml
git add jupytext.toml && git commit -q -m "chore: jupytext config"
mkdir -p notebooks/eda scripts/eda
notebook notebooks/eda/explore.ipynb "" 2
git add notebooks/eda/explore.ipynb
run git commit -m "feat: explore"
expect_rc 0 "a script that has never existed: not refused"
expect_in "$ERR" 'warning [jupytext-pairs] scripts/eda/explore.py: "scripts/eda/explore.py" is paired with "notebooks/eda/explore.ipynb" (jupytext formats "notebooks///ipynb,scripts///py:percent") but does not exist (not in HEAD, the index or the working tree)' "prefix pairing followed, as a warning"
notebook notebooks/eda/explore.ipynb "" 3
git add notebooks/eda/explore.ipynb
percent_script scripts/eda/explore.py "notebooks///ipynb,scripts///py:percent" 2
run git commit -m "feat: explore"
expect_rc 1 "a script in the working tree but not staged: refused"
expect_in "$ERR" 'error [jupytext-pairs] scripts/eda/explore.py: "scripts/eda/explore.py" is paired with "notebooks/eda/explore.ipynb" (jupytext formats "notebooks///ipynb,scripts///py:percent") but is not staged: it is in the working tree, not in the commit' "prefix pairing followed"
percent_script scripts/eda/explore.py "notebooks///ipynb,scripts///py:percent" 3
git add scripts/eda/explore.py
run git commit -m "feat: explore"
expect_rc 0 "both staged: accepted"
# Plain scripts and notebooks outside the prefix are not paired.
mkdir -p tools && echo 'print(1)' > tools/setup.py && echo 'print(2)' > scripts/util.py
mknb other.ipynb "" "code:1"
git add tools/setup.py scripts/util.py other.ipynb
run git commit -m "chore: tools"
expect_rc 0 "unpaired files pass"

scenario "pyproject.toml [tool.jupytext] with light scripts"
start
cat > pyproject.toml <<'TOML'
[project]
name = "model"
dependencies = ["torch"]

[tool.jupytext]
formats = "ipynb,py:light"
TOML
git add pyproject.toml && git commit -q -m "chore: pyproject"
notebook train.ipynb "" 2
cat > train.py <<'PYEOF'
# # Training
#
# Loss curves.

# %matplotlib inline
import torch

x = torch.ones(2)
PYEOF
git add train.ipynb train.py
run git commit -m "feat: light pair"
expect_rc 0 "light pair in sync"
sed -i 's/ones(2)/zeros(2)/' train.py
git add train.py
run git commit -m "feat: zeros"
expect_rc 1 "light pair out of sync"
expect_in "$ERR" 'the notebook has code line "x = torch.ones(2)" where the script has code line "x = torch.zeros(2)"' "difference shown"

scenario "an ignored side may stay out of the repository"
start
printf '*.ipynb\n' > .gitignore
git add .gitignore && git commit -q -m "chore: version scripts only"
notebook train.ipynb "ipynb,py:percent" 2
percent_script train.py "ipynb,py:percent" 2
git add train.py
run git commit -m "feat: script only"
expect_rc 0 "the ignored notebook is not required"

scenario "Markdown pairs compare code cells"
start
notebook train.ipynb "ipynb,md" 2
cat > train.md <<'MDEOF'
---
jupyter:
  jupytext:
    formats: ipynb,md
---

# Training

Loss curves.

```python
%matplotlib inline
import torch

x = torch.ones(2)
```
MDEOF
git add train.ipynb train.md
run git commit -m "feat: markdown pair"
expect_rc 0 "in sync"
sed -i 's/ones(2)/ones(4)/' train.md
git add train.md
run git commit -m "feat: four"
expect_rc 1 "markdown pair out of sync"
expect_in "$ERR" '"train.ipynb" is out of sync with "train.md"' "named"
printf 'jupytext:\n  compare: presence\n' > .preflight.local.yaml
run git commit -m "feat: four"
expect_rc 0 "jupytext.compare: presence only requires the pair"


# A data-science handbook's shape: notebooks carry "ipynb,md" (or another
# pairing) but the project never commits the other side.
scenario "a pair side that has never existed is one warning line, not a refusal"
start
mkdir -p notebooks
notebook notebooks/01-intro.ipynb "ipynb,md" 2
notebook notebooks/02-numpy.ipynb "ipynb,md" 3
notebook train.ipynb "ipynb,py:percent" 2
git add notebooks train.ipynb
run git commit -m "docs: handbook notebooks"
expect_rc 0 "committed"
expect_eq "$(git ls-tree -r --name-only HEAD | tr '\n' ' ')" "notebooks/01-intro.ipynb notebooks/02-numpy.ipynb train.ipynb " "the notebooks alone"
expect_in "$ERR" 'warning [jupytext-pairs] notebooks/01-intro.md: "notebooks/01-intro.md" is paired with "notebooks/01-intro.ipynb" (jupytext formats "ipynb,md") but does not exist (not in HEAD, the index or the working tree)' "names the notebook and the format"
expect_in "$ERR" 'warning [jupytext-pairs] train.py: "train.py" is paired with "train.ipynb" (jupytext formats "ipynb,py:percent") but does not exist' "py:percent too"
expect_eq "$(printf '%s\n' "$ERR" | grep -c 'jupytext-pairs')" "3" "one line per notebook"
expect_not_in "$ERR" "not staged" "never called not staged"
expect_not_in "$ERR" "hint" "no hint line"
printf 'jupytext:\n  missing: refuse\n' > .preflight.local.yaml
notebook train.ipynb "ipynb,py:percent" 5
git add train.ipynb
run git commit -m "feat: five"
expect_rc 1 "jupytext.missing: refuse"
expect_in "$ERR" 'error [jupytext-pairs] train.py: "train.py" is paired with "train.ipynb" (jupytext formats "ipynb,py:percent") but does not exist' "refused as missing"
printf 'jupytext:\n  missing: ignore\n' > .preflight.local.yaml
run git commit -m "feat: five"
expect_rc 0 "jupytext.missing: ignore"
expect_not_in "$ERR" "jupytext-pairs" "nothing said"

scenario "formats from a jupytext.toml list: a Markdown side never written is a warning"
start
printf 'formats = ["ipynb,md"]\n' > jupytext.toml
git add jupytext.toml && git commit -q -m "chore: jupytext config"
notebook intro.ipynb "" 2
git add intro.ipynb
run git commit -m "docs: intro"
expect_rc 0 "committed"
expect_in "$ERR" 'warning [jupytext-pairs] intro.md: "intro.md" is paired with "intro.ipynb" (jupytext formats "ipynb,md") but does not exist' "pairing from the config list"
printf '# Intro\n' > intro.md
notebook intro.ipynb "" 3
git add intro.ipynb
run git commit -m "docs: intro"
expect_rc 1 "the Markdown side written but not staged: refused"
expect_in "$ERR" '"intro.md" is paired with "intro.ipynb" (jupytext formats "ipynb,md") but is not staged: it is in the working tree, not in the commit' "says it is not staged"

scenario "a pair side that the commit deletes is refused"
start
notebook train.ipynb "ipynb,py:percent" 2
percent_script train.py "ipynb,py:percent" 2
git add train.ipynb train.py && git commit -q -m "feat: training notebook"
HEAD_BEFORE=$(git rev-parse HEAD)
git rm -q train.py
notebook train.ipynb "ipynb,py:percent" 3
git add train.ipynb
run git commit -m "feat: three"
expect_rc 1 "deleted script: refused"
expect_in "$ERR" 'error [jupytext-pairs] train.py: "train.py" is paired with "train.ipynb" (jupytext formats "ipynb,py:percent") but the commit deletes it (it is in HEAD, not in the index)' "says deleted"
expect_in "$ERR" 'git restore --source=HEAD --staged --worktree -- train.py' "how to restore it"
expect_not_in "$ERR" "not staged" "not called unstaged"
# git rm --cached: the working tree keeps it, the commit still deletes it.
git restore --source=HEAD --staged --worktree -- train.py
git rm -q --cached train.py
run git commit -m "feat: three"
expect_rc 1 "removed from the index only: refused"
expect_in "$ERR" 'but the commit deletes it (it is in HEAD, not in the index)' "says deleted"
expect_eq "$(git rev-parse HEAD)" "$HEAD_BEFORE" "no commit"

scenario "a side changed in the working tree but not staged is named so"
start
notebook train.ipynb "ipynb,py:percent" 2
percent_script train.py "ipynb,py:percent" 2
git add train.ipynb train.py && git commit -q -m "feat: training notebook"
notebook train.ipynb "ipynb,py:percent" 3
percent_script train.py "ipynb,py:percent" 3
git add train.ipynb
run git commit -m "feat: three"
expect_rc 1 "synced script left unstaged: refused"
expect_in "$ERR" 'error [jupytext-pairs] train.py: "train.py" is paired with "train.ipynb" (jupytext formats "ipynb,py:percent") and changed in the working tree, but that change is not staged: the commit has the old "train.py", in which the notebook has code line "x = torch.ones(3)" where the script has code line "x = torch.ones(2)"' "says not staged"
expect_in "$ERR" 'run `git add -- train.py`' "hint: git add"
# Changed in the working tree but still out of sync: called out of sync.
percent_script train.py "ipynb,py:percent" 4
run git commit -m "feat: three"
expect_rc 1 "still out of sync: refused"
expect_in "$ERR" '"train.py" is out of sync with "train.ipynb"' "out of sync"
expect_not_in "$ERR" "not staged" "not called unstaged"

scenario "a jupytext config over 1 MiB is not read, with a warning that says why"
start
{ printf 'formats = "ipynb,py:percent"\n'; head -c 1100000 /dev/zero | tr '\0' '#'; printf '\n'; } > jupytext.toml
notebook train.ipynb "" 2
git add jupytext.toml train.ipynb
run git commit -m "feat: big config"
expect_rc 0 "not paired through it"
expect_in "$ERR" 'warning [jupytext-pairs] jupytext.toml: the jupytext config "jupytext.toml" is not read: it has 1100030 bytes, more than the 1 MiB a config may have' "names the size"

finish
