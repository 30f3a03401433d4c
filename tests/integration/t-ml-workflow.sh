# The PyTorch container workflow, end to end: `preflight init --template
# pytorch` in a fresh repository (rules and .gitignore entries, no duplicates),
# a checkpoint and a run folder refused, a notebook stored stripped, a
# placeholder identity refused, and a `git reset --hard` mistake recovered from
# its backup branch. The README's walk-through follows these steps.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

scenario "init --template pytorch writes the rules and the .gitignore entries"
git init -q repo && cd repo || exit 1
install_hooks
run "$PREFLIGHT" init --template pytorch
expect_rc 0 "init succeeds"
expect_in "$OUT" 'from the "pytorch" template; commit it to share it' "rules written"
expect_in "$OUT" "added 16 entries to .gitignore: __pycache__/ *.pyc *.egg-info/ .venv/ .ipynb_checkpoints/ runs/ checkpoints/ lightning_logs/ wandb/ mlruns/ *.log *.pt *.pth *.ckpt *.safetensors *.onnx" "entries listed"
expect_eq "$(head -1 .gitignore)" '# Added by `preflight init --template pytorch`' "a fresh .gitignore starts with the note"
expect_in "$(cat .preflight.yaml)" "extends: [default]" "rules extend default"
run "$PREFLIGHT" config
expect_rc 0 "the template is valid rules"
# The values must come from the template, not from the defaults.
expect_in "$OUT" "identity.enabled: true  # .preflight.yaml:" "identity on, from the template"
expect_in "$OUT" "checks.large_files.max_size: 10MB  # .preflight.yaml:" "its size limit is the template's"
run "$PREFLIGHT" init --template pytorch --force
expect_in "$OUT" '.gitignore already has the "pytorch" entries' "second run adds nothing"
expect_eq "$(grep -c '^\*\.pt$' .gitignore)" "1" "no duplicate lines"
git add .preflight.yaml .gitignore
run git commit -m "chore: preflight rules for the project"
expect_rc 0 "the rules commit passes"

scenario "init --template pytorch keeps an existing .gitignore and adds what it lacks"
git init -q repo && cd repo || exit 1
printf 'data/\n__pycache__\n*.py[cod]\n*.pt' > .gitignore
run "$PREFLIGHT" init --template pytorch
expect_rc 0 "init succeeds"
expect_not_in "$OUT" " *.pyc " "*.py[cod] covers *.pyc"
expect_eq "$(head -6 .gitignore)" "data/
__pycache__
*.py[cod]
*.pt

# Added by \`preflight init --template pytorch\`" "the old lines are kept, a newline added after the last"
expect_eq "$(grep -c '__pycache__' .gitignore)" "1" "__pycache__ not repeated"
expect_eq "$(grep -c '^\*\.pt$' .gitignore)" "1" "*.pt not repeated"
expect_in "$(cat .gitignore)" "runs/" "missing entries added"
run "$PREFLIGHT" init --template pytorch
expect_rc 2 "an existing .preflight.yaml needs --force"
expect_in "$ERR" ".preflight.yaml already exists (use --force to overwrite it)" "says why"
run "$PREFLIGHT" init --template pytorh
expect_rc 2 "unknown template"
expect_in "$ERR" 'unknown template "pytorh" (did you mean "pytorch"?)' "names it, with a suggestion"
expect_in "$ERR" 'unknown template "pytorh" (did you mean "pytorch"?); templates: default, minimal, python, pytorch' "templates listed"

scenario "every template is valid rules"
git init -q repo && cd repo || exit 1
for template in default minimal python pytorch; do
  run "$PREFLIGHT" init --force --template "$template"
  expect_rc 0 "init --template $template"
  run "$PREFLIGHT" config
  expect_rc 0 "the $template template loads"
done
expect_eq "$(grep -c '^__pycache__/$' .gitignore)" "1" "python then pytorch: __pycache__/ once"

