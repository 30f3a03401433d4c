#!/usr/bin/env bash
# The command line people already know: --version, help, -h on every
# subcommand, completions for bash, zsh and fish generated from the command
# table, and the man page.
source "$(dirname "$0")/lib.sh"

# The subcommands `preflight --help` lists (CLI11's "Subcommands:" block).
subcommands() {
  "$PREFLIGHT" --help | sed -n '/^Subcommands:/,$p' | sed 1d | awk '{print $1}' | tr -d ','
}

scenario "--version and version print one line with the version"
version=$(sed -n 's/^project(preflight VERSION \([0-9.]*\).*/\1/p' "$PREFLIGHT_SOURCE_DIR/CMakeLists.txt")
run "$PREFLIGHT" --version
expect_rc 0 "preflight --version"
if [[ $OUT =~ ^preflight\ ${version//./\\.}(\ \([A-Za-z0-9._+-]+\))?$ ]]; then pass; else
  fail "--version printed [$OUT], expected one line 'preflight $version' (and git describe)"
fi
first=$OUT
run "$PREFLIGHT" version
expect_rc 0 "preflight version"
expect_eq "$OUT" "$first" "version and --version print the same"
run "$PREFLIGHT" -C / --version
expect_eq "$OUT" "$first" "--version after a global option"
run "$PREFLIGHT" install --version
expect_rc 0 "--version after a subcommand name is still the version"
expect_eq "$OUT" "$first" "install --version prints the version and installs nothing"
for hook in pre-commit commit-msg pre-push post-checkout reference-transaction; do
  run "$LIBEXEC/$hook" --version
  expect_rc 0 "$hook --version"
  expect_eq "$OUT" "preflight $hook ${first#preflight }" "the $hook binary names itself and the version"
done

scenario "help, help COMMAND and -h on every subcommand"
new_repo repo
run "$PREFLIGHT" help
expect_rc 0 "preflight help"
expect_in "$OUT" "Usage: preflight [OPTIONS] SUBCOMMAND" "help shows the usage"
expect_in "$OUT" "--color" "help lists --color"
names=$(subcommands)
[ "$(wc -l <<<"$names")" -ge 15 ] && pass || fail "too few subcommands listed: $names"
for name in $names; do
  for flag in -h --help; do
    run "$PREFLIGHT" "$name" "$flag"
    expect_rc 0 "preflight $name $flag"
    expect_in "$OUT" "Usage: preflight $name" "preflight $name $flag shows its usage"
  done
  run "$PREFLIGHT" help "$name"
  expect_rc 0 "preflight help $name"
  expect_in "$OUT" "Usage: preflight $name" "preflight help $name shows its usage"
done
for sub in list show restore prune; do
  run "$PREFLIGHT" backup "$sub" -h
  expect_in "$OUT" "Usage: preflight backup $sub" "backup $sub -h"
done
[ -z "$(git status --porcelain)" ] && pass || fail "help wrote something: $(git status --porcelain)"
[ ! -e .git/hooks/pre-commit ] && pass || fail "help install installed hooks"
run "$PREFLIGHT" help nosuch
expect_rc 2 "help of an unknown command"
expect_in "$ERR" 'unknown command "nosuch"' "help of an unknown command names it"

scenario "bash completion: subcommands, options, values, hook names"
run "$PREFLIGHT" completion bash
expect_rc 0 "completion bash"
printf '%s\n' "$OUT" >preflight.bash
cat >probe.bash <<'PROBE'
source ./preflight.bash
complete -p preflight
t() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=(); _preflight; echo "[$*] ${COMPREPLY[*]}"; }
t preflight ''
t preflight ins
t preflight backup ''
t preflight backup prune --
t preflight run ''
t preflight --color ''
t preflight install --hooks ''
t preflight -C /tmp ba
t preflight completion ''
t preflight help ''
PROBE
run bash --norc --noprofile probe.bash
expect_rc 0 "the bash script loads and completes"
expect_in "$OUT" "complete -o default -F _preflight preflight" "registered for preflight"
line() { grep -F -- "[$1]" <<<"$OUT" | head -1; }
for name in $names; do
  expect_in "$(line 'preflight ')" " $name" "bash offers subcommand $name"
done
expect_eq "$(line 'preflight ins')" "[preflight ins] install" "bash completes a prefix"
expect_eq "$(line 'preflight backup ')" "[preflight backup ] list show restore prune" \
  "bash offers backup's subcommands"
expect_in "$(line 'preflight backup prune --')" "--dry-run" "bash offers prune's options"
expect_in "$(line 'preflight backup prune --')" "--color" "bash offers global options too"
expect_eq "$(line 'preflight run ')" \
  "[preflight run ] pre-commit commit-msg pre-push post-checkout reference-transaction" \
  "bash offers hook names to run"
expect_eq "$(line 'preflight --color ')" "[preflight --color ] auto always never" "--color values"
expect_eq "$(line 'preflight install --hooks ')" \
  "[preflight install --hooks ] pre-commit commit-msg pre-push post-checkout reference-transaction" \
  "install --hooks values"
expect_eq "$(line 'preflight -C /tmp ba')" "[preflight -C /tmp ba] backup" "-C's value is skipped"
expect_eq "$(line 'preflight completion ')" "[preflight completion ] bash zsh fish" "shells"
expect_in "$(line 'preflight help ')" " safe-reset" "help offers subcommand names"
expect_not_in "$(line 'preflight help ')" "manpage" "the build-only command is not offered"

scenario "zsh completion loads, lists subcommands and SKIP check ids"
if command -v zsh >/dev/null; then
  "$PREFLIGHT" completion zsh >_preflight
  # compdef/compadd are stubs that print what the real ones would receive.
  cat >probe.zsh <<'PROBE'
compdef() { print -r -- "compdef $*" }
compadd() { local -a arr; while (( $# )); do case $1 in -a) arr=(${(P)2}); shift 2 ;; -S) shift 2 ;; *) shift ;; esac; done; print -r -- "compadd ${arr[*]}" }
compset() { : }
_files() { print -r -- "_files" }
source ./_preflight
words=(preflight ''); CURRENT=2; _preflight
words=(preflight backup ''); CURRENT=3; _preflight
words=(preflight install --hooks ''); CURRENT=4; _preflight
_preflight_skip
PROBE
  run zsh -f probe.zsh
  expect_rc 0 "the zsh script loads: $ERR"
  expect_eq "$ERR" "" "zsh prints no error"
  expect_in "$OUT" "compdef _preflight preflight" "zsh registers preflight"
  expect_in "$OUT" "compdef _preflight_skip -value-,SKIP,-default-" "zsh completes SKIP= values"
  for name in $names; do expect_in "$(sed -n 3p <<<"$OUT")" " $name" "zsh offers $name"; done
  expect_eq "$(sed -n 4p <<<"$OUT")" "compadd list show restore prune" "zsh: backup's subcommands"
  expect_eq "$(sed -n 5p <<<"$OUT")" \
    "compadd pre-commit commit-msg pre-push post-checkout reference-transaction" "zsh: --hooks"
  for id in checkpoint large-file private-key notebook subject-case protected-branch; do
    expect_in "$(sed -n 6p <<<"$OUT")" " $id" "zsh SKIP= offers $id"
  done
  # The real completion system loads it too.
  mkdir -p fpath && cp _preflight fpath/
  run zsh -f -c 'fpath=(./fpath $fpath); autoload -Uz compinit; compinit -u -d ./zcompdump; print -r -- ${_comps[preflight]}'
  expect_eq "$OUT" "_preflight" "compinit finds _preflight in fpath"
  expect_eq "$ERR" "" "compinit prints no error"
else
  fail "zsh is not installed (./install.sh --deps-only --test-deps installs it)"
fi

scenario "fish completion loads and lists subcommands and options"
if command -v fish >/dev/null; then
  "$PREFLIGHT" completion fish >preflight.fish
  run fish --no-config -c 'source preflight.fish; complete -C "preflight "'
  expect_rc 0 "the fish script loads"
  expect_eq "$ERR" "" "fish prints no error"
  for name in $names; do expect_in "$OUT" "$name	" "fish offers $name"; done
  run fish --no-config -c 'source preflight.fish; complete -C "preflight backup "'
  expect_eq "$(cut -f1 <<<"$OUT" | sort | tr '\n' ' ')" "list prune restore show " \
    "fish offers backup's subcommands"
  run fish --no-config -c 'source preflight.fish; complete -C "preflight install --hooks "'
  expect_in "$OUT" "reference-transaction" "fish offers hook names to --hooks"
  run fish --no-config -c 'source preflight.fish; complete -C "preflight install --"'
  expect_in "$OUT" "--portable" "fish offers install's options"
else
  fail "fish is not installed (./install.sh --deps-only --test-deps installs it)"
fi

scenario "the man page renders and names every subcommand"
page="$PREFLIGHT_BUILD_DIR/share/man/man1/preflight.1"
if [ -f "$page" ]; then pass; else fail "the build wrote no $page"; fi
run env MANWIDTH=200 man -l "$page"
expect_rc 0 "man -l renders it"
expect_in "$OUT" "preflight - Git hooks" "NAME section"
for name in $names; do
  expect_in "$OUT" "preflight $name" "the man page has a section for $name"
done
expect_in "$OUT" "--hooks" "the man page lists options"
expect_in "$OUT" "NO_COLOR" "the man page names the colour variables"
run "$PREFLIGHT" manpage
cmp -s <(printf '%s\n' "$OUT") "$page" && pass || fail "preflight manpage differs from the built page"

finish
