# Secrets under real `git commit` and `git push`: the token shapes users leak most
# (each built here, so that no literal key sits in the repository), a token right
# after an escaped line break in a notebook, a UTF-16 Windows .env, and a key
# past the first 8 MiB of a file.
. "$(dirname "$0")/lib.sh"

marker="T3Blbk""FJ"
chars=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789
fake() { # N: N characters of [A-Za-z0-9]
  local out=""
  while [ "${#out}" -lt "$1" ]; do out="$out$chars"; done
  printf '%s' "${out:0:$1}"
}
openai="sk-proj-$(fake 58)$marker$(fake 58)"

commit_refused() { # FILE KIND
  git add -- "$1"
  run git commit -m "feat: add $1"
  expect_rc 1 "$1 refused"
  expect_in "$ERR" "[private-key] $1:" "$1: the check and the file"
  expect_in "$ERR" "$2 in $1" "$1: names the kind of secret"
  git reset -q
  rm -f -- "$1"
}

scenario "each token shape is refused at commit"
new_repo repo
install_hooks
while IFS='|' read -r kind token; do
  printf 'API_KEY=%s\n' "$token" > settings.env
  commit_refused settings.env "$kind"
done <<EOF2
OpenAI API key|sk-$(fake 20)$marker$(fake 20)
OpenAI API key|$openai
OpenAI API key|sk-svcacct-$(fake 58)$marker$(fake 58)
Anthropic API key|sk-ant-api03-$(fake 93)AA
Hugging Face token|hf_$(fake 34)
GitHub fine-grained token|github_pat_$(fake 22)_$(fake 59)
GitHub personal access token|ghp_$(fake 36)
GitHub OAuth token|gho_$(fake 36)
GitLab personal access token|glpat-$(fake 20)
Slack bot token|xoxb-1234567890-1234567890123-$(fake 24)
Stripe live secret key|sk_live_$(fake 24)
Stripe live restricted key|rk_live_$(fake 24)
Google API key|AIza$(fake 35)
npm access token|npm_$(fake 36)
PyPI API token|pypi-AgEIcHlwaS5vcmc$(fake 60)
EOF2
printf 'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\n' > id.ppk
commit_refused id.ppk "PuTTY private key"

scenario "blind spots: escaped line breaks, UTF-16, past 8 MiB"
new_repo repo
install_hooks
printf '{"cells": [], "metadata": {"env": "A=1\\n%s"}, "nbformat": 4, "nbformat_minor": 5}\n' \
  "$openai" > analysis.ipynb
commit_refused analysis.ipynb "OpenAI API key"
printf '{"a":"x\\tghp_%s"}' "$(fake 36)" > min.json
commit_refused min.json "GitHub personal access token"
python3 -c 'import sys; open(".env", "wb").write(("# dev\r\nOPENAI_API_KEY=" + sys.argv[1] + "\r\n").encode("utf-16"))' "$openai"
commit_refused .env "OpenAI API key"
python3 -c 'import sys; open("be.env", "wb").write(b"\xfe\xff" + ("HF_TOKEN=" + sys.argv[1] + "\n").encode("utf-16-be"))' "hf_$(fake 34)"
commit_refused be.env "Hugging Face token"
python3 -c 'import sys; open("log.txt", "w").write("x" * (9 << 20) + "\n" + sys.argv[1] + "\n")' "ANTHROPIC_API_KEY=sk-ant-api03-$(fake 93)AA"
commit_refused log.txt "Anthropic API key"

scenario "UTF-16 without gconv modules (another glibc, a slim container): still found"
# A static binary's iconv would load the gconv modules of the machine it runs
# on; here they are hidden (a private mount namespace), as on a machine that has
# none, and the UTF-16 files must be decoded all the same.
gconv=$(ls -d /usr/lib/*/gconv 2>/dev/null | head -1)
if [ -z "$gconv" ] || ! unshare -m true 2>/dev/null; then
  fail "this scenario needs the gconv folder and unshare -m (root): $gconv"
else
  new_repo repo
  install_hooks
  python3 -c 'import sys; open(".env", "wb").write(("# dev\r\nOPENAI_API_KEY=" + sys.argv[1] + "\r\n").encode("utf-16"))' "$openai"
  python3 -c 'import sys; open("be.env", "wb").write(b"\xfe\xff" + ("HF_TOKEN=" + sys.argv[1] + "\n").encode("utf-16-be"))' "hf_$(fake 34)"
  git add .env be.env
  mkdir -p "$TEST_ROOT/no-gconv"
  run unshare -m sh -c 'mount --bind "$1" "$2" && ls "$2" | wc -l && exec git commit -m "feat: settings"' \
    sh "$TEST_ROOT/no-gconv" "$gconv"
  expect_eq "$(head -1 <<<"$OUT")" "0" "the gconv modules were hidden"
  expect_rc 1 "refused"
  expect_in "$ERR" "OpenAI API key in .env" "the UTF-16LE key"
  expect_in "$ERR" "Hugging Face token in be.env" "the UTF-16BE key"
fi

scenario "ordinary text passes"
new_repo repo
install_hooks
cat > notes.md <<'EOF2'
We use scikit-learn (the sk-learn alias) and a task-runner.
ASIA and AKIA are prefixes of AWS key ids; ASIAN markets opened.
Call hf_hub_download() and set npm_config_cache; api_org_name is a field.
Slack docs use xoxb-not-a-real-token-this-will-not-work as a placeholder.
Stripe test keys look like sk_test_ and are fine; GOOGLE_API_KEY=AIzaSy... comes from the console.
-----BEGIN PUBLIC KEY-----
aws_secret_access_key = ${AWS_SECRET}
EOF2
git add notes.md
run git commit -m "docs: notes"
expect_rc 0 "ordinary text passes"
expect_eq "$(git show HEAD:notes.md | head -1)" "We use scikit-learn (the sk-learn alias) and a task-runner." "it was committed"

scenario "a token in a pushed commit is refused at push"
git init -q --bare remote.git
new_repo repo
git remote add origin ../remote.git
install_hooks
git push -q origin main
printf 'token = "glpat-%s"\n' "$(fake 20)" > ci.yml
git add ci.yml && git commit -q --no-verify -m "ci: add token"
run git push origin main
expect_rc 1 "push refused"
expect_in "$ERR" "GitLab personal access token in ci.yml (in commit" "names the token and the commit"

finish
