# Nested rules (monorepos): a .preflight.yaml in a sub-folder applies to the
# files under it on top of the root's (closest folder wins per key), its
# pre_commit.commands add to the root's and run in its folder with paths
# relative to it, its commands need trust like the root's, repository-wide
# keys in it are an error with their location, and `preflight config PATH`
# shows the effective rules of a file and where each value came from.
. "$(dirname "$0")/lib.sh"

MARK="$TEST_ROOT/ran"

# mark_command NAME WORD: a command list item that appends "WORD <pwd> [file]..."
# to $MARK (four spaces in, as under pre_commit.commands).
mark_command() {
  printf '    - name: %s\n' "$1"
  printf '      run: '\''printf "%%s %%s" "%s" "$(pwd)" >> %s; printf " [%%s]" "$@" >> %s; echo >> %s'\''\n' \
    "$2" "$MARK" "$MARK" "$MARK"
}

# web_rules_repo TEXT: a fresh repository with hooks and a committed
# web/.preflight.yaml holding TEXT (printf format).
web_rules_repo() {
  new_repo repo
  install_hooks
  mkdir -p web
  printf "$1" >web/.preflight.yaml
  git add web/.preflight.yaml
  git commit -q --no-verify -m "chore: web rules"
}

# big FILE: 2 KiB of text.
big() { mkdir -p "$(dirname "$1")"; head -c 2048 /dev/zero | tr '\0' 'a' >"$1"; }

scenario "a nested rules file's check settings apply to the files under it, and only to them"
new_repo repo
install_hooks
printf 'checks:\n  large_files:\n    max_size: 1k\n' >.preflight.yaml
mkdir -p data
printf 'checks:\n  large_files:\n    max_size: 4k\n' >data/.preflight.yaml
git add .preflight.yaml data/.preflight.yaml
git commit -q --no-verify -m "chore: rules"
big data/table.csv
git add data/table.csv
run git commit -m "feat: a 2 KiB table under data/"
expect_rc 0 "data/.preflight.yaml raises the limit for data/"
big src/blob.txt
git add src/blob.txt
run git commit -m "feat: a 2 KiB file elsewhere"
expect_rc 1 "the root limit still holds outside data/"
expect_in "$ERR" "[large-file] src/blob.txt" "names the file over the root limit"
git reset -q src/blob.txt
printf 'checks:\n  large_files:\n    max_size: 1k\n' >data/.preflight.yaml
printf 'x' >>data/table.csv
git add data/.preflight.yaml data/table.csv
run git commit -m "feat: a nested limit that is lower"
expect_rc 1 "a lower nested limit refuses the file under data/"
expect_in "$ERR" "[large-file] data/table.csv" "names the file under the nested folder"

scenario "a nested file that lowers a limit is not silently ignored"
web_rules_repo 'checks:\n  large_files:\n    enabled: true\n    max_size: 1k\n'
big web/bundle.js
git add web/bundle.js
run git commit -m "feat: bundle"
expect_rc 1 "the nested limit blocks the commit"
expect_in "$ERR" "[large-file] web/bundle.js" "names the file and the check"
run git commit web/bundle.js -m "feat: bundle"
expect_rc 1 "also for git commit PATH (a temporary index)"
expect_in "$ERR" "[large-file] web/bundle.js" "git commit PATH: names the file"
cd web
run git commit -m "feat: bundle"
cd ..
expect_rc 1 "also when committing from the sub-folder"
expect_in "$ERR" "[large-file] web/bundle.js" "from the sub-folder: names the file"
run "$PREFLIGHT" run pre-commit --all-files
expect_rc 1 "run --all-files uses the nested settings too"
expect_in "$ERR" "[large-file] web/bundle.js" "--all-files: names the file"

scenario "two packages with their own commands and the root's: each runs in its own folder"
new_repo repo
install_hooks
rm -f "$MARK"
{ printf 'pre_commit:\n  commands:\n'; mark_command root-lint root; } >.preflight.yaml
mkdir -p packages/web packages/api/src
{ printf 'pre_commit:\n  commands:\n'; mark_command web-lint web; } >packages/web/.preflight.yaml
{
  printf 'pre_commit:\n  commands:\n'
  mark_command api-lint api
  printf '      glob: "*.py"\n      root: src\n'
  printf 'checks:\n  large_files:\n    max_size: 1k\n'
} >packages/api/.preflight.yaml
git add .preflight.yaml packages
git commit -q --no-verify -m "chore: rules"
run "$PREFLIGHT" trust --yes
expect_rc 0 "trust covers the nested files"
expect_in "$OUT" "# from packages/web/.preflight.yaml" "trust shows the web package's commands"
expect_in "$OUT" "# from packages/api/.preflight.yaml" "trust shows the api package's commands"
printf 'x\n' >top.txt
printf 'let a;\n' >"packages/web/my app.ts"
printf 'a = 1\n' >packages/api/src/mod.py
printf 'notes\n' >packages/api/README
git add top.txt packages
run git commit -m "feat: touch both packages"
expect_rc 0 "the commit passes"
expect_eq "$(grep '^root ' "$MARK")" "root $PWD [packages/api/README] [packages/api/src/mod.py] [packages/web/my app.ts] [top.txt]" \
  "the root command runs at the root on every file"
