# CI output: `--format sarif` validated by Microsoft's SARIF validator
# (@microsoft/sarif-multitool, installed with npm into a scratch prefix at test
# time; a test that cannot install it fails), and `--format github` checked
# against GitHub's documented workflow-command syntax and escaping, for
# `run pre-push --from-ref/--to-ref`, `run pre-commit` and `check-msg`.
real_home=$HOME
. "$(dirname "$0")/lib.sh"

# The validator, once per test file: sets SARIF_TOOL or fails.
install_validator() {
  local prefix=$TEST_ROOT/npm
  if ! npm_config_cache="${PREFLIGHT_NPM_CACHE:-$real_home/.npm}" npm install --no-audit --no-fund \
    --prefix "$prefix" @microsoft/sarif-multitool@5.7.0 >"$TEST_ROOT/npm.log" 2>&1; then
    fail "cannot install @microsoft/sarif-multitool with npm (network or npm cache needed): $(tail -5 "$TEST_ROOT/npm.log")"
    return 1
  fi
  SARIF_TOOL=$prefix/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
  chmod u+x "$SARIF_TOOL" # npm skips the package's postinstall script
}

# validate FILE DESCRIPTION: the validator reports no error (it exits 0 either way).
validate() {
  local log
  log=$("$SARIF_TOOL" validate "$1" 2>&1)
  if grep -q "Analysis completed successfully" <<<"$log" && ! grep -qE ': error [A-Z]+[0-9]+:' <<<"$log"; then
    pass
  else
    fail "$2: the SARIF validator reports: $log"
  fi
}

# py EXPRESSION FILE: evaluates a Python expression over the JSON in FILE (as `log`).
py() { python3 -c "import json, sys; log = json.load(open(sys.argv[1])); print($1)" "$2"; }

# A repository whose last three commits (after $base) bring a checkpoint with
# ',', ':' and '%' in its name, a conflict marker on line 2 of a file whose name
# holds a newline, a private key, and a bad message.
setup() {
  new_repo repo
  base=$(git rev-parse HEAD)
  make_torch_zip 'w,v1:x%.pt'
  git add 'w,v1:x%.pt'
  git commit -q -m "feat: add weights"
  ckpt=$(git rev-parse HEAD)
  printf 'ok\n<<<<<<< HEAD\n' >'odd
name.txt'
  printf -- '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n' >id_ed25519
  git add -A
  git commit -q -m "Bad message"
  bad=$(git rev-parse HEAD)
}

install_validator || { finish; }

scenario "the validator catches a bad log (so a pass means something)"
printf '{"version":"2.1.0","runs":[{"tool":{"driver":{}},"results":[{"level":"bogus"}]}]}' >bad.sarif
run "$SARIF_TOOL" validate bad.sarif
expect_in "$OUT$ERR" "error JSON1002" "a missing required property is reported"

scenario "run pre-push --format sarif: valid SARIF 2.1.0, one result per finding, commit and location"
setup
run "$PREFLIGHT" run pre-push --from-ref "$base" --to-ref HEAD --format json
expect_rc 1 "findings block in json"
printf '%s\n' "$OUT" >findings.json
run "$PREFLIGHT" run pre-push --from-ref "$base" --to-ref HEAD --format sarif
expect_rc 1 "findings block in sarif too"
printf '%s\n' "$OUT" >pre-push.sarif
validate pre-push.sarif "run pre-push"
expect_eq "$(py '(log["version"], log["runs"][0]["tool"]["driver"]["name"])' pre-push.sarif)" "('2.1.0', 'preflight')" "version and tool"
expect_eq "$(py 'len(log["runs"][0]["results"])' pre-push.sarif)" "$(py 'len(log["findings"])' findings.json)" "one result per finding"
expect_eq "$(py '[(r["ruleId"], r["level"], r["properties"]["commit"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in log["runs"][0]["results"] if r["ruleId"] == "checkpoint"]' pre-push.sarif)" \
  "[('checkpoint', 'error', '$ckpt', 'w%2Cv1%3Ax%25.pt')]" "the checkpoint: rule, level, commit, file as a URI"
expect_eq "$(py '[(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["locations"][0]["physicalLocation"]["region"], r["properties"]["commit"]) for r in log["runs"][0]["results"] if r["ruleId"] == "conflict-marker"]' pre-push.sarif)" \
  "[('odd%0Aname.txt', {'startLine': 2}, '$bad')]" "the conflict marker: its line"
