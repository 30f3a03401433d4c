# Red team: files a trusted command runs, named in ways the trust record must
# still follow: through a tracked symbolic link (to the script or to its folder),
# through "..", from a command's root, and after a variable or a command
# substitution ($PWD/..., $(git rev-parse --show-toplevel)/...). Each time the
# repository changes the file that really runs, the next commit must ask for
# trust again and run nothing.
. "$(dirname "$0")/lib.sh"

MARK="$TEST_ROOT/ran"

# trusted_then_changed RUN_YAML CHANGED_FILE SETUP [ROOT [MORE]]: a repository
# whose .preflight.yaml runs RUN_YAML (after SETUP, a shell snippet run in it;
# MORE: more lines of the command's YAML), cloned and trusted; then upstream
# changes CHANGED_FILE, the clone pulls, and commits.
trusted_then_changed() {
  local run_yaml=$1 file=$2 setup=$3 root=${4:-} more=${5:-}
  rm -f "$MARK"
  new_repo upstream_repo
  mkdir -p "$(dirname "$file")"
  printf '#!/bin/sh\necho one >> %s\n' "$MARK" >"$file"
  chmod +x "$file"
  eval "$setup"
  {
    printf 'extends: [default]\npre_commit:\n  commands:\n    - name: lint\n'
    printf '      run: %s\n      pass_files: false\n      read_only: true\n' "$run_yaml"
    [ -z "$root" ] || printf '      root: %s\n' "$root"
    [ -z "$more" ] || printf '%s\n' "$more"
  } >.preflight.yaml
  git add -A && git commit -q --no-verify -m "chore: lint"
  cd .. && git clone -q upstream_repo work && cd work || exit 1
  install_hooks
  "$PREFLIGHT" trust --yes >/dev/null
  mkdir -p web && echo a >web/a.txt && git add web/a.txt
  run git commit -m "feat: a"
  expect_rc 0 "trusted, the commit passes ($run_yaml)"
  expect_eq "$(cat "$MARK" 2>/dev/null)" "one" "the trusted script ran ($run_yaml)"
  rm -f "$MARK"
  (cd ../upstream_repo && printf '#!/bin/sh\necho evil >> %s\n' "$MARK" >"$file" &&
    git commit -q --no-verify -am "chore: tweak")
  git pull -q --no-rebase --no-edit
  echo b >web/b.txt && git add web/b.txt
  run git commit -m "feat: b"
  expect_rc 1 "a changed $file needs trust again ($run_yaml)"
  expect_in "$ERR" "or the files they run are new or changed since you last trusted them" \
    "says so ($run_yaml)"
  if [ -e "$MARK" ]; then fail "the changed $file ran untrusted ($run_yaml)"; else pass; fi
  run "$PREFLIGHT" trust --show
  expect_in "$OUT" "-echo one >> $MARK
+echo evil >> $MARK" "trust --show shows the change of $file ($run_yaml)"
}

scenario "a tracked symbolic link named as the program: its target needs trust again"
trusted_then_changed "[./scripts/lint.sh]" scripts/impl/lint.sh \
  'ln -s impl/lint.sh scripts/lint.sh'

scenario "a link to a link to the script"
trusted_then_changed "[sh, bin/lint]" scripts/lint.sh \
  'mkdir -p bin && ln -s ../scripts/lint.sh bin/lint0 && ln -s lint0 bin/lint'

scenario "a tracked symbolic link to the script's folder"
trusted_then_changed "[sh, tools/lint.sh]" scripts/lint.sh 'ln -s scripts tools'

scenario "a script named through .. from the command's root"
trusted_then_changed "[sh, ../scripts/lint.sh]" scripts/lint.sh 'mkdir -p web' web/

scenario "a script named with a detour through .."
trusted_then_changed "[sh, 'scripts/../tools/lint.sh']" tools/lint.sh 'mkdir -p scripts && echo x >scripts/README'

scenario "a script named from the top folder: \$(git rev-parse --show-toplevel)/path"
trusted_then_changed "'sh \"\$(git rev-parse --show-toplevel)/scripts/lint.sh\"'" scripts/lint.sh ':'

scenario "a script named from \$PWD"
trusted_then_changed "'sh \"\$PWD/scripts/lint.sh\"'" scripts/lint.sh ':'
scenario "a script named from \${PWD}"
trusted_then_changed "'sh \${PWD}/tools/lint.sh'" tools/lint.sh ':'

scenario "a file an environment variable of the command names (BASH_ENV)"
trusted_then_changed "[bash, -c, 'true']" scripts/env.sh ':' '' '      env:
        BASH_ENV: scripts/env.sh'

finish
