#!/usr/bin/env python3
"""Writes cmake/hot_symbols.txt for lld's --symbol-ordering-file (cmake/StaticLink.cmake).

usage: tools/hot_symbols.py [BUILD_DIR]   (default: build; needs valgrind)

Runs preflight's common short paths under valgrind: `preflight version`,
`preflight nbstrip` on a generated 1 MB notebook (--textconv and stdin), and
the pre-commit and commit-msg hooks in a scratch repository. Lists the
functions that run (callgrind), in the order they are first met, so that
the linker packs them into as few pages as it can (ordering data objects too
was measured: no fewer page faults). valgrind's CPU picks glibc's avx2 string functions;
the evex and avx512 variants of the same families are listed with them.
Run it after changes that move start-up or hot-path code, then rebuild. Names
a build lacks are ignored by the linker: a stale list costs speed, not
correctness.
"""
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
STRING_FAMILY = re.compile(r"^_*((?:mem|str|stp|rawmem|wmem|wcs)[a-z]*)")
STRING_VARIANT = re.compile(r"^__((?:mem|str|stp|rawmem|wmem|wcs)[a-z]*)_(evex|avx512)")


def functions(work, name, argv, stdin):
    """Function names of one run, in the order callgrind first meets them."""
    out = os.path.join(work, name + ".cg")
    subprocess.run(["valgrind", "--tool=callgrind", "--demangle=no",
                    "--callgrind-out-file=" + out] + argv,
                   stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    names = []
    with open(out, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = re.match(r"^c?fn=\(\d+\) (.*)$", line.rstrip("\n"))
            if m:
                names.append(re.sub(r"'\d+$", "", m.group(1)))
    return names


def main():
    if not os.access(PREFLIGHT, os.X_OK):
        sys.exit("hot_symbols.py: no %s (build first)" % PREFLIGHT)
    if not shutil.which("valgrind"):
        sys.exit("hot_symbols.py: valgrind is needed")
    work = tempfile.mkdtemp(prefix="preflight-hot.")
    try:
        env_home = os.path.join(work, "home")
        os.makedirs(env_home)
        os.environ.update(HOME=env_home, GIT_CONFIG_NOSYSTEM="1", NO_COLOR="1")
        for key, value in (("user.name", "Hot Symbols"), ("user.email", "hot@example.org"),
                           ("init.defaultBranch", "main")):
            subprocess.run(["git", "config", "--global", key, value], check=True)
        notebook = os.path.join(work, "nb.ipynb")
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen_notebook.py"), "1000000",
                        notebook], check=True)
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
            ("stdin", [PREFLIGHT, "nbstrip"], notebook, work),
            ("version", [PREFLIGHT, "version"], None, work),
            ("pre-commit", [os.path.join(HOOKS, "pre-commit")], None, repo),
            ("commit-msg", [os.path.join(HOOKS, "commit-msg"), message], None, repo),
        ]
        per_run = []
        for name, argv, stdin_path, folder in runs:
            os.chdir(folder)
            with open(stdin_path or os.devnull, "rb") as stdin:
                per_run.append([n for n in functions(work, name, argv, stdin)
                                if not n.startswith("0x")])
        os.chdir(ROOT)
        families = {m.group(1) for run in per_run for m in map(STRING_FAMILY.match, run) if m}
        every = subprocess.run(["nm", PREFLIGHT], capture_output=True, text=True,
                               check=True).stdout.split("\n")
        variants = sorted({line.split()[-1] for line in every if line.strip()
                           and (m := STRING_VARIANT.match(line.split()[-1]))
                           and m.group(1) in families})
        # In the order met, the string functions after the first run's.
        names = list(dict.fromkeys(per_run[0] + variants + sum(per_run[1:], [])))
        with open(OUT, "w") as f:
            f.write("\n".join(names) + "\n")
        print("hot_symbols.py: %d names in %s" % (len(names), os.path.relpath(OUT, ROOT)))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
