# The release packages (cmake/Packaging.cmake; packaging/build.sh makes them
# for a release): what the .deb and the tarball hold, and preflight at work
# from each. The .deb is unpacked with dpkg-deb -x into this test's folder, not
# installed with apt (that would change /usr for everyone on the machine);
# "apt remove" is the unpacked folder taken away. docs/install.md.
. "$(dirname "$0")/lib.sh"

hooks=(pre-commit commit-msg pre-push post-checkout reference-transaction)
packages="$TEST_ROOT/packages"

scenario "cpack makes the .deb and the tarball, named for version and architecture"
for tool in cpack dpkg-deb readelf; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (./install.sh --test-deps)"
done
version=$("$PREFLIGHT" version | sed 's/^preflight \([^ ]*\).*/\1/') # "preflight 0.1.0 (describe)"
case "$(LC_ALL=C readelf -h "$PREFLIGHT" | sed -n 's/^ *Machine: *//p')" in
  *X86-64*) arch=amd64 ;;
  *AArch64*) arch=arm64 ;;
  *) arch=unknown; fail "preflight is built for an architecture this test does not know" ;;
esac
run cpack --config "$PREFLIGHT_BUILD_DIR/CPackConfig.cmake" -B "$packages"
expect_rc 0 "cpack"
deb="$packages/preflight_${version}_${arch}.deb"
tarball="$packages/preflight-${version}-linux-${arch}.tar.gz"
[ -f "$deb" ] && pass || fail "no $(basename "$deb") in [$(ls "$packages")]"
[ -f "$tarball" ] && pass || fail "no $(basename "$tarball") in [$(ls "$packages")]"

scenario "the .deb depends on git only and has no maintainer scripts"
expect_eq "$(dpkg-deb -f "$deb" Package)" preflight "package name"
expect_eq "$(dpkg-deb -f "$deb" Version)" "$version" "package version"
expect_eq "$(dpkg-deb -f "$deb" Architecture)" "$arch" "package architecture"
expect_eq "$(dpkg-deb -f "$deb" Depends)" git "dependencies"
expect_eq "$(dpkg-deb --ctrl-tarfile "$deb" | tar -t | sed 's|^\./||' | grep . | sort | tr '\n' ' ')" \
  "control md5sums " "control files"

scenario "the .deb holds what cmake --install installs, under /usr"
run cmake --install "$PREFLIGHT_BUILD_DIR" --prefix "$TEST_ROOT/usr"
expect_rc 0 "cmake --install"
installed=$(cd "$TEST_ROOT" && find usr \( -type f -o -type l \) | sort)
packaged=$(dpkg-deb --fsys-tarfile "$deb" | tar -t | sed 's|^\./||' | grep -v '/$' | sort)
expect_eq "$packaged" "$installed" "the package's files are the install rules' files"
listing=$(dpkg-deb -c "$deb")
for name in notebook-filter notebook-textconv; do
  expect_in "$listing" "./usr/libexec/preflight/$name -> ../../bin/preflight" \
    "libexec/preflight/$name is a link to bin/preflight"
done
for path in usr/bin/preflight usr/libexec/preflight/hook-launcher usr/libexec/preflight/SHA256SUMS \
  usr/share/preflight/rules/default.yaml usr/share/doc/preflight/README.md; do
  expect_in "$packaged" "$path" "packaged: $path"
done
for hook in "${hooks[@]}"; do
  expect_in "$packaged" "usr/libexec/preflight/$hook" "packaged: the $hook hook"
done
listing=$(dpkg-deb -c "$deb")
expect_in "$listing" "-rwxr-xr-x root/root" "programs are executable and owned by root"
expect_not_in "$(awk '$1 ~ /^-/ && $2 != "root/root"' <<<"$listing")" "/" "every file owned by root"

scenario "the packaged binaries are the built ones, static"
root="$TEST_ROOT/deb-root"
dpkg-deb -x "$deb" "$root"
cmp -s "$root/usr/bin/preflight" "$PREFLIGHT" && pass || fail "bin/preflight differs from the build"
for hook in "${hooks[@]}" hook-launcher; do
  cmp -s "$root/usr/libexec/preflight/$hook" "$LIBEXEC/$hook" && pass ||
    fail "$hook differs from the build (stripped? SHA256SUMS would no longer match)"