expect_eq "$(py 'sorted(r["ruleId"] for r in log["runs"][0]["results"])' pre-push.sarif)" \
  "['checkpoint', 'conflict-marker', 'private-key', 'subject-empty', 'type-empty']" "every check that found something"
expect_eq "$(py '[r["properties"]["commit"] for r in log["runs"][0]["results"] if r["ruleId"] == "type-empty"]' pre-push.sarif)" "['$bad']" "the message finding names its commit"
expect_eq "$(py 'sorted(set(r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"])) == sorted(set(r["ruleId"] for r in log["runs"][0]["results"])) and all(log["runs"][0]["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"] for r in log["runs"][0]["results"])' pre-push.sarif)" "True" "rules and ruleIndex agree"
expect_eq "$(py 'all("preflight/v1" in r["partialFingerprints"] for r in log["runs"][0]["results"])' pre-push.sarif)" "True" "fingerprints"

scenario "run pre-commit and check-msg --format sarif validate too; a clean range is an empty run"
setup
git reset -q --soft "$base"
run "$PREFLIGHT" --format sarif run pre-commit
expect_rc 1 "pre-commit findings"
printf '%s\n' "$OUT" >pre-commit.sarif
validate pre-commit.sarif "run pre-commit"
expect_eq "$(py 'sorted(r["ruleId"] for r in log["runs"][0]["results"])' pre-commit.sarif)" "['checkpoint', 'conflict-marker', 'private-key']" "its findings"
git reset -q --hard "$bad"
run "$PREFLIGHT" check-msg --range "$base..HEAD" --format sarif
expect_rc 1 "check-msg findings"
printf '%s\n' "$OUT" >check-msg.sarif
validate check-msg.sarif "check-msg --range"
expect_eq "$(py '[(r["ruleId"], r["properties"]["commit"]) for r in log["runs"][0]["results"]]' check-msg.sarif)" "[('subject-empty', '$bad'), ('type-empty', '$bad')]" "the bad message"
run "$PREFLIGHT" run pre-push --from-ref "$base" --to-ref "$base" --format sarif
expect_rc 0 "an empty range"
printf '%s\n' "$OUT" >empty.sarif
validate empty.sarif "an empty run"
expect_eq "$(py 'log["runs"][0]["results"]' empty.sarif)" "[]" "no results"

scenario "--format github: workflow commands with GitHub's escaping"
setup
run "$PREFLIGHT" run pre-push --from-ref "$base" --to-ref HEAD --format github
expect_rc 1 "findings block"
short=${ckpt:0:12}
expect_in "$OUT" "::error file=w%2Cv1%3Ax%25.pt,title=preflight checkpoint::checkpoint or model file w,v1:x%25.pt (in commit $short (feat: add weights)): " \
  "',' ':' '%' escaped in the file property, '%' in the message"
expect_in "$OUT" "::error file=odd%0Aname.txt,line=2,title=preflight conflict-marker::merge conflict marker odd%0Aname.txt (in commit ${bad:0:12} (Bad message)): \"<<<<<<< HEAD\"%0Ahint: " \
  "a newline in the name and the message, and the line"
expect_eq "$(grep -c '' <<<"$OUT")" "$(py 'len(log["findings"])' <(printf '%s\n' "$("$PREFLIGHT" run pre-push --from-ref "$base" --to-ref HEAD --format json)"))" "one line per finding"
# GitHub's syntax: ::LEVEL key=value(,key=value)*::message, no raw ',' or ':' in values.
bad_lines=$(grep -cvE '^::(error|warning) (file=[^,:]*,)?(line=[0-9]+,)?(col=[0-9]+,)?title=[^,:]*::' <<<"$OUT")
expect_eq "$bad_lines" "0" "every line is a well-formed workflow command"
run "$PREFLIGHT" check-msg --format github --range "$base..HEAD"
expect_in "$OUT" "::error title=preflight type-empty::commit ${bad:0:12} (Bad message): type may not be empty (the header is not \"type(scope): subject\")%0ABad message%0A^%0Ahint: reword it" "check-msg: no file, the commit; detail and hint as %0A lines"
printf 'bad: Subject\n' >'m,1:%.txt'
run "$PREFLIGHT" check-msg --format github 'm,1:%.txt'
expect_rc 1 "check-msg of a file"
expect_in "$OUT" "::error file=m%2C1%3A%25.txt,line=1,col=1,title=preflight type-enum::type must be one of" "line and col of a message file"

finish
