#!/usr/bin/env python3
"""Differential test of two preflight binaries' `nbstrip` (before/after a change).

usage: tools/nbstrip_differential.py OLD NEW [--cases N] [--seed S] [--jobs J]
                                     [--inputs DIR ...] [--keep-failures DIR] [--stats]

Runs OLD and NEW on the same inputs, options and ways of calling (stdin,
--textconv FILE, in place, --dry-run, --verify) and compares stdout, stderr,
the exit code and, in place, the rewritten file, byte for byte. Inputs: every
.ipynb/.zpln under ../shared/conformance and tests/integration/data (or the
--inputs folders), a few notebooks from bench/gen_notebook.py, and N random
mutations of them: tree edits (values swapped for other values, strings with
escapes and Unicode, big and odd numbers, deep nesting, duplicate keys, cells
and outputs duplicated or removed, re-serialised in several layouts) and byte
edits (deleted, duplicated or altered bytes, inserted escapes, truncation).
Each case runs one option set in one way; the seeds run every combination,
and every sequence of up to 3 JSON tokens (alone and inside a few
containers) runs once through stdin, for the parser's error messages.
Exit 0 when every case agreed; else prints the first disagreements (and keeps
their inputs with --keep-failures). Needs only the Python standard library.
"""
import argparse
import concurrent.futures
import copy
import itertools
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

OPTION_SETS = [
    [],
    ["--keep-output"],
    ["--keep-count"],
    ["--keep-id"],
    ["--extra-keys", "metadata.kernelspec cell.metadata.tags cell.metadata.foo.bar bad.key"],
    ["--extra-keys", "metadata.language_info.name cell.metadata.ExecuteTime.end_time"],
    ["--keep-metadata-keys", "cell.metadata.collapsed metadata.widgets cell.metadata.scrolled"],
    ["--extra-keys", "cell.metadata.tags cell.metadata.id cell.metadata.collapsed metadata.foo"],
    ["--drop-empty-cells"],
    ["--drop-tagged-cells", "t1 keep_output test"],
    ["--strip-init-cells"],
    ["--max-size", "100"],
    ["--max-size", "1k"],
    ["--keep-output-type", "stream"],
    ["--drop-output-type", "error", "--keep-count"],
    ["--keep-output", "--keep-count", "--drop-empty-cells"],
    ["--mode", "zeppelin"],
]

SMALL_ALPHABET = '[]{},:"1 an'
SMALL_PREFIXES = ["", '{"cells": [', '{"a": {"b": ', '{"cells": [{"outputs": [']

# How a binary is called: (name, extra arguments, file argument?, stdin?)
WAYS = [
    ("stdin", [], False, True),
    ("textconv", ["--textconv"], True, False),
    ("in-place", [], True, False),
    ("dry-run", ["--dry-run"], True, False),
    ("verify-stdin", ["--verify"], False, True),
    ("verify-file", ["--verify"], True, False),
]


def seed_files(dirs):
    found = []
    for d in dirs:
        for base, _, names in os.walk(d):
            for name in sorted(names):
                if name.endswith((".ipynb", ".zpln")):
                    found.append(os.path.join(base, name))
    return sorted(found)


def generated_seeds(tmp):
    out = []
    gen = os.path.join(ROOT, "bench", "gen_notebook.py")
    if not os.path.exists(gen):
        return out
    for size, extra in ((3000, ["--no-images"]), (20000, ["--no-images"]), (40000, [])):
        path = os.path.join(tmp, "gen%d.ipynb" % size)
        subprocess.run([sys.executable, gen, str(size), path] + extra, check=True)
        out.append(path)
    return out


# --- Mutations -------------------------------------------------------------------------

