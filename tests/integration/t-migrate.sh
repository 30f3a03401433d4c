# preflight migrate on fixture configurations of every shape it reads, written
# here: .pre-commit-config.yaml (local hooks, well-known ids, nbstripout, remote
# repos, meta and manual hooks), lefthook.yml (commands, scripts, templates,
# skip/tags), commitlint (JSON, YAML, package.json, a JavaScript config) and
# nbstripout's git config. Each asserts the rules written and the "could not
# carry over" lines, then runs the migrated rules under real git.
. "$(dirname "$0")/lib.sh"

scenario "pre-commit: local hooks become commands, well-known ids built-in checks"
new_repo repo
mkdir -p tools vendor
printf '#!/bin/sh\nout=$1; shift\nprintf "%%s\\n" "$@" >>"$out"\n' >tools/record.sh
chmod +x tools/record.sh
git add tools/record.sh && git commit -q -m "chore: tools"
cat >.pre-commit-config.yaml <<'EOF'
default_stages: [pre-commit]
repos:
  - repo: https://github.com/pre-commit/pre-commit-hooks
    rev: v4.6.0
    hooks:
      - id: check-added-large-files
        args: ['--maxkb=1']
      - id: detect-private-key
      - id: check-merge-conflict
      - id: check-case-conflict
      - id: check-symlinks
      - id: trailing-whitespace
  - repo: https://github.com/kynan/nbstripout
    rev: 0.7.1
    hooks:
      - id: nbstripout
        args: [--keep-count, --extra-keys, "metadata.foo cell.metadata.bar", --dry-run]
  - repo: https://github.com/psf/black
    rev: 24.3.0
    hooks:
      - id: black
  - repo: meta
    hooks:
      - id: check-useless-excludes
  - repo: local
    hooks:
      - id: record
        name: record python files
        entry: ./tools/record.sh "out file"
        language: script
        files: \.py$
        exclude: ^vendor/
        args: [--flag]
      - id: once
        name: once per push
        entry: sh -c 'echo pushed >> marker'
        language: system
        pass_filenames: false
        stages: [pre-push]
      - id: by-type
        name: by type
        entry: true
        language: system
        types: [python]
      - id: manual
        name: manual
        entry: make docs
        language: system
        stages: [manual]
      - id: odd
        name: odd
        entry: true
        language: system
        files: ^src/[a-z]+\.c$
EOF
run "$PREFLIGHT" migrate
expect_rc 0 "migrate prints the rules"
cat >"$TEST_ROOT/want.yaml" <<'EOF'
# Written by `preflight migrate` from .pre-commit-config.yaml.
# Review it; the commands in it run only after `preflight trust`.
checks:
  large_files:
    # from .pre-commit-config.yaml:6 (check-added-large-files)
    enabled: true
    # from .pre-commit-config.yaml:6 (check-added-large-files)
    max_size: 1024
  private_keys:
    # from .pre-commit-config.yaml:8 (detect-private-key)
    enabled: true
  conflict_markers:
    # from .pre-commit-config.yaml:9 (check-merge-conflict)
    enabled: true
  case_conflicts:
    # from .pre-commit-config.yaml:10 (check-case-conflict)
    enabled: true
  symlinks:
    # from .pre-commit-config.yaml:11 (check-symlinks)
    enabled: true
notebooks:
  # from .pre-commit-config.yaml:16 (nbstripout)
  enabled: true
  # from .pre-commit-config.yaml:16 (nbstripout)
  keep_count: true
  # from .pre-commit-config.yaml:16 (nbstripout)
  extra_keys: ["metadata.foo", "cell.metadata.bar"]
pre_commit:
  commands:
    # to adapt (runs in an environment pre-commit installs from https://github.com/pre-commit/pre-commit-hooks@v4.6.0; install the tool, check its program name): from .pre-commit-config.yaml:12 (https://github.com/pre-commit/pre-commit-hooks, id trailing-whitespace)
    # - name: "trailing-whitespace"
    #   run: ["trailing-whitespace-fixer"]
    # to adapt (runs in an environment pre-commit installs from https://github.com/psf/black@24.3.0; install the tool, check its program name): from .pre-commit-config.yaml:21 (https://github.com/psf/black, id black)
    # - name: "black"
    #   run: ["black"]
    # from .pre-commit-config.yaml:27 (local, id record)
    - name: "record"
      run: ["./tools/record.sh", "out file", "--flag"]
      glob: ["*.py"]
      exclude: ["/vendor/**"]
    # from .pre-commit-config.yaml:40 (local, id by-type)
    - name: "by-type"
      run: ["true"]
      glob: ["*.py", "*.pyi"]
    # from .pre-commit-config.yaml:50 (local, id odd)
    - name: "odd"
      run: ["true"]