expect_eq "$(grep '^web ' "$MARK")" "web $PWD/packages/web [my app.ts]" \
  "the web command runs in packages/web on its files, named relative to it"
expect_eq "$(grep '^api ' "$MARK")" "api $PWD/packages/api/src [mod.py]" \
  "the api command runs in its root below its folder, on its glob"
big packages/api/src/data.py
big packages/web/data.json
git add packages
rm -f "$MARK"
run git commit -m "feat: data in both packages"
expect_rc 1 "the api package's own limit blocks"
expect_in "$ERR" "[large-file] packages/api/src/data.py" "per-folder check settings: api's limit"
expect_not_in "$ERR" "packages/web/data.json" "web keeps the root's (default) limit"

scenario "SKIP names a nested file's commands; a required one runs anyway"
new_repo repo
install_hooks
rm -f "$MARK"
mkdir -p web api
{ printf 'pre_commit:\n  commands:\n'; mark_command web-lint web; } >web/.preflight.yaml
{ printf 'pre_commit:\n  commands:\n'; mark_command api-lint api; printf '      required: true\n'; } >api/.preflight.yaml
git add web api
git commit -q --no-verify -m "chore: rules"
"$PREFLIGHT" trust --yes >/dev/null
printf 'a\n' >web/a.ts
printf 'b\n' >api/b.py
git add web api
SKIP=web-lint,api-lint run git commit -m "feat: both"
expect_rc 0 "the commit passes"
expect_in "$ERR" "web-lint: skipped (SKIP)" "the nested command is skipped"
expect_not_in "$ERR" "which is no check, rule or command" "no false typo warning for nested command names"
expect_in "$ERR" "api-lint: required: runs despite SKIP" "a required nested command runs despite SKIP"
expect_eq "$(cat "$MARK")" "api $PWD/api [b.py]" "only the required one ran"

scenario "a new nested file with commands does not run until trusted"
new_repo repo
install_hooks
rm -f "$MARK"
mkdir -p web
{ printf 'pre_commit:\n  commands:\n'; mark_command web-lint web; } >web/.preflight.yaml
printf 'a\n' >web/a.ts
git add web
run git commit -m "feat: web with its own command"
expect_rc 1 "the untrusted nested command blocks the commit"
expect_in "$ERR" "the commands in web/.preflight.yaml (\"web-lint\")" "names the nested file and command"
if [ -e "$MARK" ]; then fail "the untrusted nested command ran"; else pass; fi
run "$PREFLIGHT" trust --yes
expect_in "$OUT" "# from web/.preflight.yaml" "trust shows the nested file"
run git commit -m "feat: web with its own command"
expect_rc 0 "once trusted the commit passes"
expect_eq "$(cat "$MARK")" "web $PWD/web [.preflight.yaml] [a.ts]" "and the command ran in web/ on its staged files"
{ printf 'pre_commit:\n  commands:\n'; mark_command web-lint changed; } >web/.preflight.yaml
git add web/.preflight.yaml
run git commit -m "chore: change the nested command"
expect_rc 1 "a changed nested command needs trust again"
expect_in "$ERR" "[untrusted-commands]" "says why"

scenario "repository-wide keys in a nested file are errors with their location"
new_repo repo
install_hooks
mkdir -p web
printf 'checks:\n  large_files:\n    max_size: 1k\npre_push:\n  protected_branches: [web]\ncommit_msg:\n  rules:\n    type-enum: [error, always, [feat]]\nextends: [strict]\n' >web/.preflight.yaml
git add web/.preflight.yaml
run git commit -m "chore: web rules"
expect_rc 1 "a broken nested file blocks like a broken root file"
expect_in "$ERR" "web/.preflight.yaml:5:23: \"pre_push.protected_branches\" applies to the whole repository: set it in the root .preflight.yaml (a nested rules file sets only checks.* and pre_commit.commands)" "pre-push keys are the root's"
expect_in "$ERR" "web/.preflight.yaml:8:16: \"commit_msg.rules.type-enum\" applies to the whole repository" "commit-msg rules are the root's"
expect_in "$ERR" "web/.preflight.yaml:9:10: \"extends\" applies to the whole repository" "extends is the root's"
expect_in "$ERR" "--no-verify" "says how to bypass once"
run "$PREFLIGHT" run pre-commit
expect_rc 2 "the hook exits 2 for a broken nested file, as for a broken root file"
printf 'checks:\n  large_fils: {}\n' >web/.preflight.yaml
git add web/.preflight.yaml
run git commit -m "chore: web rules"
expect_rc 1 "an unknown key in a nested file"
expect_in "$ERR" "web/.preflight.yaml:2:3: unknown key \"large_fils\" in \"checks\" (did you mean \"large_files\"?)" "is located in the nested file"

