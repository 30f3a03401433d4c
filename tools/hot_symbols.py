#!/usr/bin/env python3
"""Writes cmake/hot_symbols.txt for lld's --symbol-ordering-file (cmake/StaticLink.cmake).

usage: tools/hot_symbols.py [BUILD_DIR]   (default: build; needs valgrind)

Runs preflight's common short paths under valgrind's lackey: `preflight version`,
`preflight nbstrip` on generated 1 MB and 100 KB notebooks (--textconv and stdin),
and the pre-commit and commit-msg hooks in a scratch repository. Lists the
functions that run, then the named data objects read or written (.rodata,
.data.rel.ro, .data, .bss), so that the linker packs each into as few pages as
it can: what more runs meet first (start-up), then in the order met. A local
name that several objects define is left out when only some copies run (it
would pull cold library code forward). valgrind's CPU picks glibc's avx2
string functions; the evex and avx512 variants are listed with them.
Run it after changes that move start-up or hot-path code, then rebuild. Names
a build lacks are ignored by the linker: a stale list costs speed, not
correctness.
"""
import bisect
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build"))
PREFLIGHT = os.path.join(BUILD, "bin", "preflight")
HOOKS = os.path.join(BUILD, "libexec", "preflight")
OUT = os.path.join(ROOT, "cmake", "hot_symbols.txt")
STRING_FAMILY = re.compile(r"^__(?:mem|str|stp|rawmem|wmem|wcs)[a-z]*_")
DATA_SECTIONS = (".rodata", ".data.rel.ro", ".data", ".bss")


class Symbols:
    """The named functions and data objects of one binary, by address."""

    def __init__(self, binary):
        ranges = {}
        for line in run_text(["readelf", "-SW", binary]).splitlines():
            m = re.match(r"\s*\[\s*\d+\]\s+(\S+)\s+\S+\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)",
                         line)
            if m:
                start = int(m.group(2), 16)
                ranges[m.group(1)] = (start, start + int(m.group(3), 16))
        data = [ranges[name] for name in DATA_SECTIONS if name in ranges]
        self.low = min(r[0] for r in data)
        self.high = max(r[1] for r in data)
        self.names = set()
        self.instances = {}  # name -> addresses: local names can repeat, one per object
        symbols = []
        for line in run_text(["nm", "-nS", "--defined-only", binary]).splitlines():
            p = line.split()
            if len(p) == 3:  # no size (assembly): up to the next symbol
                p = [p[0], "0", p[1], p[2]]
            if len(p) != 4:
                continue
            self.names.add(p[3])
            start, size = int(p[0], 16), int(p[1], 16)
            code = p[2] in "tTwWi"
            if code or (p[2] in "bBdDrRuVv" and any(lo <= start < hi for lo, hi in data)):
                symbols.append([start, start + size, p[3], code])
                self.instances.setdefault(p[3], set()).add(start)
        symbols.sort()
        for this, after in zip(symbols, symbols[1:]):
            if this[1] == this[0]:
                this[1] = after[0]
        self.symbols = symbols
        self.starts = [s[0] for s in symbols]
        self.met = set()

    def partly_met(self):
        """Names of which some copies ran and others did not: listing them would pull every
        copy's section forward, and a copy may sit in a large section of cold code (libraries
        built without -ffunction-sections)."""
        met = {n for n, starts in self.instances.items() if starts & self.met}
        return {n for n in met if not self.instances[n] <= self.met}

    def find(self, address):
        i = bisect.bisect_right(self.starts, address) - 1
        if i >= 0 and address < self.symbols[i][1]:
            return self.symbols[i]
        return None


def run_text(argv):
    return subprocess.run(argv, capture_output=True, text=True, check=True).stdout