scenario "init without a template suggests pytorch where notebooks or checkpoints are"
git init -q repo && cd repo || exit 1
mkdir -p notebooks && echo '{}' > notebooks/explore.ipynb
run "$PREFLIGHT" init
expect_rc 0 "init succeeds"
expect_in "$OUT" 'preflight: found "notebooks/explore.ipynb": for a PyTorch or notebook project, `preflight init --template pytorch --force` writes its rules and .gitignore entries' "suggestion"
expect_eq "$(ls .gitignore 2>/dev/null)" "" "the default template writes no .gitignore"
git init -q ../plain && cd ../plain || exit 1
run "$PREFLIGHT" init
expect_not_in "$OUT" "found" "no suggestion without ML files"

scenario "checkpoints and run folders refused, notebooks stored stripped, placeholders refused"
git init -q repo && cd repo || exit 1
install_hooks
"$PREFLIGHT" init --template pytorch >/dev/null
git add .preflight.yaml .gitignore && git commit -q -m "chore: preflight rules"
python3 -c "import zipfile; z = zipfile.ZipFile('model.pt', 'w'); z.writestr('archive/data.pkl', b'\x80\x02'); z.close()"
git add -f model.pt
run git commit -m "feat: add weights"
expect_rc 1 "a .pt file is refused"
expect_in "$ERR" "error [checkpoint] model.pt" "checkpoint named"
git rm -q --cached model.pt
mkdir -p runs/exp1 && echo "loss 0.1" > runs/exp1/x
git add -f runs/exp1/x
run git commit -m "feat: add a run"
expect_rc 1 "a run folder is refused"
expect_in "$ERR" "runs/exp1/x" "run file named"
git rm -q --cached runs/exp1/x
python3 - <<'PY'
import json
nb = {"cells": [{"cell_type": "code", "execution_count": 7, "id": "a", "metadata": {},
       "outputs": [{"output_type": "stream", "name": "stdout", "text": "loss 0.1\n"}],
       "source": "print('loss', 0.1)"}],
      "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
      "nbformat": 4, "nbformat_minor": 5}
json.dump(nb, open("train.ipynb", "w"), indent=1)
PY
git add train.ipynb
run git commit -m "feat: training notebook"
expect_rc 0 "the notebook commit passes"
expect_in "$(git show HEAD:train.ipynb)" '"outputs": []' "stored without outputs"
expect_in "$(git show HEAD:train.ipynb)" '"execution_count": null' "and without counts"
expect_in "$(cat train.ipynb)" "loss 0.1" "the working copy keeps its outputs"
git config user.name "Your Name"
echo "lr = 1e-3" > config.py && git add config.py
run env -u GIT_AUTHOR_NAME -u GIT_COMMITTER_NAME git commit -m "feat: learning rate"
expect_rc 1 "Your Name refused"
expect_in "$ERR" 'git config user.name "<your full name>"' "the fix is shown"
git config user.name "Ada Lovelace"

scenario "a git reset --hard mistake is recovered from its backup branch"
cd "$TEST_ROOT/checkpoints_and_run_folders_refused__notebooks_stored_stripped__placeholders_refused/repo" || exit 1
git commit -q -m "feat: learning rate"
GOOD=$(git rev-parse HEAD)
run git reset --hard HEAD~1
expect_rc 0 "the reset happens"
expect_in "$ERR" "preflight: saved 1 commit that left main (reset) as branch backup/main/" "the backup is announced"
BACKUP=$(git for-each-ref --format='%(refname:short)' refs/heads/backup/)
expect_eq "$(git rev-parse "$BACKUP")" "$GOOD" "the backup holds the lost commit"
run "$PREFLIGHT" backup list
expect_in "$OUT" "$BACKUP  main" "backup list shows it"
run "$PREFLIGHT" backup restore "$BACKUP"
expect_rc 0 "restore succeeds"
expect_eq "$(git rev-parse HEAD)" "$GOOD" "main is back at the lost commit"
expect_eq "$(cat config.py)" "lr = 1e-3" "and so is the file"

finish
