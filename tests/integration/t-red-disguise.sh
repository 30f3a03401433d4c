# Red team: checkpoints and weights disguised by their container, whatever the
# name: a checkpoint folder zipped again (directory entries first), NumPy's .npz,
# pickles (joblib, sklearn), a tar of a checkpoint, gzip of any of these, and
# weights formats with a magic number (TensorFlow Lite, llama.cpp's GGML).
# Each is refused by a real `git commit` and by `git push` of a commit made with
# --no-verify; small fixtures of the data formats still pass.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/red_helpers.sh"

# make_disguised KIND FILE: writes FILE as KIND (see the case below).
make_disguised() {
  python3 - "$1" "$2" <<'PY'
import gzip, io, os, pickle, struct, sys, tarfile, zipfile
kind, out = sys.argv[1], sys.argv[2]
def npy(count, random=False):
    header = b"{'descr': '<f4', 'fortran_order': False, 'shape': (%d,), }" % count
    header = header.ljust(117) + b"\n"
    body = os.urandom(4 * count) if random else bytes(4 * count)
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header + body
def torch_zip(dirs):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as z:
        if dirs:  # as `zip -r model.zip archive/` writes a folder
            z.writestr("archive/", b"")
            z.writestr("archive/data/", b"")
        z.writestr("archive/data.pkl", b"\x80\x02}q\x00.")
        z.writestr("archive/version", b"3\n")
        z.writestr("archive/data/0", bytes(64))
    return buffer.getvalue()
def npz(count):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as z:
        z.writestr("weights.npy", npy(count))
        z.writestr("bias.npy", npy(16))
    return buffer.getvalue()
def tar(name, data):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as t:
        info = tarfile.TarInfo(name)
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))
    return buffer.getvalue()
big = 600_000  # 2.4 MB of float32: over the 1 MiB array_max_size
data = {
    "zip-with-folders": lambda: torch_zip(True),
    "npz": lambda: npz(big),
    "small-npz": lambda: npz(16),
    "pickle2": lambda: pickle.dumps({"coef": bytes(2_000_000)}, protocol=2),
    "pickle4": lambda: pickle.dumps({"coef": bytes(2_000_000)}, protocol=4),
    "pickle5": lambda: pickle.dumps({"coef": bytes(2_000_000)}, protocol=5),
    "small-pickle": lambda: pickle.dumps({"a": 1}, protocol=4),
    "tar-of-checkpoint": lambda: tar("model.pt", torch_zip(False)),
    "tar-of-npy": lambda: tar("x.npy", npy(big)),
    "gzip-of-checkpoint": lambda: gzip.compress(torch_zip(False)),
    # Trained weights hardly compress: what git stores is still over the limit.
    "gzip-of-npy": lambda: gzip.compress(npy(big, random=True)),
    "tar-gz-of-checkpoint": lambda: gzip.compress(tar("model.pt", torch_zip(False))),
    # TensorFlow Lite: a FlatBuffer whose file identifier "TFL3" is at offset 4.
    "tflite": lambda: struct.pack("<I", 28) + b"TFL3" + bytes(4096),
    # llama.cpp before GGUF: ggml, ggmf and ggjt, as little-endian uint32 magics.
    "ggml": lambda: b"lmgg" + bytes(4096),
    "ggjt": lambda: b"tjgg" + struct.pack("<I", 3) + bytes(4096),
    "tar-of-text": lambda: tar("notes.txt", b"just text\n" * 10),
    "gzip-of-text": lambda: gzip.compress(b"just text\n" * 10),
}[kind]()
open(out, "wb").write(data)
PY
}

# refused KIND FILE FRAGMENT: a commit of FILE (made as KIND) is refused, saying
# FRAGMENT; then the same file committed with --no-verify is refused by pre-push.
refused() {
  make_disguised "$1" "$2"
  git add -- "$2"
  expect_commit_then_push_refused "$2" "its content is $3" "$1 as $2"
  expect_in "$ERR" "error [checkpoint] $2: checkpoint or model file $2 (in commit " \
    "$1 as $2: pre-push names the file and the commit"
  git reset -q --hard "$START" && rm -f -- "$2"
}

# passes KIND FILE: a commit of FILE (made as KIND) passes.
passes() {
  make_disguised "$1" "$2"
  git add -- "$2"
  run git commit -m "test: add $1"
  expect_rc 0 "$1 as $2 passes"
  git reset -q --hard "$START"
}

scenario "checkpoints and arrays in containers, whatever the name"
repo_with_remote
install_hooks
refused zip-with-folders model.zip "a PyTorch checkpoint (torch.save zip) file"
refused npz arrays.bin "a NumPy arrays (npz) file"
refused pickle2 model.bin "a Python pickle file"
refused pickle4 model.joblib.bak "a Python pickle file"
refused pickle5 weights "a Python pickle file"
refused tar-of-checkpoint backup.tar "a PyTorch checkpoint (torch.save zip) file (in a tar archive)"
refused tar-of-npy data.tar "a NumPy array file (in a tar archive)"
refused gzip-of-checkpoint model.gz "a PyTorch checkpoint (torch.save zip) file (compressed with gzip)"
refused gzip-of-npy x.dat "a NumPy array file (compressed with gzip)"
refused tar-gz-of-checkpoint release.tgz \
  "a PyTorch checkpoint (torch.save zip) file (in a tar archive, compressed with gzip)"
refused tflite model_int8.bin "a TensorFlow Lite model file"
refused ggml ggml-model-q4_0.bin "a GGML (llama.cpp before GGUF) file"
refused ggjt llama-7b.q5.bin "a GGML (llama.cpp before GGUF) file"

scenario "small fixtures and ordinary archives pass"
new_repo repo
START=$(git rev-parse HEAD)
install_hooks
passes small-npz fixture.bin
passes small-pickle fixture.pkl.bin
passes tar-of-text notes.tar
passes gzip-of-text notes.gz

finish