def trace(work, name, argv, stdin, symbols):
    """Functions and data objects of one run, each in the order first met (lackey)."""
    log = os.path.join(work, name + ".lackey")
    subprocess.run(["valgrind", "--tool=lackey", "--trace-mem=yes", "--log-file=" + log] + argv,
                   stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    code, data, seen = [], [], set()
    with open(log, encoding="utf-8", errors="replace") as f:
        for line in f:
            kind = line[:2]
            if kind == "I ":
                is_code = True
            elif kind in (" L", " S", " M"):
                is_code = False
            else:
                continue
            address = int(line[3:line.index(",")], 16)
            if address in seen or not (is_code or symbols.low <= address < symbols.high):
                continue
            seen.add(address)
            found = symbols.find(address)
            if found and found[3] == is_code:
                symbols.met.add(found[0])
                (code if is_code else data).append(found[2])
    os.unlink(log)
    return list(dict.fromkeys(code)), list(dict.fromkeys(data))


def by_use(runs):
    """Names met by more runs first (start-up before any one command's code), then in the
    order the runs met them."""
    count, first = {}, {}
    for r, names in enumerate(runs):
        for i, n in enumerate(names):
            count[n] = count.get(n, 0) + 1
            first.setdefault(n, (r, i))
    return sorted(count, key=lambda n: (-count[n], first[n]))


def with_variants(names, symbols):
    """Each of glibc's avx2 string functions followed by its evex and avx512 variants: the
    machine that runs preflight may pick those."""
    out = []
    for n in names:
        out.append(n)
        if STRING_FAMILY.match(n) and "_avx" in n:
            for tag in ("_evex", "_avx512"):
                variant = re.sub(r"_avx2?(?=_|$)", tag, n, count=1)
                if variant != n and variant in symbols.names:
                    out.append(variant)
    return out


def main():
    if not os.access(PREFLIGHT, os.X_OK):
        sys.exit("hot_symbols.py: no %s (build first)" % PREFLIGHT)
    if not shutil.which("valgrind"):
        sys.exit("hot_symbols.py: valgrind is needed")
    work = tempfile.mkdtemp(prefix="preflight-hot.")
    try:
        env_home = os.path.join(work, "home")
        os.makedirs(env_home)
        os.environ.update(HOME=env_home, GIT_CONFIG_NOSYSTEM="1")
        for key, value in (("user.name", "Hot Symbols"), ("user.email", "hot@example.org"),
                           ("init.defaultBranch", "main")):
            subprocess.run(["git", "config", "--global", key, value], check=True)
        notebook = os.path.join(work, "nb.ipynb")
        small = os.path.join(work, "small.ipynb")  # below huge_heap's threshold: read another way
        for size, path in (("1000000", notebook), ("100000", small)):
            subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen_notebook.py"), size,
                            path], check=True)
        repo = os.path.join(work, "repo")
        subprocess.run(["git", "init", "-q", repo], check=True)
        os.makedirs(os.path.join(repo, "src"))
        for i in range(20):
            with open(os.path.join(repo, "src", "m%d.py" % i), "w") as f:
                f.write("def f%d():\n    return %d\n" % (i, i))
        shutil.copy(notebook, os.path.join(repo, "analysis.ipynb"))
        subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
        message = os.path.join(work, "msg")
        with open(message, "w") as f:
            f.write("feat: add the modules\n\nThe body of the message.\n")

        runs = [  # (name, argv, stdin file, folder)
            ("textconv", [PREFLIGHT, "nbstrip", "--textconv", notebook], None, work),
            ("textconv-small", [PREFLIGHT, "nbstrip", "--textconv", small], None, work),
            ("stdin", [PREFLIGHT, "nbstrip"], notebook, work),
            ("version", [PREFLIGHT, "version"], None, work),
            ("pre-commit", [os.path.join(HOOKS, "pre-commit")], None, repo),
            ("commit-msg", [os.path.join(HOOKS, "commit-msg"), message], None, repo),
        ]
        tables = {}
        code_runs, data_runs = [], []
        for name, argv, stdin_path, folder in runs:
            os.chdir(folder)
            if argv[0] not in tables:
                tables[argv[0]] = Symbols(argv[0])
            with open(stdin_path or os.devnull, "rb") as stdin:
                code, data = trace(work, name, argv, stdin, tables[argv[0]])
            code_runs.append(code)
            data_runs.append(data)
        os.chdir(ROOT)
        skip = set().union(*(table.partly_met() for table in tables.values()))
        names = [n for n in with_variants(by_use(code_runs), tables[PREFLIGHT]) + by_use(data_runs)
                 if n not in skip]
        with open(OUT, "w") as f:
            f.write("\n".join(names) + "\n")
        print("hot_symbols.py: %d names in %s" % (len(names), os.path.relpath(OUT, ROOT)))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