pre_push:
  commands:
    # from .pre-commit-config.yaml:34 (local, id once)
    - name: "once"
      run: ["sh", "-c", "echo pushed >> marker"]
      pass_files: false
EOF
expect_eq "$OUT" "$(cat "$TEST_ROOT/want.yaml")" "the rules written, byte for byte"
expect_in "$ERR" ".pre-commit-config.yaml: 4 carried over, 6 mapped to built-in checks, 2 to adapt, 2 not carried over (2 carried over in part)" "the tally"
expect_in "$ERR" ".pre-commit-config.yaml:24: check-useless-excludes: a check of pre-commit's own configuration" "a meta hook is named"
expect_in "$ERR" ".pre-commit-config.yaml:45: manual: stage manual runs only by hand" "a manual hook is named"
expect_in "$ERR" ".pre-commit-config.yaml:50: odd: files: ^src/[a-z]+\\.c\$ (a regular expression with no gitignore pattern equivalent)" "a regex with no glob is named"
expect_in "$ERR" "nbstripout option --dry-run has no preflight equivalent" "an nbstripout option without equivalent is named"
if [ -e .preflight.yaml ]; then fail "migrate without --write wrote a file"; else pass; fi
run "$PREFLIGHT" migrate --write
expect_rc 0 "migrate --write"
expect_eq "$(cat .preflight.yaml)" "$(cat "$TEST_ROOT/want.yaml")" "--write writes the same rules"
run "$PREFLIGHT" config
expect_rc 0 "the project's own loader reads the migrated rules"
git add .preflight.yaml .pre-commit-config.yaml && git commit -q --no-verify -m "chore: rules"
install_hooks
run "$PREFLIGHT" trust --yes
expect_rc 0 "trust the migrated commands"
printf 'x = 1\n' >a.py
printf 'y = 1\n' >vendor/b.py
head -c 2048 /dev/zero | tr '\0' 'x' >big.txt
git add a.py vendor/b.py big.txt
run git commit -m "feat: code"
expect_rc 1 "the migrated large-file limit (--maxkb=1) blocks a 2 KB file"
expect_in "$ERR" "big.txt" "naming the file"
git rm -q --cached big.txt
rm -f "out file" # the commands ran before the checks refused
run git commit -m "feat: code"
expect_rc 0 "the commit passes"
expect_eq "$(cat "out file" 2>/dev/null)" "--flag
a.py" "the local hook ran on the staged .py file, not the excluded vendor/ one, with its args"

scenario "pre-commit: no-commit-to-branch becomes a command that refuses commits on its branches"
new_repo repo
cat >.pre-commit-config.yaml <<'EOF'
repos:
  - repo: https://github.com/pre-commit/pre-commit-hooks
    rev: v4.6.0
    hooks:
      - id: no-commit-to-branch
        args: [--branch, main, --branch, "release x"]
EOF
run "$PREFLIGHT" migrate --write
expect_rc 0 "migrate --write"
expect_in "$(cat .preflight.yaml)" '      env:
        "BRANCHES": "main release x"' "the branches go to the command's environment"
git add .preflight.yaml .pre-commit-config.yaml && git commit -q --no-verify -m "chore: rules"
install_hooks
run "$PREFLIGHT" trust --yes
echo a >a && git add a
run git commit -m "feat: on main"
expect_rc 1 "a commit on main is refused"
expect_in "$ERR" "no commits to main here: commit on another branch" "with the reason"
git checkout -q -b topic
run git commit -m "feat: on a topic branch"
expect_rc 0 "a commit on another branch passes"

scenario "lefthook: commands, scripts and templates carry over; skip, tags and groups are named"
new_repo repo
cat >lefthook.yml <<'EOF'
colors: false
pre-commit:
  parallel: true
  commands:
    fix:
      glob: "*.{txt,md}"
      exclude: [skip.txt]
      run: sed -i s/bad/good/ {staged_files}
      stage_fixed: true
    web:
      root: web/
      run: ./check.sh
      tags: frontend
      skip: merge
  scripts:
    "audit.sh":
      runner: bash
commit-msg:
  commands:
    ticket:
      run: grep -q "T-" {1}
post-merge:
  commands:
    deps:
      run: echo merged {0} > .merged
      glob: "package.json"
lint:
  commands:
    all:
      run: make lint
remotes:
  - git_url: https://example.org/hooks
EOF
run "$PREFLIGHT" migrate
expect_rc 0 "migrate"
expect_in "$OUT" '    # from lefthook.yml:6 (pre-commit.commands.fix)
    - name: "fix"
      run: "sed -i s/bad/good/ \"$@\""
      glob: ["*.txt", "*.md"]
      exclude: ["skip.txt"]
      stage_fixed: true' "a fixer: {staged_files} becomes \"\$@\", braces expand, stage_fixed stays"
