# `extends:` beyond the shipped rule sets: a rules file in the repository
# (`- path: ci/preflight.yaml`), read below the file that names it; paths stay
# inside the repository (no "..", not absolute, no symbolic link), cycles and
# depth are bounded with a clear error, and commands an extended file brings
# need trust like the root file's.
. "$(dirname "$0")/lib.sh"

MARK="$TEST_ROOT/ran"
big() { mkdir -p "$(dirname "$1")"; head -c 2048 /dev/zero | tr '\0' 'a' >"$1"; }

scenario "extends a rules file in the repository"
new_repo repo
install_hooks
mkdir -p ci
printf 'checks:\n  large_files:\n    max_size: 1k\n  conflict_markers:\n    enabled: false\n' >ci/preflight.yaml
printf 'extends:\n  - default\n  - path: ci/preflight.yaml\nchecks:\n  conflict_markers:\n    enabled: true\n' >.preflight.yaml
git add .preflight.yaml ci
git commit -q --no-verify -m "chore: rules"
run "$PREFLIGHT" config
expect_in "$OUT" "checks.large_files.max_size: 1k  # ci/preflight.yaml:3:15" "the extended file's value, with its source"
expect_in "$OUT" "checks.conflict_markers.enabled: true  # .preflight.yaml:6:14" "the extending file wins over it"
big blob.txt
git add blob.txt
run git commit -m "feat: a 2 KiB file"
expect_rc 1 "the extended file's limit blocks the commit"
expect_in "$ERR" "[large-file] blob.txt" "names the file"

scenario "extends paths that leave the repository are refused"
new_repo repo
mkdir -p ci
printf 'checks: {}\n' >"$TEST_ROOT/outside.yaml"
ln -s "$TEST_ROOT" ci/link
printf 'extends:\n  - path: ../outside.yaml\n  - path: /etc/hostname\n  - path: ci/link/outside.yaml\n  - path: ci/missing.yaml\n' >.preflight.yaml
run "$PREFLIGHT" config
expect_rc 2 "a bad extends path is a rules error"
expect_in "$ERR" ".preflight.yaml:2:11: extends path \"../outside.yaml\" must be a relative path inside the repository (no \"..\", not absolute)" "refuses .."
expect_in "$ERR" ".preflight.yaml:3:11: extends path \"/etc/hostname\" must be a relative path inside the repository" "refuses an absolute path"
expect_in "$ERR" ".preflight.yaml:4:11: extends path \"ci/link/outside.yaml\" goes through the symbolic link \"ci/link\"" "refuses a symbolic link"
expect_in "$ERR" ".preflight.yaml:5:11: extends path \"ci/missing.yaml\" does not exist" "names a missing file"
printf 'extends:\n  - repo: https://example.org/team-rules.git\n    rev: v1.4.0\n    path: team.yaml\n' >.preflight.yaml
run "$PREFLIGHT" config
expect_rc 2 "a shared repository pin is not read yet, and says so"
expect_in "$ERR" ".preflight.yaml:2:5: \"extends\" from a shared repository (repo:) is not supported yet; copy its rules file into this repository and extend it with path: FILE" "says what to do instead"
printf 'extends:\n  - path: a.yaml\n    rev: v1\n' >.preflight.yaml
run "$PREFLIGHT" config
expect_rc 2 "an unknown key in an extends item"
expect_in "$ERR" ".preflight.yaml:3:5: an item of \"extends\" is a shipped rule set's name or a map with one key, path: FILE" "names the key"

scenario "extends cycles and depth are bounded"
new_repo repo
printf 'extends:\n  - path: b.yaml\n' >a.yaml
printf 'extends:\n  - path: a.yaml\n' >b.yaml
printf 'extends:\n  - path: a.yaml\n' >.preflight.yaml
run "$PREFLIGHT" config
expect_rc 2 "a cycle is a rules error"
expect_in "$ERR" "b.yaml:2:11: \"a.yaml\" extends itself (through .preflight.yaml -> a.yaml -> b.yaml)" "names the cycle"
for i in $(seq 1 20); do printf 'extends:\n  - path: d%d.yaml\n' $((i + 1)) >d$i.yaml; done
printf 'checks: {}\n' >d21.yaml
printf 'extends:\n  - path: d1.yaml\n' >.preflight.yaml
run "$PREFLIGHT" config
expect_rc 2 "too deep a chain is a rules error"
expect_in "$ERR" "extends nest deeper than 16 files (through .preflight.yaml -> d1.yaml -> " "says how deep"
printf 'extends:\n  - default\n  - path: ./.preflight.yaml\n' >.preflight.yaml
run "$PREFLIGHT" config
expect_rc 2 "the root file extending itself"
expect_in "$ERR" ".preflight.yaml:3:11: \".preflight.yaml\" extends itself (through .preflight.yaml)" "is a cycle"

scenario "commands from an extended file need trust"
new_repo repo
install_hooks
mkdir -p ci
printf 'pre_commit:\n  commands:\n    - name: mark\n      run: [sh, -c, "echo ran >> %s"]\n' "$MARK" >ci/preflight.yaml
printf 'extends:\n  - default\n  - path: ci/preflight.yaml\n' >.preflight.yaml
git add .preflight.yaml ci
run git commit -m "chore: rules"
expect_rc 1 "the extended file's commands are not trusted yet"
expect_in "$ERR" "the commands in ci/preflight.yaml (\"mark\")" "names the extended file"
if [ -e "$MARK" ]; then fail "an untrusted extended command ran"; else pass; fi
run "$PREFLIGHT" trust --yes
expect_in "$OUT" "# from ci/preflight.yaml" "trust shows where the commands come from"
run git commit -m "chore: rules"
expect_rc 0 "once trusted the commit passes"
expect_eq "$(cat "$MARK")" "ran" "and the command ran"

finish