scenario "a nested rules file behind a symbolic link is refused, not followed"
web_rules_repo 'checks: {}\n'
printf 'checks:\n  large_files:\n    max_size: 1k\n' >"$TEST_ROOT/elsewhere.yaml"
rm web/.preflight.yaml
ln -s "$TEST_ROOT/elsewhere.yaml" web/.preflight.yaml
printf 'a\n' >web/a.ts
git add web/a.ts
run git commit -m "feat: a"
expect_rc 1 "the commit is blocked"
expect_in "$ERR" "web/.preflight.yaml: \"web/.preflight.yaml\" is a symbolic link in the working tree; nested rules are read only from the repository's own folders and files" "says why"

scenario "preflight config PATH shows the effective rules of a file and their sources"
new_repo repo
mkdir -p web/admin
printf 'checks:\n  large_files:\n    max_size: 1k\n  conflict_markers:\n    enabled: false\n' >.preflight.yaml
printf 'checks:\n  large_files:\n    max_size: 2k\n  private_keys:\n    allow: ["*.pem"]\n' >web/.preflight.yaml
printf 'checks:\n  large_files:\n    max_size: 3k\npre_commit:\n  commands:\n    - name: admin\n      run: [true]\n' >web/admin/.preflight.yaml
git add .
run "$PREFLIGHT" config web/admin/page.ts
expect_rc 0 "config PATH works"
expect_in "$OUT" "checks.large_files.max_size: 3k  # web/admin/.preflight.yaml:3:15" "the closest folder wins"
expect_in "$OUT" "checks.private_keys.allow: [\"*.pem\"]  # web/.preflight.yaml:5:12" "a key set in between is inherited"
expect_in "$OUT" "checks.conflict_markers.enabled: false  # .preflight.yaml:5:14" "the root's values apply below"
expect_in "$OUT" "pre_commit.commands: [{name: admin, run: [true]}]  # web/admin/.preflight.yaml:6:5 (the lists add up)" "the command lists that add up"
run "$PREFLIGHT" config web/page.ts
expect_in "$OUT" "checks.large_files.max_size: 2k  # web/.preflight.yaml:3:15" "a file in web/ gets web's value"
cd web/admin
run "$PREFLIGHT" config page.ts
cd ../..
expect_in "$OUT" "checks.large_files.max_size: 3k  # web/admin/.preflight.yaml:3:15" "PATH is relative to the current folder"
run "$PREFLIGHT" config top.txt
expect_in "$OUT" "checks.large_files.max_size: 1k  # .preflight.yaml:3:15" "a file at the root gets the root's value"
run "$PREFLIGHT" config
expect_in "$OUT" "# nested: web/.preflight.yaml" "config lists the nested files"
run "$PREFLIGHT" status
expect_in "$OUT" "then web/.preflight.yaml, then web/admin/.preflight.yaml" "status lists the nested files among the rules"
run "$PREFLIGHT" config ../elsewhere
expect_rc 2 "a path outside the repository"
expect_in "$ERR" "\"../elsewhere\" is outside the repository" "says so"

scenario "a nested file git does not know yet is not read"
new_repo repo
install_hooks
mkdir -p web
printf 'checks:\n  large_files:\n    max_size: 1k\n' >web/.preflight.yaml
big web/bundle.js
git add web/bundle.js
run git commit -m "feat: bundle"
expect_rc 0 "an untracked nested file is not in the index, so it is not read"
git add web/.preflight.yaml
big web/other.js
git add web/other.js
run git commit -m "feat: other"
expect_rc 1 "once added it applies"
expect_in "$ERR" "[large-file] web/other.js" "names the file"

scenario "pre-push applies nested rules files as pre-commit does, both ways"
web_rules_repo 'checks:\n  large_files:\n    max_size: 1k\n'
git init -q --bare ../remote.git && git remote add origin ../remote.git
git push -q origin main 2>/dev/null
mkdir -p certs
printf 'checks:\n  private_keys:\n    allow: ["*.pem"]\n' >certs/.preflight.yaml
printf -- '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAtest\n-----END RSA PRIVATE KEY-----\n' >certs/fixture.pem
git add certs
run git commit -m "test: a key fixture"
expect_rc 0 "the nested allow list lets the key through at commit"
run git push -q origin main
expect_rc 0 "and at push"
expect_not_in "$ERR" "[private-key]" "with no finding"
big web/big.js && git add web/big.js
run git commit -m "feat: big"
expect_rc 1 "(pre-commit refuses the big file under web/)"
git commit -q --no-verify -m "feat: big"
run git push origin main
expect_rc 1 "a commit pre-commit never saw is refused at push by the nested limit"
expect_in "$ERR" "[large-file] web/big.js" "naming the file"
expect_in "$ERR" "the limit is 1.0 KiB" "with the nested file's limit"
git reset -q --hard HEAD~1
big other.js && git add other.js && git commit -q -m "feat: other"
run git push -q origin main
expect_rc 0 "a 2 KiB file outside web/ keeps the root's limit at push"

finish