STRINGS = [
    "", " ", "\n", "a\nb", "a\r\nb\rc", "\u2028x\u2029", "\x85y", "\x1c\x1d\x1e", "\x00", "\x7f",
    "\\", '"', "\t\b\f", "é", "日本語\n", "😀\n", "\U0001f600" * 40, "\ud800", "\udc00",
    "x" * 70, "\x1b[31mred\x1b[0m\n", "keep_output", "t1", "code", "markdown", "stream",
    "execute_result", "display_data", "error", "text/plain", "image/png", "application/json",
    "  \n  ", "\u3000", "a" * 5000 + "\\n", "0", "null",
]
NUMBERS = [
    "0", "-0", "1", "-1", "0.0", "-0.0", "1.5", "1e5", "1E+5", "1e-7", "1.0e400", "-1e400",
    "123456789012345678901234567890", "9007199254740993", "0.1", "3.14159265358979323846",
    "1e308", "2.2250738585072014e-308", "4.9e-324", "5e-325", "1" * 50, "-" + "9" * 30,
    "1.7976931348623157e308", "100", "4", "5", "3", "2", "1.0", "NaN", "Infinity", "-Infinity",
    "12345678901234567.5", "0.000001", "0.0000001", "1e16", "1e15", "123.456e-2",
]
RAW_TOKENS = [
    "\\u0000", "\\ud83d\\ude00", "\\ud800", "\\udc00", "\\ud800\\u0041", "\\n", '\\"', "\\\\",
    "\\/", "\\b", "\\f", "\\r", "\\t", "\\x", "\\u12", "\\uZZZZ", "\\u00e9", "\\u2028",
    "é", "😀", "\u2028", "\x85", "\xa0", "\x00", "\t", "\x01", "[", "]", "{", "}", ",", ":", '"',
    "0", "-", ".", "e", "E", "+", "true", "false", "null", "NaN", "Infinity", "-Infinity",
    "1e400", "1" * 40, " ", "\n", "\r\n", "\ufeff",
]
RAW_BYTES = [b"\x80", b"\xff", b"\xc3", b"\xc3\xa9", b"\xed\xa0\x80", b"\xf4\x90\x80\x80",
             b"\xe2\x80", b"\xf0\x9f\x98", b"\xc0\xaf", b"\x00"]


def random_scalar(rng):
    r = rng.random()
    if r < 0.45:
        return rng.choice(STRINGS)
    if r < 0.7:
        return RawNumber(rng.choice(NUMBERS))
    return rng.choice([None, True, False])


class RawNumber:
    """A number written as this exact text (json.dumps cannot write most of them)."""

    def __init__(self, text):
        self.text = text


def random_value(rng, depth=0):
    r = rng.random()
    if depth > 3 or r < 0.5:
        return random_scalar(rng)
    if r < 0.75:
        return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {rng.choice(["a", "b", "text", "data", "name", "output_type", "metadata", "tags",
                        "keep_output", "init_cell", "source", "id", "execution_count",
                        "metadata.collapsed", "metadata.tags", "metadata", "scrolled"]):
            random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))}


def nest(rng, value):
    depth = rng.choice([5, 50, 200, 880, 899, 900, 901, 950, 2000])
    for _ in range(depth):
        value = [value] if rng.random() < 0.5 else {"k": value}
    return value


def containers(node, path=()):
    """(container, key) pairs for every value in the tree."""
    out = []
    if isinstance(node, dict):
        for k in list(node):
            out.append((node, k))
            out.extend(containers(node[k]))
    elif isinstance(node, list):
        for i in range(len(node)):
            out.append((node, i))
            out.extend(containers(node[i]))
    return out


def mutate_tree(rng, tree):
    for _ in range(rng.randint(1, 4)):
        slots = containers(tree)
        if not slots:
            return tree
        parent, key = rng.choice(slots)
        r = rng.random()
        if r < 0.3:
            parent[key] = random_value(rng)
        elif r < 0.4:
            parent[key] = nest(rng, random_value(rng))
        elif r < 0.55:
            if isinstance(parent, list):
                parent.insert(key, copy.deepcopy(parent[key]))
            elif rng.random() < 0.5:
                parent[key + "_"] = parent[key]
            else:  # dotted keys, as nbstripout's removal keys name them
                parent[rng.choice(["metadata.collapsed", "metadata.scrolled", "metadata.x.y",
                                   "ExecuteTime", "collapsed"])] = parent[key]
        elif r < 0.7:
            del parent[key]
        elif r < 0.8 and isinstance(parent[key], str):
            s = parent[key]
            i = rng.randint(0, len(s))
            parent[key] = s[:i] + rng.choice(STRINGS) + s[i:]
        elif r < 0.9 and isinstance(parent[key], list):
            parent[key] = parent[key] * rng.randint(0, 3)
        else:
            parent[key] = RawNumber(rng.choice(NUMBERS))
    return tree


