# Every test that README.md and docs/*.md name exists: each tests/integration
# t-NAME.sh, and each scenario quoted right after it ("...", a trailing ...
# allowed; wrapped lines and $variables in scenario names allowed).
import glob, os, re, sys

root = sys.argv[1]
norm = lambda s: " ".join(s.split())
scenarios = {}
for path in glob.glob(os.path.join(root, "tests/integration/t-*.sh")):
    text = open(path).read()
    names = re.findall(r'^\s*scenario\s+"((?:[^"\\]|\\.)*)"', text, re.M)
    scenarios[os.path.basename(path)] = [norm(n.replace('\\"', '"').replace("\\`", "`")) for n in names]

def known(name, names):
    for s in names:
        if name in s:
            return True
        parts = re.split(r"\$\{?[A-Za-z_][A-Za-z_0-9]*\}?", s)
        if len(parts) > 1 and re.search(".+?".join(map(re.escape, parts)), name):
            return True
    return False

missing = checked = 0
docs = [os.path.join(root, "README.md")] + sorted(glob.glob(os.path.join(root, "docs/*.md")))
for doc in docs:
    text = open(doc).read()
    for m in re.finditer(r"(?<![\w/-])(t-[a-z0-9-]+\.sh)", text):
        name = m.group(1)
        checked += 1
        if name not in scenarios:
            missing += 1
            print(f"{os.path.relpath(doc, root)}: no tests/integration/{name}")
    for m in re.finditer(r'`?(t-[a-z0-9-]+\.sh)`?((?:\s*,\s*|\s*\(|\s*:\s*|\s+)(?:scenarios?\s+)?)((?:["“][^"”]{3,}["”](?:\s*(?:,|and|;)\s*)?)+)', text):
        if m.group(1) not in scenarios:
            continue
        for quoted in re.findall(r'["“]([^"”]{3,})["”]', m.group(3)):
            name = norm(quoted.replace("\\`", "`"))
            for suffix in (": ...", "...", "…"):
                name = name[: -len(suffix)] if name.endswith(suffix) else name
            name = name.strip()
            checked += 1
            if not known(name, scenarios[m.group(1)]):
                missing += 1
                print(f'{os.path.relpath(doc, root)}: {m.group(1)} has no scenario "{name}"')
print(f"{checked} test references checked, {missing} missing")
sys.exit(1 if missing else 0)
