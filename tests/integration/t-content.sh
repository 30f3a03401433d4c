# Content checks under real `git commit` and `git push` to a local bare remote:
# checkpoints by name and by bytes, LFS pointers, large files, conflict markers,
# keys, case conflicts, broken links; every pushed commit checked; protected and
# backup branches.
. "$(dirname "$0")/lib.sh"

# A zip laid out as torch.save writes it: <name>/data.pkl, <name>/version, ...
make_torch_zip() {
  python3 - "$1" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_STORED) as z:
    z.writestr("archive/data.pkl", b"\x80\x02}q\x00.")
    z.writestr("archive/byteorder", b"little")
    z.writestr("archive/data/0", bytes(64))
    z.writestr("archive/version", b"3\n")
PY
}

# safetensors: 8-byte little-endian header length, JSON header, tensor bytes.
make_safetensors() {
  python3 - "$1" <<'PY'
import json, struct, sys
header = json.dumps({"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}).encode()
open(sys.argv[1], "wb").write(struct.pack("<Q", len(header)) + header + bytes(8))
PY
}

commit_refused() { # DESCRIPTION MESSAGE-FRAGMENT PATHS...
  local what=$1 fragment=$2
  shift 2
  git add -- "$@"
  run git commit -m "feat: add $what"
  expect_rc 1 "$what refused"
  expect_in "$ERR" "$fragment" "$what: the finding says why"
  git reset -q
}

scenario "checkpoints by name, by content, and in folders"
new_repo repo
install_hooks
make_torch_zip model.pt
commit_refused "model.pt" "error [checkpoint] model.pt: checkpoint or model file model.pt: matches \"*.pt\"" model.pt
expect_in "$ERR" "git lfs track" "hint suggests Git LFS"
cp model.pt weights.bin
commit_refused "the same bytes as weights.bin" "its content is a PyTorch checkpoint (torch.save zip) file" weights.bin
make_safetensors blob.dat
commit_refused "safetensors as blob.dat" "its content is a safetensors file" blob.dat
mkdir -p checkpoints && echo "epoch 3" > checkpoints/x.txt
commit_refused "checkpoints/x.txt" 'matches "checkpoints/"' checkpoints/x.txt
printf '\x93NUMPY\x01\x00v\x00{}' > small.npy
git add small.npy
run git commit -m "test: a small array fixture"
expect_rc 0 "a small NumPy fixture passes"
rm model.pt weights.bin blob.dat
rm -r checkpoints

scenario "odd names reach the checks intact"
new_repo repo
install_hooks
for name in "with space.pt" "quote\"d.pt" "-leading.pt" "$(printf 'new\nline.pt')" "ünï.pt"; do
  printf 'x' > "./$name"
  git add -- "./$name"
  run git commit -m "feat: odd name"
  expect_rc 1 "odd name refused: $name"
  expect_in "$ERR" "[checkpoint]" "odd name reported: $name"
  git reset -q && rm -f -- "./$name"
done

scenario "Git LFS pointers pass; -a and <paths> see git's index"
new_repo repo
install_hooks
printf 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n' > model.pt
git add model.pt
run git commit -m "feat: model through LFS"
expect_rc 0 "an LFS pointer passes"
echo 'big.ckpt filter=lfs diff=lfs merge=lfs -text' > .gitattributes
git add .gitattributes && git commit -qm "chore: track checkpoints with LFS"
echo weights > big.ckpt && git add big.ckpt
run git commit -m "feat: lfs-tracked path"
expect_rc 0 "an LFS-tracked path passes"
echo tracked > notes.txt && git add notes.txt && git commit -qm "docs: notes"
make_torch_zip notes.txt
run git commit -a -m "docs: update notes"
expect_rc 1 "commit -a: the staged checkpoint bytes are seen"
expect_in "$ERR" "notes.txt: its content is a PyTorch checkpoint (torch.save zip) file" \
  "commit -a: refused for its bytes"
run git commit notes.txt -m "docs: update notes"
expect_rc 1 "commit <path>: the checkpoint bytes are seen"
expect_in "$ERR" "notes.txt: its content is a PyTorch checkpoint (torch.save zip) file" \
  "commit <path>: refused for its bytes"
git checkout -q notes.txt

scenario "the staged content is judged, not the working tree"
new_repo repo
install_hooks
echo "clean" > data.txt && git add data.txt
make_torch_zip data.txt
run git commit -m "feat: clean staged text"
expect_rc 0 "working-tree bytes do not matter"
expect_eq "$(git show HEAD:data.txt)" "clean" "the clean version was committed"

scenario "large files, conflict markers, keys, case conflicts, broken links"
new_repo repo
install_hooks
head -c 11000000 /dev/zero > big.dat
commit_refused "an 11 MB file" "file too large big.dat: 10.5 MiB, the limit is 10.0 MiB" big.dat
printf 'checks:\n  large_files:\n    allow: ["*.dat"]\n' > .preflight.local.yaml
git add big.dat
run git commit -m "feat: allowed large file"
expect_rc 0 "allow-list lets it through"
rm .preflight.local.yaml
printf 'a\n<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> topic\n' > merged.txt
commit_refused "conflict markers" "merged.txt:2: merge conflict marker merged.txt" merged.txt
printf 'Title\n=======\n' > heading.rst
git add heading.rst
run git commit -m "docs: a heading"
expect_rc 0 "a lone ======= line passes"
printf 'x\n-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n' > id_ed25519
commit_refused "a private key" "private-key] id_ed25519:2: private key in id_ed25519" id_ed25519
printf 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n' > creds.ini
commit_refused "an AWS key id" "AWS access key id in creds.ini" creds.ini
echo a > README.md && git add README.md && git commit -qm "docs: readme"
echo b > readme.md
commit_refused "a case conflict" 'names differ only in case: "README.md", "readme.md"' readme.md
ln -s missing-target dangling
commit_refused "a broken link" 'points to "missing-target", which does not exist' dangling
ln -s README.md good-link && git add good-link
run git commit -m "docs: link to readme"
expect_rc 0 "a good link passes"
head -c 11000000 /dev/zero > big2.dat && git add big2.dat
run git commit -m "feat: another large file"
expect_rc 1 "without SKIP the large file is refused"
expect_in "$ERR" "file too large big2.dat" "by the large-file check"
SKIP=large-file run git commit -m "feat: another large file"
expect_rc 0 "SKIP names a check"
expect_eq "$(git ls-tree --name-only HEAD big2.dat)" "big2.dat" "and the file is committed"

scenario "every pushed commit is checked, naming the commit"
git init -q --bare remote.git
new_repo repo
git remote add origin ../remote.git
install_hooks
git push -q origin main
make_torch_zip model.pt && git add model.pt && git commit -q --no-verify -m "feat: add model"
git rm -q --cached model.pt && rm model.pt && git commit -q --no-verify -m "fix: remove model"
bad=$(git rev-parse --short=12 HEAD~1)
run git push origin main
expect_rc 1 "push refused"
expect_in "$ERR" "model.pt (in commit $bad (feat: add model))" "names the commit that added it"
git reset -q --hard HEAD~2
git commit -q --allow-empty --no-verify -m "Bad message"
run git push origin main
expect_rc 1 "a bad message is refused at push"
expect_in "$ERR" "[type-empty]" "commitlint's rule name"
expect_in "$ERR" "(Bad message): type may not be empty" "names the commit"
git commit -q --amend --allow-empty -m "feat: good message"
run git push origin main
expect_rc 0 "a clean push passes"

scenario "protected branches and backup branches"
git init -q --bare remote.git
new_repo repo
git remote add origin ../remote.git
install_hooks
git commit -q --allow-empty -m "feat: one"
git push -q origin main
git commit -q --amend --allow-empty -m "feat: rewritten"
run git push --force origin main
expect_rc 1 "force-push to main refused"
expect_in "$ERR" "force-push to protected branch \"main\"" "says why"
run git push origin :main
expect_rc 1 "deleting main refused"
expect_in "$ERR" "deleting protected branch \"main\"" "says why"
git branch backup/x
run git push origin backup/x
expect_rc 1 "pushing backup/x refused"
expect_in "$ERR" "pushing backup branch \"refs/heads/backup/x\"" "says why"
git checkout -q -b topic
git commit -q --allow-empty -m "feat: topic work"
run git push origin topic
expect_rc 0 "a new topic branch passes"
git commit -q --amend --allow-empty -m "feat: topic work, again"
run git push --force origin topic
expect_rc 0 "force-pushing an unprotected branch passes"

scenario "preflight run pre-push --from-ref/--to-ref for CI"
new_repo repo
base=$(git rev-parse HEAD)
git commit -q --allow-empty -m "feat: fine"
run "$PREFLIGHT" run pre-push --from-ref "$base" --to-ref HEAD
expect_rc 0 "a clean range passes"
git commit -q --allow-empty -m "not conventional"
run "$PREFLIGHT" run pre-push --from-ref "$base" --to-ref HEAD
expect_rc 1 "a range with a bad message fails"
expect_in "$ERR" "(not conventional)" "names the commit"
run "$PREFLIGHT" --format json run pre-push --from-ref "$base" --to-ref HEAD
expect_in "$OUT" '"check": "type-empty"' "json output carries the rule"
run "$PREFLIGHT" run pre-push --from-ref nope --to-ref HEAD
expect_rc 2 "an unknown revision is a usage error"
expect_in "$ERR" 'unknown revision "nope"' "says which"

finish