def dumps(rng, tree):
    """Serialises tree with raw numbers kept as their text, in a random layout."""
    numbers = []

    def prepare(node):
        if isinstance(node, RawNumber):
            numbers.append(node.text)
            return "\x00RAWNUMBER%d\x00" % (len(numbers) - 1)
        if isinstance(node, dict):
            return {k: prepare(v) for k, v in node.items()}
        if isinstance(node, list):
            return [prepare(v) for v in node]
        return node

    layout = rng.choice([dict(indent=1), dict(indent=None), dict(indent=2),
                         dict(indent=1, separators=(",", ":")), dict(indent="\t")])
    text = json.dumps(prepare(tree), ensure_ascii=rng.random() < 0.3, **layout)
    for i, num in enumerate(numbers):
        text = text.replace('"\\u0000RAWNUMBER%d\\u0000"' % i, num)
    if rng.random() < 0.1:
        # duplicate keys: repeat a member at the same level
        i = text.find('"metadata": ')
        if i >= 0:
            text = text[:i] + '"metadata": {}, ' + text[i:]
    try:
        return text.encode("utf-8", "surrogatepass")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace")


def mutate_bytes(rng, data):
    data = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        if not data:
            break
        i = rng.randrange(len(data) + 1)
        r = rng.random()
        if r < 0.2:
            del data[i:i + rng.randint(1, 8)]
        elif r < 0.35:
            j = min(len(data), i + rng.randint(1, 64))
            data[i:i] = data[i:j]
        elif r < 0.55:
            if i < len(data):
                data[i] = rng.choice(b'"\\{}[],:0-.eE \n\x00\x1fa')
        elif r < 0.8:
            data[i:i] = rng.choice(RAW_TOKENS).encode("utf-8", "surrogatepass")
        elif r < 0.9:
            data[i:i] = rng.choice(RAW_BYTES)
        else:
            del data[rng.randrange(len(data) + 1):]
    return bytes(data)


def mutate(rng, seed_bytes):
    r = rng.random()
    data = seed_bytes
    if r < 0.7:
        try:
            tree = json.loads(seed_bytes.decode("utf-8"))
            data = dumps(rng, mutate_tree(rng, tree))
        except (ValueError, RecursionError):
            data = seed_bytes  # (not JSON, or nested too deep for Python)
    if r >= 0.5 or data == seed_bytes:
        data = mutate_bytes(rng, data)
    return data


# --- Running ---------------------------------------------------------------------------


def run(binary, args, way, data, workdir, name):
    _, extra, file_arg, use_stdin = way
    path = os.path.join(workdir, name)
    if file_arg:
        with open(path, "wb") as f:
            f.write(data)
        os.chmod(path, 0o640)
    argv = [binary, "nbstrip"] + args + extra + ([name] if file_arg else [])
    try:
        p = subprocess.run(argv, input=data if use_stdin else None,
                           stdin=None if use_stdin else subprocess.DEVNULL,
                           capture_output=True, cwd=workdir, timeout=60)
        result = (p.returncode, p.stdout, p.stderr)
    except subprocess.TimeoutExpired:
        result = ("timeout", b"", b"")
    if file_arg:
        with open(path, "rb") as f:
            result += (f.read(), os.stat(path).st_mode)
        os.unlink(path)
    return result


def error_kind(stderr):
    """The gist of an error message: its last clause, without positions and quotes."""
    if not stderr:
        return "(no error)"
    line = stderr.decode("utf-8", "replace").splitlines()[0]
    gist = line.rsplit(": ", 1)[-1]
    return re.sub(r"'[^']*'|\d+", "_", gist)[:70]