done
if ! LC_ALL=C readelf -l "$PREFLIGHT" | grep -q 'program interpreter'; then
  for binary in "$root/usr/bin/preflight" "$root"/usr/libexec/preflight/*; do
    [ "${binary##*/}" = SHA256SUMS ] && continue
    LC_ALL=C readelf -l "$binary" | grep -q 'program interpreter' &&
      fail "${binary#"$root"} is linked dynamically" || pass
  done
else
  echo "note: a dynamically linked build (sanitizers): static linking not checked here"
fi

scenario "the packaged completions and man page carry SKIP= completion and the variables' words"
share="$root/usr/share"
grep -q '_preflight_skip_enter' "$share/bash-completion/completions/preflight" && pass ||
  fail "bash completion without SKIP= completion"
expect_eq "$(head -1 "$share/zsh/vendor-completions/_preflight")" \
  "#compdef preflight -value-,SKIP,-default-" "zsh completion serves SKIP= from its #compdef line"
grep -q '__preflight_skip_tab' "$share/fish/vendor_completions.d/preflight.fish" && pass ||
  fail "fish completion without SKIP= completion"
run env MANWIDTH=300 man -l "$share/man/man1/preflight.1"
expect_in "$OUT" "--skip-ids" "the man page has completion --skip-ids"
expect_in "$OUT" "PREFLIGHT_TRACE" "the man page has PREFLIGHT_TRACE"
run "$root/usr/bin/preflight" completion --skip-ids
expect_in "$OUT" "checkpoint" "the packaged binary lists SKIP ids"

scenario "from the unpacked .deb: hooks installed, a refused and an accepted commit, a backup on reset"
P="$root/usr/bin/preflight"
repo="$TEST_ROOT/repo" # the next scenarios go on in it
new_repo "$repo"
run "$P" install
expect_rc 0 "preflight install"
grep -qaF "$root/usr/libexec/preflight/pre-commit" .git/hooks/pre-commit && pass ||
  fail "the hooks run the package's binaries"
run "$P" status
expect_in "$OUT" "no problems found" "status is clean (the checksums hold)"
echo one >a.txt && git add a.txt
run git commit -m "bad message"
expect_rc 1 "a bad message is refused"
expect_in "$ERR" "error [type-empty] .git/COMMIT_EDITMSG:1:1: type may not be empty" "by commit-msg"
make_torch_zip model.pt && git add model.pt
run git commit -m "feat: add the model"
expect_rc 1 "a checkpoint is refused"
expect_in "$ERR" "error [checkpoint] model.pt: checkpoint or model file model.pt" "by pre-commit"
git rm -q --cached model.pt && rm model.pt
printf '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n' >nb.ipynb
git add nb.ipynb
run git commit -m "feat: add a"
expect_rc 0 "a good commit goes through"
echo two >b.txt && git add b.txt
run git commit -m "feat: add b"
expect_rc 0 "a second good commit"
tip=$(git rev-parse HEAD)
run git reset --hard HEAD~1
expect_rc 0 "reset --hard"
backup=$(git for-each-ref --format='%(refname:short)' 'refs/heads/backup/main/*')
expect_in "$ERR" "saved 1 commit that left main (reset) as branch $backup" "the backup is announced"
expect_eq "$(git rev-parse "$backup" 2>/dev/null)" "$tip" "the backup branch holds the old tip"

scenario "package removed: commits and pushes refused with what to do, checkouts and resets go on"
cd "$repo" || exit 1 # its hooks name the files taken away here
# (The reset just rewrote nb.ipynb: while its index entry is racily clean, git
# re-reads it through the notebook filter, now gone, and must go on.)
mv "$root" "$root.removed"
echo three >c.txt && git add c.txt
run git commit -m "feat: add c"
expect_rc 1 "a commit is refused"
expect_in "$ERR" "preflight: cannot run $root/usr/libexec/preflight/pre-commit (not found): is preflight still installed? Install it again and run \`preflight install\`, or remove these hooks with \`preflight uninstall\`" "the hook says what is missing and what to do"
expect_eq "$(git rev-parse HEAD)" "$(git rev-parse main)" "nothing was committed"
run git commit --no-verify -m "feat: add c"
expect_rc 0 "--no-verify commits, as the blocked hooks say"
run git checkout -q -b topic
expect_rc 0 "checkout goes on"
expect_in "$ERR" "cannot run $root/usr/libexec/preflight/post-checkout (not found)" "post-checkout says so"
expect_in "$ERR" "; git goes on" "and that git goes on"
run git reset -q --hard HEAD~1
expect_rc 0 "reset goes on"
expect_in "$ERR" "cannot run $root/usr/libexec/preflight/reference-transaction (not found)" \
  "reference-transaction says so"
