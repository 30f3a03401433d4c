# Rules are read only from regular files of up to 1 MiB: a .preflight.yaml or
# .preflight.local.yaml that is a link to /dev/zero, a FIFO, a terminal, a
# folder or a huge file is a located error (exit 2 from the hook), found before
# a byte is read. Every reader: pre-commit, post-checkout, the notebook clean
# filter and `git diff` textconv, `preflight status`. Each git command runs
# under `timeout` (and, outside sanitizer builds, a memory limit) so that a
# regression fails here instead of hanging or filling memory.
. "$(dirname "$0")/lib.sh"

LIMIT=20
bounded() { # CMD...: CMD with a time limit and, without ASan, a memory limit
  if [ -z "${ASAN_OPTIONS:-}" ]; then
    (ulimit -v 4000000; exec timeout "$LIMIT" "$@")
  else
    timeout "$LIMIT" "$@"
  fi
}
ALSO="; rules are read only from regular files of up to 1 MiB"

# make_kind KIND FILE: turns FILE into a KIND of non-regular or huge file.
make_kind() {
  rm -rf "$2"
  case $1 in
    zero) ln -s /dev/zero "$2" ;;
    ptmx) ln -s /dev/ptmx "$2" ;;
    fifo) mkfifo "$2" ;;
    folder) mkdir "$2" && echo "x: 1" >"$2/inside" ;;
    huge) { echo "extends: [default]"; head -c 2000000 /dev/zero | tr '\0' '#'; echo; } >"$2" ;;
  esac
}
describe() {
  case $1 in
    zero | ptmx) echo "not a regular file (a character device)" ;;
    fifo) echo "not a regular file (a FIFO)" ;;
    folder) echo "not a regular file (a folder)" ;;
    huge) echo "too large (2000020 bytes; the limit is 1048576)" ;;
  esac
}

for kind in zero ptmx fifo folder huge; do
  for file in .preflight.yaml .preflight.local.yaml; do
    scenario "a $kind as $file blocks the commit with a clear error"
    new_repo repo
    install_hooks
    make_kind "$kind" "$file"
    echo x >x && git add x
    run bounded git commit -m "feat: x"
    expect_rc 1 "git commit refuses ($kind as $file)"
    expect_in "$ERR" "preflight: error: $file: $(describe "$kind")$ALSO" \
      "the error names the file and the kind ($kind as $file)"
    expect_eq "$(git rev-list --count HEAD)" "1" "no commit was made ($kind as $file)"
    run bounded "$PREFLIGHT" status
    expect_in "$OUT$ERR" "$file: $(describe "$kind")" "status says so too ($kind as $file)"
  done
done

scenario "a committed link to /dev/zero: post-checkout reports it, the checkout stands"
new_repo repo
install_hooks
git checkout -q -b other
ln -s /dev/zero .preflight.yaml
git add .preflight.yaml && git commit -q --no-verify -m "chore: zero rules"
git checkout -q main
run bounded git checkout other
expect_rc 0 "the checkout is done"
expect_in "$ERR" ".preflight.yaml: not a regular file (a character device)" "post-checkout names the problem"
expect_eq "$(git rev-parse --abbrev-ref HEAD)" "other" "HEAD moved"

scenario "the notebook filter and git diff textconv do not read /dev/zero"
new_repo repo
install_hooks
printf '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n' >a.ipynb
git add a.ipynb && git commit -q --no-verify -m "feat: notebook"
ln -s /dev/zero .preflight.yaml
printf '{"cells": [], "metadata": {"x": 1}, "nbformat": 4, "nbformat_minor": 5}\n' >a.ipynb
run bounded git diff -- a.ipynb
expect_eq "$([ "$RC" -eq 124 ] && echo hung || echo ended)" "ended" "git diff ends"
expect_in "$ERR" ".preflight.yaml: not a regular file (a character device)" "textconv names the problem"
run bounded git add a.ipynb
expect_eq "$([ "$RC" -eq 124 ] && echo hung || echo ended)" "ended" "git add (clean filter) ends"
expect_in "$ERR" ".preflight.yaml: not a regular file (a character device)" "the clean filter names the problem"

finish