def compare(old, new, data, args, way, tmp):
    name = "nb.zpln" if "zeppelin" in args else "nb.ipynb"
    a = os.path.join(tmp, "a")
    b = os.path.join(tmp, "b")
    ra = run(old, args, way, data, a, name)
    rb = run(new, args, way, data, b, name)
    return ra == rb, ra, rb


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--cases", type=int, default=3000, help="random mutated cases (3000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--inputs", nargs="*", default=[
        os.path.join(ROOT, "..", "shared", "conformance"),
        os.path.join(ROOT, "tests", "integration", "data")])
    ap.add_argument("--stats", action="store_true", help="count the kinds of error messages")
    ap.add_argument("--keep-failures", help="folder to copy disagreeing inputs into")
    opts = ap.parse_args()
    sys.setrecursionlimit(100000)
    old, new = os.path.abspath(opts.old), os.path.abspath(opts.new)

    tmp_root = tempfile.mkdtemp(prefix="nbdiff.")
    try:
        seeds = seed_files(opts.inputs) + generated_seeds(tmp_root)
        seed_data = [open(p, "rb").read() for p in seeds]
        if not seed_data:
            sys.exit("no seed notebooks found")
        rng = random.Random(opts.seed)
        jobs = []  # (label, data, args, way)
        for path, data in zip(seeds, seed_data):
            for args in OPTION_SETS:
                for way in WAYS:
                    jobs.append((os.path.basename(path), data, args, way))
        # Every short token sequence, alone and at a few depths: parser errors.
        for prefix in SMALL_PREFIXES:
            for k in range(4):
                for t in itertools.product(SMALL_ALPHABET, repeat=k):
                    jobs.append(("small", (prefix + "".join(t)).encode(), [], WAYS[0]))
        for i in range(opts.cases):
            k = rng.randrange(len(seed_data))
            data = mutate(rng, seed_data[k])
            for _ in range(2):
                args = rng.choice(OPTION_SETS[:-1] if rng.random() < 0.97 else OPTION_SETS)
                jobs.append(("mutant %d of %s" % (i, os.path.basename(seeds[k])), data, args,
                             rng.choice(WAYS)))

        def work(index):
            label, data, args, way = jobs[index]
            tmp = os.path.join(tmp_root, "w%d" % (index % (4 * opts.jobs)))
            return index, compare(old, new, data, args, way, tmp)

        for w in range(4 * opts.jobs):
            for side in ("a", "b"):
                os.makedirs(os.path.join(tmp_root, "w%d" % w, side))
        failures = []
        agreed = 0
        rcs = {}
        kinds = {}  # what the error messages said (to see what the cases reached)
        # Each worker slot owns a folder: run the jobs of one slot in order.
        slots = 4 * opts.jobs

        def run_slot(slot):
            out = []
            for index in range(slot, len(jobs), slots):
                out.append(work(index))
            return out

        with concurrent.futures.ThreadPoolExecutor(max_workers=opts.jobs) as pool:
            for results in pool.map(run_slot, range(slots)):
                for index, (same, ra, rb) in results:
                    if same:
                        agreed += 1
                        rcs[ra[0]] = rcs.get(ra[0], 0) + 1
                        kind = error_kind(ra[2])
                        kinds[kind] = kinds.get(kind, 0) + 1
                    else:
                        failures.append((index, ra, rb))
        print("%d cases (%d seeds x %d option sets x %d ways, short token sequences, %d mutants "
              "x 2): %d agreed, %d differed; exit codes %s" % (
                  len(jobs), len(seeds), len(OPTION_SETS), len(WAYS), opts.cases, agreed,
                  len(failures), dict(sorted(rcs.items(), key=str))))
        if opts.stats:
            for kind, n in sorted(kinds.items(), key=lambda kv: -kv[1]):
                print("  %6d  %s" % (n, kind))
        for index, ra, rb in sorted(failures)[:10]:
            label, data, args, way = jobs[index]
            print("DIFF %s: args %s, way %s" % (label, args, way[0]))
            for what, x, y in zip(("rc", "stdout", "stderr", "file", "mode"), ra, rb):
                if x != y:
                    print("  %s: old %r... new %r..." % (what, x if what in ("rc", "mode")
                                                          else x[:300],
                                                          y if what in ("rc", "mode")
                                                          else y[:300]))
            if opts.keep_failures:
                os.makedirs(opts.keep_failures, exist_ok=True)
                with open(os.path.join(opts.keep_failures, "case%d.ipynb" % index), "wb") as f:
                    f.write(data)
        return 1 if failures else 0
    finally:
        shutil.rmtree(tmp_root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