expect_eq "$(git for-each-ref 'refs/heads/backup/topic/*')" "" "no backup without preflight"
git init -q --bare ../remote.git && git remote add origin ../remote.git
run git push -q origin topic
expect_rc 1 "a push is refused"
expect_in "$ERR" "cannot run $root/usr/libexec/preflight/pre-push (not found)" "pre-push says so"
# The notebook filter in .git/config names the removed libexec entry: one word,
# so git starts it without a shell, finds it gone, says so and goes on without
# the optional filter (docs/install.md).
printf '{"cells": [], "metadata": {"x": 1}, "nbformat": 4, "nbformat_minor": 5}\n' >nb.ipynb
run git diff nb.ipynb
expect_rc 0 "git diff of a notebook goes on"
expect_in "$OUT" '+{"cells": [], "metadata": {"x": 1}' "showing the notebook as it is"
expect_in "$ERR" "cannot run $root/usr/libexec/preflight/notebook-filter: No such file or directory" \
  "git's message names the missing filter"
run git add nb.ipynb
expect_rc 0 "git add of a notebook goes on"
expect_in "$ERR" "cannot run $root/usr/libexec/preflight/notebook-filter: No such file or directory" \
  "and says why it is not stripped"
expect_eq "$(git cat-file -p :nb.ipynb)" "$(cat nb.ipynb)" "the notebook is staged as it is"
git reset -q -- nb.ipynb 2>/dev/null; git checkout -q -- nb.ipynb 2>/dev/null

scenario "package installed again: status is clean and the hooks work again"
cd "$repo" || exit 1
mv "$root.removed" "$root"
run "$P" status
expect_in "$OUT" "no problems found" "the same hooks are current again"
echo four >d.txt && git add d.txt
run git commit -m "not conventional"
expect_rc 1 "the hooks check again"
expect_in "$ERR" "type may not be empty" "with commit-msg's reason"

scenario "preflight uninstall before the package is removed leaves nothing behind"
new_repo "$TEST_ROOT/clean"
run "$P" install
expect_rc 0 "install"
run "$P" uninstall
expect_rc 0 "uninstall"
mv "$root" "$root.removed"
expect_eq "$(git config --get-regexp preflight)" "" "no preflight setting left in .git/config"
printf '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n' >nb.ipynb
run git add nb.ipynb
expect_rc 0 "notebooks are added"
run git commit -m "anything goes"
expect_rc 0 "commits need nothing of preflight"
expect_eq "$ERR" "" "and git says nothing about it"
run git reset -q --hard HEAD~1
expect_rc 0 "reset"
expect_eq "$ERR" "" "quietly"
mv "$root.removed" "$root"

scenario "the tarball: one folder with bin, libexec, share and INSTALL"
members=$(tar -tzf "$tarball")
top="preflight-${version}-linux-${arch}"
expect_eq "$(grep -v "^$top/" <<<"$members")" "" "everything inside $top/"
for path in "$top/INSTALL" "$top/bin/preflight" "$top/libexec/preflight/pre-commit" \
  "$top/libexec/preflight/hook-launcher" "$top/share/preflight/rules/default.yaml"; do
  expect_in "$members" "$path" "in the tarball: $path"
done
expect_eq "$(sed "s|^$top/|usr/|" <<<"$members" | grep -v '/$' | grep -v '^usr/INSTALL$' | sort)" \
  "$installed" "the tarball's files are the install rules' files and INSTALL"

scenario "the tarball runs from wherever it is unpacked, also through a link on PATH"
mkdir -p unpacked && tar -xzf "$tarball" -C unpacked
moved="$TEST_ROOT/somewhere else/pf"
mkdir -p "$TEST_ROOT/somewhere else" && mv "unpacked/$top" "$moved"
mkdir -p path && ln -s "$moved/bin/preflight" path/preflight
PATH="$PWD/path:$PATH"
new_repo repo
run preflight install
expect_rc 0 "preflight install through the link"
grep -qaF "$moved/libexec/preflight/commit-msg" .git/hooks/commit-msg && pass ||
  fail "the hooks run the binaries where the tarball was moved to"
run preflight status
expect_in "$OUT" "no problems found" "status is clean"
echo one >a.txt && git add a.txt
run git commit -m "bad message"
expect_rc 1 "a bad message is refused"
expect_in "$ERR" "type may not be empty" "by commit-msg"
run git commit -m "feat: add a"
expect_rc 0 "a good commit goes through"

finish
