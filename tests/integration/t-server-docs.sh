# docs/server.md and docs/ci.md: every `bash` block of docs/server.md runs, in
# order, as written; the CI commands of docs/ci.md (the lines between the
# "# begin: tested" and "# end: tested" markers, in its bash block and in both
# CI files) run on a repository with a bad pull request.
. "$(dirname "$0")/lib.sh"
docs="$PREFLIGHT_SOURCE_DIR/docs"
export PATH="$PREFLIGHT_BUILD_DIR/bin:$PATH"

# bash_blocks FILE: the bash blocks of a Markdown file, in order.
bash_blocks() { awk '/^```bash$/ {inside = 1; next} /^```/ {inside = 0} inside' "$1"; }

# tested_regions FILE: each region between the markers, dedented, one file each
# (region.1, region.2, ...) in the current folder; prints how many.
tested_regions() {
  awk '/# begin: tested/ {n++; inside = 1; next} /# end: tested/ {inside = 0}
       inside {sub(/^[ \t]+/, ""); print > ("region." n)} END {print n + 0}' "$1"
}

scenario "every bash block of docs/server.md runs"
bash_blocks "$docs/server.md" >server-docs.sh
expect_in "$(cat server-docs.sh)" "preflight -C project.git install --server" "the blocks were found"
run bash -e server-docs.sh
expect_rc 0 "the commands of docs/server.md"
expect_eq "$(git -C project.git config preflight.rules)" "$PWD/project-rules.yaml" "the rules are set"
expect_eq "$(git -C project.git config receive.advertisePushOptions)" "true" "push options are advertised"
expect_eq "$(head -c 4 project.git/hooks/pre-receive | od -An -c | tr -d ' ')" '177ELF' "pre-receive installed"
expect_in "$(cat work/push.err)" "remote: error [type-empty]" "the block's push was refused by the server"
for link in project.git/hooks/pre-receive.d/preflight project.git/hooks/update.d/preflight \
  custom_hooks/pre-receive.d/preflight custom_hooks/update.d/preflight; do
  if [ -x "$link" ] && [ -L "$link" ]; then pass; else fail "$link is not a link to an executable"; fi
done
expect_eq "$(tar -tf custom_hooks.tar | sort | tr '\n' ' ')" \
  "custom_hooks/ custom_hooks/pre-receive.d/ custom_hooks/pre-receive.d/preflight custom_hooks/update.d/ custom_hooks/update.d/preflight " \
  "the GitLab tarball"

scenario "the Gitea/Forgejo layout: a pre-receive that runs pre-receive.d/* refuses through the link"
git init -q --bare gitea.git
libexec="$PREFLIGHT_BUILD_DIR/libexec/preflight"
mkdir -p gitea.git/hooks/pre-receive.d gitea.git/hooks/update.d
ln -sf "$libexec/pre-receive" gitea.git/hooks/pre-receive.d/preflight
ln -sf "$libexec/update" gitea.git/hooks/update.d/preflight
# What Gitea writes: each hook in <hook>.d gets git's input; the first failure refuses.
cat >gitea.git/hooks/pre-receive <<'SH'
#!/bin/sh
data=$(cat)
for hook in "$(dirname "$0")/pre-receive.d"/*; do
  printf '%s\n' "$data" | "$hook" || exit 1
done
SH
cat >gitea.git/hooks/update <<'SH'
#!/bin/sh
for hook in "$(dirname "$0")/update.d"/*; do "$hook" "$@" || exit 1; done
SH
chmod +x gitea.git/hooks/pre-receive gitea.git/hooks/update
new_repo client
make_torch_zip model.pt
git add model.pt
git commit -q -m "feat: weights"
run git push ../gitea.git HEAD:main
expect_rc 1 "refused"
expect_in "$ERR" "remote: error [checkpoint] model.pt: checkpoint or model file model.pt (in commit $(git rev-parse --short=12 HEAD) (feat: weights))" "through pre-receive.d"
git reset -q --hard HEAD~1
run git push ../gitea.git HEAD:main
expect_rc 0 "a clean push through the same hooks"

scenario "the CI commands of docs/ci.md run on a bad pull request"
new_repo pr
BASE=$(git rev-parse HEAD)
make_torch_zip weights.pt
git add weights.pt
git commit -q -m "feat: weights"
HEAD=$(git rev-parse HEAD)
export BASE HEAD
count=$(tested_regions "$docs/ci.md")
expect_eq "$count" "3" "the bash block, the GitHub job and the GitLab job"
for i in $(seq "$count"); do
  rm -f preflight.sarif
  printf 'echo "status=$status"\n' >>"region.$i"
  run bash -e "region.$i"
  expect_rc 0 "region $i runs to its end"
  expect_in "$OUT" "status=1" "region $i: the findings set status"
  expect_eq "$(python3 -c 'import json,sys; l=json.load(open("preflight.sarif")); print(l["version"], [r["ruleId"] for r in l["runs"][0]["results"]])')" \
    "2.1.0 ['checkpoint']" "region $i: the SARIF file"
done
expect_in "$(cat region.1 region.2)" "--format github" "the GitHub job annotates"
run bash -e region.2
expect_in "$OUT" "::error file=weights.pt,title=preflight checkpoint::checkpoint or model file weights.pt" "with workflow commands"
# Nothing but the markers' lines differs between the doc's block and the GitHub job.
expect_eq "$(cat region.1)" "$(cat region.2)" "the GitHub job runs the documented commands"

finish