expect_in "$OUT" '      run: "./check.sh"
      pass_files: false
      root: "web"' "no file template: no files; root kept"
expect_in "$OUT" '      run: ["bash", ".lefthook/pre-commit/audit.sh"]' "a script runs with its runner"
expect_in "$OUT" '      run: "grep -q \"T-\" \"$1\""' "commit-msg {1} becomes \"\$1\" (the message file)"
expect_in "$OUT" 'post_merge:
  commands:
    # from lefthook.yml:25 (post-merge.commands.deps)
    - name: "deps"
      run: "echo merged \"$@\" > .merged"' "post-merge {0} becomes the hook's arguments"
expect_in "$ERR" "lefthook.yml:11: web: tags: preflight names commands, not tags (SKIP=web)" "tags named"
expect_in "$ERR" "lefthook.yml:11: web: skip: preflight has no run conditions" "skip named"
expect_in "$ERR" "lefthook.yml:25: deps: glob applies to hooks with files only" "a glob on post-merge named"
expect_in "$ERR" "lefthook.yml:28: lint: not a git hook preflight runs commands on" "a custom group named"
expect_in "$ERR" "lefthook.yml:32: remotes: preflight reads one rules file" "remotes named"
run "$PREFLIGHT" migrate --write
expect_rc 0 "migrate --write"
# The parts that need a web/ folder and an audit script are taken out for the run.
python3 - <<'EOF'
import re
text = open(".preflight.yaml").read()
text = re.sub(r'    # from lefthook.yml:11.*?root: "web"\n', '', text, flags=re.S)
text = re.sub(r'    # from lefthook.yml:17.*?pass_files: false\n', '', text, flags=re.S)
open(".preflight.yaml", "w").write(text)
EOF
git add .preflight.yaml lefthook.yml && git commit -q --no-verify -m "chore: rules T-1"
install_hooks
run "$PREFLIGHT" trust --yes
expect_rc 0 "trust"
printf 'this is bad\n' >notes.txt
printf 'bad too\n' >skip.txt
git add notes.txt skip.txt
run git commit -m "feat: notes"
expect_rc 1 "the commit-msg command refuses a message without a ticket"
expect_in "$ERR" "command \"ticket\" failed with exit code 1" "naming the migrated command"
run git commit -m "feat: notes T-2"
expect_rc 0 "with a ticket the commit passes"
expect_eq "$(git show HEAD:notes.txt)" "this is good" "the migrated fixer's change was committed (stage_fixed)"
expect_eq "$(git show HEAD:skip.txt)" "bad too" "the excluded file was left alone"
git checkout -q -b side && git commit -q --allow-empty -m "feat: side T-3" 2>/dev/null && git checkout -q main
run git merge -q --no-ff -m "chore: merge T-4" side
expect_eq "$(cat .merged 2>/dev/null)" "merged 0" "the migrated post-merge command ran with git's argument"

scenario "commitlint: JSON rules with levels and values; extends config-conventional is built in"
new_repo repo
cat >.commitlintrc.json <<'EOF'
{
  "extends": ["@commitlint/config-conventional", "@commitlint/config-lerna-scopes"],
  "rules": {
    "type-enum": [2, "always", ["feat", "fix"]],
    "header-max-length": [1, "always", 50],
    "subject-case": [0],
    "no-such-rule": [2, "always"]
  },
  "helpUrl": "https://example.org/commits"
}
EOF
run "$PREFLIGHT" migrate
expect_rc 0 "migrate"
expect_in "$OUT" 'commit_msg:
  rules:
    # from .commitlintrc.json (rules.type-enum)
    type-enum: [error, always, [feat, fix]]
    # from .commitlintrc.json (rules.header-max-length)
    header-max-length: [warning, always, 50]
    # from .commitlintrc.json (rules.subject-case)
    subject-case: [off]' "rules carried with levels as words and their values"
expect_in "$ERR" ".commitlintrc.json: 3 carried over, 1 mapped to built-in checks, 0 to adapt, 2 not carried over" "the tally"
expect_in "$ERR" "extends @commitlint/config-lerna-scopes: a shared commitlint config preflight cannot read" "another shared config is named"
expect_in "$ERR" "rule no-such-rule: preflight has no such rule" "an unknown rule is named"
expect_in "$ERR" "helpUrl: preflight prints its own hints" "helpUrl is named"
run "$PREFLIGHT" migrate --write
git add .preflight.yaml .commitlintrc.json && git commit -q --no-verify -m "chore: rules"
install_hooks
echo a >a && git add a
run git commit -m "chore: not in the enum"
expect_rc 1 "the migrated type-enum refuses chore"
expect_in "$ERR" "type-enum" "naming the rule"
run git commit -m "feat: in the enum"
expect_rc 0 "feat passes"

