# `extends:` from a shared rules repository pinned by a tag (`- repo: URL, rev:
# v1.0.0, path: team.yaml`): `preflight update --fetch` fills a bare cache in the
# common git dir and hooks read only from there; a branch as rev is refused; a
# tag moved upstream is refused until `preflight update`, which moves pins to the
# newest tag and rewrites only that scalar; commands from the shared file need
# trust, and a new pin asks again.
. "$(dirname "$0")/lib.sh"

MARK="$TEST_ROOT/ran"
bytes() { head -c "$2" /dev/zero | tr '\0' 'a' >"$1"; }

# The team's rules: v1.0.0 allows 1k, v1.1.0 allows 4k; both run a command.
TEAM="$TEST_ROOT/team.git"
git init -q --bare "$TEAM"
git clone -q "$TEAM" "$TEST_ROOT/team-work" 2>/dev/null
team_commit() { # team_commit MAX_SIZE TAG
  (cd "$TEST_ROOT/team-work" &&
    printf 'checks:\n  large_files:\n    max_size: %s\npre_commit:\n  commands:\n    - name: team-mark\n      run: ["sh", "-c", "echo %s >> %s"]\n' "$1" "$2" "$MARK" >team.yaml &&
    git add team.yaml && git commit -q -m "rules $2 $1" && git tag "$2" &&
    git push -q --force origin HEAD:refs/heads/main "refs/tags/$2")
}
team_commit 1k v1.0.0
team_commit 4k v1.1.0
team_commit 8k not-semver
V100=$(git -C "$TEAM" rev-parse 'v1.0.0^{commit}')

rules() { # rules REV
  printf '# the team rules\nextends:\n  - default\n  - repo: %s\n    rev: %s   # pinned\n    path: team.yaml\nchecks:\n  conflict_markers:\n    enabled: true\n' "$TEAM" "$1" >.preflight.yaml
}

scenario "a pinned shared rules file is read from the cache that update --fetch fills"
new_repo repo
install_hooks
rules v1.0.0
run "$PREFLIGHT" config
expect_rc 2 "no cache yet: a rules error"
expect_in "$ERR" ".preflight.yaml:5:10: the shared rules repository $TEAM is not fetched yet (hooks never use the network): run \`preflight update --fetch\` to fill the cache" "names the command that fills the cache"
git add .preflight.yaml
bytes blob.txt 2048
git add blob.txt
run git commit -m "feat: a 2 KiB file"
expect_rc 1 "the hook blocks the commit, before reading anything"
expect_in "$ERR" "run \`preflight update --fetch\` to fill the cache" "the hook names the command"
run "$PREFLIGHT" update --fetch
expect_rc 0 "update --fetch fills the cache"
expect_in "$OUT" "$TEAM: v1.0.0 ($V100)" "prints the pinned commit"
cache="$(git rev-parse --git-common-dir)/preflight/extends/$(printf '%s' "$TEAM" | sha256sum | cut -c1-64).git"
if [ -f "$cache/HEAD" ] && git -C "$cache" rev-parse -q --verify refs/tags/v1.0.0 >/dev/null; then pass; else fail "the bare cache is at $cache"; fi
expect_eq "$(cat "$(git rev-parse --git-common-dir)/preflight/extends/pins")" "$TEAM v1.0.0 $V100" "the pin is recorded"
run "$PREFLIGHT" config
expect_in "$OUT" "checks.large_files.max_size: 1k  # $TEAM@$V100:team.yaml:3:15" "v1.0.0's value, with the pinned commit in its source"
run "$PREFLIGHT" trust --yes
expect_in "$OUT" "# from $TEAM@$V100:team.yaml" "trust names the shared file with its commit"
run git commit -m "feat: a 2 KiB file"
expect_rc 1 "v1.0.0's 1k limit blocks the commit"
expect_in "$ERR" "[large-file] blob.txt" "names the file"
expect_eq "$(cat "$MARK")" "v1.0.0" "the trusted team command ran"

scenario "a branch or an unknown tag as rev is refused with its location"
new_repo repo
rules main
run "$PREFLIGHT" update --fetch
expect_rc 2 "update --fetch refuses a branch"
expect_in "$ERR" "rev \"main\" of $TEAM is neither a tag nor a full commit id" "says why"
run "$PREFLIGHT" config
expect_rc 2 "the branch is a rules error"
expect_in "$ERR" ".preflight.yaml:5:10: rev \"main\" of $TEAM is neither a tag nor a full commit id (a branch moves: pin a tag or a 40-hex commit" "names the location and why"
rules "$V100"
run "$PREFLIGHT" config
expect_in "$OUT" "checks.large_files.max_size: 1k  # $TEAM@$V100:team.yaml" "a full commit id is a pin"

