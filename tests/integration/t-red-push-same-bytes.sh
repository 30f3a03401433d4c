# Red team: pre-push checks each pushed file once, but a file's path decides as
# much as its bytes (name patterns, allow lists, .ipynb). The same bytes pushed
# again under a riskier path, in a later commit, must still be refused.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/red_helpers.sh"

# push_refused BRANCH CHECK PATH WHAT: pushing HEAD to BRANCH is refused by CHECK for PATH.
push_refused() {
  expect_push_refused "$1" "error [$2] $3:" "$4"
  git reset -q --hard "$START"
}

scenario "the same bytes under a riskier path in a later pushed commit"
repo_with_remote
install_hooks

printf 'epoch 3\n' >notes.txt && git add notes.txt && git commit -q -m "docs: notes"
mkdir checkpoints && cp notes.txt checkpoints/epoch3.txt
git add checkpoints && git commit -q --no-verify -m "feat: keep the run"
push_refused by-name checkpoint checkpoints/epoch3.txt "a checkpoints/ path with a text file's bytes"

printf 'checks:\n  checkpoints:\n    allow: [tests/fixtures/]\n' >.preflight.yaml
git add .preflight.yaml && git commit -q -m "chore: fixtures may hold tiny models"
START_RULES=$(git rev-parse HEAD)
mkdir -p tests/fixtures models && make_torch_zip tests/fixtures/tiny.pt
git add tests && git commit -q -m "test: a tiny model"
cp tests/fixtures/tiny.pt models/final.pt
git add models && git commit -q --no-verify -m "feat: the model"
START=$START_RULES
push_refused allowed-first checkpoint models/final.pt "an allowed fixture's bytes outside the allow list"

START=$(git rev-parse HEAD)
printf '{"cells":[{"cell_type":"code","execution_count":1,"metadata":{},"outputs":[{"name":"stdout","output_type":"stream","text":"RESULT"}],"source":"print(1)"}],"metadata":{},"nbformat":4,"nbformat_minor":5}\n' >run.json
git add run.json && git commit -q -m "feat: a record of the run"
git update-index --add --cacheinfo "100644,$(git rev-parse HEAD:run.json),run.ipynb"
git commit -q --no-verify -m "feat: the notebook"
push_refused notebook notebook run.ipynb "a notebook with the bytes of a .json file"

finish