scenario "commitlint: YAML, package.json, a JavaScript config, and broken JSON"
new_repo repo
cat >.commitlintrc.yml <<'EOF'
extends:
  - "@commitlint/config-conventional"
rules:
  scope-enum: [2, always, [api, web]]
defaultIgnores: false
EOF
run "$PREFLIGHT" migrate --from .commitlintrc.yml
expect_rc 0 "migrate --from a YAML config"
expect_in "$OUT" '    # from .commitlintrc.yml:4 (rules.scope-enum)
    scope-enum: [error, always, [api, web]]' "YAML rules with their line"
expect_in "$OUT" '    # from .commitlintrc.yml:5 (defaultIgnores)
    defaults: false' "defaultIgnores: false carried over"
printf '{"name": "x", "commitlint": {"rules": {"body-max-line-length": [2, "always", 72]}}}\n' >package.json
run "$PREFLIGHT" migrate --from package.json
expect_in "$OUT" "body-max-line-length: [error, always, 72]" "package.json's commitlint key"
printf 'module.exports = {extends: ["@commitlint/config-conventional"]};\n' >commitlint.config.js
run "$PREFLIGHT" migrate --from commitlint.config.js
expect_rc 0 "a JavaScript config is reported, not an error"
expect_in "$ERR" "commitlint.config.js: a JavaScript/TypeScript commitlint config cannot be read without running it" "reported as not readable"
expect_in "$ERR" "npx commitlint --print-config json > .commitlintrc.json" "with what to do"
printf '{\n  "rules": {\n    "type-enum": [2, "always", ["feat",]]\n  }\n}\n' >.commitlintrc.json
run "$PREFLIGHT" migrate --from .commitlintrc.json
expect_rc 2 "broken JSON is a usage error"
expect_in "$ERR" ".commitlintrc.json:3:" "located at its line"
printf 'repos:\n  - repo: local\n    hooks: [\n' >.pre-commit-config.yaml
run "$PREFLIGHT" migrate --from .pre-commit-config.yaml
expect_rc 2 "broken YAML is a usage error"
expect_in "$ERR" ".pre-commit-config.yaml:4:1:" "located at line and column"

printf 'pre-commit:\n  commands:\n    fix:\n      run: x\n      stage_fixed: maybe\n' >lefthook.yml
run "$PREFLIGHT" migrate --from lefthook.yml
expect_rc 2 "a value of the wrong type is a usage error"
expect_in "$ERR" "lefthook.yml:5:20: bad conversion" "located at the value"
printf 'pre-commit:\n  commands:\n    "\\e]0;owned\\a":\n      run: x\n' >lefthook.yml
run "$PREFLIGHT" migrate --from lefthook.yml
expect_rc 0 "a name with control characters"
expect_not_in "$OUT" "$(printf '\033')" "no escape character reaches the terminal"

scenario "nbstripout's git filter and attributes carry over to the notebook settings"
new_repo repo
git config filter.nbstripout.clean '"/usr/bin/python3" -m nbstripout --keep-output --drop-empty-cells'
git config filter.nbstripout.smudge cat
git config filter.nbstripout.extrakeys 'metadata.kernelspec'
git config diff.ipynb.textconv '"/usr/bin/python3" -m nbstripout -t'
printf '*.ipynb filter=nbstripout\n*.ipynb diff=ipynb\n' >.gitattributes
run "$PREFLIGHT" migrate
expect_rc 0 "migrate"
expect_in "$OUT" 'notebooks:
  # from git config (filter.nbstripout.clean)
  enabled: true
  # from git config (filter.nbstripout.clean)
  keep_output: true
  # from git config (filter.nbstripout.clean)
  drop_empty_cells: true
  # from git config (filter.nbstripout.clean)
  extra_keys: ["metadata.kernelspec"]' "the filter's options and extrakeys"
expect_in "$ERR" ".gitattributes:1: *.ipynb filter=nbstripout: names nbstripout's filter" "the attributes line is named"

scenario "migrate --write refuses to replace a rules file unless --force"
new_repo repo
printf 'repos:\n  - repo: local\n    hooks:\n      - {id: t, name: t, entry: "true", language: system}\n' >.pre-commit-config.yaml
printf 'extends: [default]\n' >.preflight.yaml
run "$PREFLIGHT" migrate --write
expect_rc 2 "refused"
expect_in "$ERR" ".preflight.yaml exists; migrate --write --force replaces it" "says how"
expect_eq "$(cat .preflight.yaml)" "extends: [default]" "the file is untouched"
run "$PREFLIGHT" migrate --write --force
expect_rc 0 "--force"
expect_in "$(cat .preflight.yaml)" '- name: "t"' "replaced"
rm .pre-commit-config.yaml .preflight.yaml
run "$PREFLIGHT" migrate
expect_rc 2 "nothing to migrate"
expect_in "$ERR" "nothing to migrate in" "says so"

finish