scenario "a moved tag is refused until preflight update"
new_repo repo
MOVED_REPO=$PWD
install_hooks
rules v1.0.0
git add .preflight.yaml
run "$PREFLIGHT" update --fetch
run "$PREFLIGHT" trust --yes
(cd "$TEST_ROOT/team-work" && git checkout -q v1.0.0 &&
  printf 'checks:\n  large_files:\n    max_size: 100k\n' >team.yaml && git commit -q -am "moved" &&
  git tag -f v1.0.0 >/dev/null && git push -q --force origin refs/tags/v1.0.0)
MOVED=$(git -C "$TEAM" rev-parse 'v1.0.0^{commit}')
run "$PREFLIGHT" update --fetch
expect_rc 1 "update --fetch does not accept a moved tag"
expect_in "$OUT" "$TEAM: the tag v1.0.0 moved from $V100 to $MOVED; run \`preflight update\` to accept" "says so"
bytes blob.txt 2048
git add blob.txt
run git commit -m "feat: a 2 KiB file"
expect_rc 1 "the hook refuses the moved tag"
expect_in "$ERR" ".preflight.yaml:5:10: the tag v1.0.0 of $TEAM moved from $V100 to $MOVED; run \`preflight update\` to accept" "names both commits and the command"

scenario "preflight update moves the pin to the newest tag and rewrites only the rev"
cd "$MOVED_REPO" || exit 1
rules v1.1.0
cp .preflight.yaml "$TEST_ROOT/expected.yaml"
rules v1.0.0
run "$PREFLIGHT" update
expect_rc 0 "update succeeds"
expect_eq "$OUT" "$TEAM: v1.0.0 -> v1.1.0" "prints the change (not-semver is ignored)"
if cmp -s .preflight.yaml "$TEST_ROOT/expected.yaml"; then pass; else fail "only the rev changed: $(diff .preflight.yaml "$TEST_ROOT/expected.yaml")"; fi
V110=$(git -C "$TEAM" rev-parse 'v1.1.0^{commit}')
expect_in "$(cat "$(git rev-parse --git-common-dir)/preflight/extends/pins")" "$TEAM v1.1.0 $V110" "the new pin is recorded"
printf 'extends:\n  - repo: "%s"\n    rev: "v1.0.0"\n    path: team.yaml\n' "$TEAM" >.preflight.yaml
run "$PREFLIGHT" update
expect_eq "$(cat .preflight.yaml)" "$(printf 'extends:\n  - repo: "%s"\n    rev: v1.1.0\n    path: team.yaml' "$TEAM")" "a quoted rev is replaced whole"

scenario "a new pin asks for trust again"
cd "$MOVED_REPO" || exit 1
rm -f "$MARK"
rules v1.1.0
git add .preflight.yaml
run git commit -m "feat: a 2 KiB file"
expect_rc 1 "the command of the new pin is not trusted yet"
expect_in "$ERR" "[untrusted-commands]" "says so"
if [ -e "$MARK" ]; then fail "an untrusted command of the new pin ran"; else pass; fi
run "$PREFLIGHT" trust --yes
expect_in "$OUT" "# from $TEAM@$V110:team.yaml" "trust shows the new pin's commit"
run git commit -q -m "feat: a 2 KiB file"
expect_rc 0 "v1.1.0's 4k limit lets the 2 KiB file in"
expect_eq "$(cat "$MARK")" "v1.1.0" "the trusted command of the new pin ran"

scenario "preflight update picks the newest tag in semver order, not by text"
SEMVER="$TEST_ROOT/semver.git"
git init -q --bare "$SEMVER"
git clone -q "$SEMVER" "$TEST_ROOT/semver-work" 2>/dev/null
(cd "$TEST_ROOT/semver-work" && printf 'checks: {}\n' >team.yaml && git add team.yaml &&
  git commit -q -m rules && git tag v1.9.0 && git tag v1.10.0 && git tag v2.0.0-rc1 &&
  git tag zzz && git push -q origin HEAD:refs/heads/main --tags)
new_repo repo
printf 'extends:\n  - repo: %s\n    rev: v1.9.0\n    path: team.yaml\n' "$SEMVER" >.preflight.yaml
run "$PREFLIGHT" update
expect_eq "$OUT" "$SEMVER: v1.9.0 -> v1.10.0" "v1.10.0 is newer than v1.9.0; a pre-release and other tags are ignored"
expect_in "$(cat .preflight.yaml)" "rev: v1.10.0" "the file names the new tag"

scenario "a shared file names no file of this repository"
new_repo repo
(cd "$TEST_ROOT/team-work" && git checkout -q main && printf 'extends:\n  - path: secrets.yaml\n' >team.yaml &&
  git commit -q -am "path" && git tag v2.0.0 && git push -q origin HEAD:refs/heads/main v2.0.0)
rules v2.0.0
run "$PREFLIGHT" update --fetch
run "$PREFLIGHT" config
expect_rc 2 "a path item in a shared file is refused"
expect_in "$ERR" "extends path \"secrets.yaml\" is not read from a shared repository's file" "says why"

finish
