#!/usr/bin/env bash
# preflight schema: the JSON Schema of the rules files, generated from the key
# table, checked with a real validator (Debian's python3-jsonschema) against
# every shipped rules file and template, and against files the loader refuses.
source "$(dirname "$0")/lib.sh"

if ! python3 -c 'import jsonschema, yaml' 2>/dev/null; then
  fail "python3-jsonschema or python3-yaml is missing (./install.sh --deps-only --test-deps)"
  finish
fi

# validate SCHEMA FILE...: one line per file, "ok FILE" or "refused FILE: why".
# YAML is read as YAML 1.2's core schema reads it (as editors'
# yaml-language-server does), not as PyYAML's YAML 1.1: only true/false are
# booleans, 0o17 and 0x10 are integers, 1_000 and 017 are not, dates stay strings.
cat >"$TEST_ROOT/validate.py" <<'PY'
import json, re, sys
import jsonschema, yaml

class Loader(yaml.SafeLoader):
    pass
Loader.yaml_implicit_resolvers = {}
def resolver(tag, pattern, first):
    Loader.add_implicit_resolver(tag, re.compile(pattern), list(first))
resolver("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""])
resolver("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
resolver("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789")
resolver("tag:yaml.org,2002:float",
         r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
         "-+0123456789.")
def construct_int(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)
def construct_float(loader, node):
    text = loader.construct_scalar(node).lower()
    return float(text.replace(".inf", "inf").replace(".nan", "nan"))
Loader.add_constructor("tag:yaml.org,2002:int", construct_int)
Loader.add_constructor("tag:yaml.org,2002:float", construct_float)

schema = json.load(open(sys.argv[1]))
jsonschema.Draft7Validator.check_schema(schema)
validator = jsonschema.Draft7Validator(schema)
for name in sys.argv[2:]:
    data = yaml.load(open(name), Loader=Loader)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path)
        print("refused %s: %s: %s" % (name, where, errors[0].message[:200]))
    else:
        print("ok %s" % name)
PY
validate() { python3 "$TEST_ROOT/validate.py" "$@"; }

scenario "preflight schema prints the installed schema, a valid draft-07 schema"
run "$PREFLIGHT" schema
expect_rc 0 "preflight schema"
printf '%s\n' "$OUT" >schema.json
cmp -s schema.json "$PREFLIGHT_BUILD_DIR/share/preflight/preflight.schema.json" && pass ||
  fail "preflight schema differs from share/preflight/preflight.schema.json"
run python3 -c 'import json,sys,jsonschema; jsonschema.Draft7Validator.check_schema(json.load(open("schema.json")))'
expect_rc 0 "a valid draft-07 schema: $ERR"
# Every key of the table is in it.
keys=$("$PREFLIGHT" config --keys | sed -n 's/^| `\([^`]*\)`.*/\1/p')
run python3 - "$keys" <<'PY'
import json, sys
schema = json.load(open("schema.json"))
missing = []
for key in sys.argv[1].split():
    node = schema
    for part in key.split("."):
        if part.endswith("[]"):
            node = node["properties"][part[:-2]]["items"]
        elif "properties" in node and part in node["properties"]:
            node = node["properties"][part]
        else:
            # a named map's entries (commit_msg.rules.<name>) are validated by the loader
            node = None
            break
    if node is None and not any(key.startswith(p) for p in ("commit_msg.rules.",)):
        missing.append(key)
print(" ".join(missing))
PY
expect_eq "$OUT" "" "every key of preflight config --keys is in the schema"

scenario "every shipped rules file and template is valid"
files=("$PREFLIGHT_SOURCE_DIR"/rules/*.yaml "$PREFLIGHT_SOURCE_DIR"/templates/*.yaml)
[ "${#files[@]}" -ge 6 ] && pass || fail "too few shipped files: ${files[*]}"
"$PREFLIGHT" schema >schema.json
run validate schema.json "${files[@]}"
expect_rc 0 "the validator ran: $ERR"
for file in "${files[@]}"; do
  expect_in "$OUT" "ok $file" "$(basename "$(dirname "$file")")/$(basename "$file") is valid"
done

scenario "what the loader refuses for a type or an unknown key, the schema refuses"
new_repo repo
"$PREFLIGHT" schema >../schema.json
cases=(
  'unknown top-level key|pre_comit:\n  enabled: true\n|unknown key "pre_comit"'
  'unknown key in a section|notebooks:\n  keep_outputs: true\n|unknown key "keep_outputs"'
  'unknown key in a command|pre_commit:\n  commands:\n    - name: x\n      run: [true]\n      glb: "*.py"\n|unknown key "glb"'
  'map for a boolean|pre_commit:\n  enabled: {a: 1}\n|must be true or false'
  'word for a boolean|pre_commit:\n  enabled: maybe\n|must be true or false'
  'word for a size|checks:\n  large_files:\n    max_size: huge\n|must be a size in bytes'
  'unit for a size|checks:\n  large_files:\n    max_size: 5 parsecs\n|must be a size in bytes'
  'word for an integer|backups:\n  keep_per_branch: ten\n|must be a whole number'
  'value outside a choice|commit_msg:\n  parser: strict\n|must be one of'
  'map for a list of strings|checks:\n  checkpoints:\n    patterns: {a: b}\n|must be a list of strings'
  'map inside a list of strings|checks:\n  checkpoints:\n    patterns: ["*.pt", {a: b}]\n|must be a string'
  'extends item that is a map of another key|extends: [default, {a: b}]\n|a map: path: FILE, with repo: URL and rev: TAG'
  'scalar for a list of maps|pre_commit:\n  commands: ruff\n|must be a list'
  'scalar for a section|notebooks: yes\n|must be a map of keys'
  'list for a string|pre_commit:\n  commands:\n    - name: [a, b]\n      run: [true]\n|must be a string'
  'not a map at all|- a\n- b\n|must be a map of keys'
  'unknown commit-msg rule|commit_msg:\n  rules:\n    subject-cas: [error, always]\n|unknown name "subject-cas"'
)
for entry in "${cases[@]}"; do
  IFS='|' read -r name text reason <<<"$entry"
  for file in .preflight.yaml .preflight.local.yaml; do
    rm -f .preflight.yaml .preflight.local.yaml
    printf -- "$text" >"$file"
    run "$PREFLIGHT" config
    expect_rc 2 "$name ($file): the loader refuses it"
    expect_in "$ERR" "$reason" "$name ($file): the loader's reason"
    run validate ../schema.json "$file"
    expect_in "$OUT" "refused $file" "$name ($file): the schema refuses it"
  done
done

scenario "what the loader accepts in other spellings, the schema accepts"
new_repo repo
"$PREFLIGHT" schema >../schema.json
printf '%s\n' 'extends: default' 'pre_commit:' '  enabled: yes' '  commands:' \
  '    - name: lint' '      run: ruff check' '      timeout: 30' '      env: {A: "1"}' \
  'checks:' '  large_files:' '    enabled: on' '    max_size: 5 MiB' \
  '  checkpoints:' '    patterns: "*.pt"' 'backups:' '  published: off' \
  '  keep_per_branch: "3"' 'notebooks:' >.preflight.yaml
run "$PREFLIGHT" config
expect_rc 0 "the loader accepts it: $ERR"
run validate ../schema.json .preflight.yaml
expect_eq "$OUT" "ok .preflight.yaml" "the schema accepts it too"

scenario "the loader and the schema agree on each value, in both directions"
# One key of each type, and values an editor's YAML 1.2 reader types
# differently from their text: each row is the verdict both must give.
new_repo repo
"$PREFLIGHT" schema >../schema.json
B='pre_commit:\n  enabled:'
I='backups:\n  keep_per_branch:'
Z='checks:\n  large_files:\n    max_size:'
T='commit_msg:\n  comment_char:'
L='checks:\n  checkpoints:\n    patterns:'
C='commit_msg:\n  parser:'
N='notebooks:'
P='pre_commit:\n  commands:\n    - name: x\n      run: [a]\n     '
R='commit_msg:\n  rules:\n    header-max-length:'
E='commit_msg:\n  rules:\n    type-enum:'
H='commit_msg:\n  rules:\n    header-trim:'
S='commit_msg:\n  rules:\n    subject-case:'
rows=(
  "accept|$B|true" "accept|$B|yes" "accept|$B|off" "accept|$B|\"yes\"" "accept|$B|False"
  "refuse|$B|1" "refuse|$B|~" "refuse|$B|\"\"" "refuse|$B|tRuE" "refuse|$B|[true]"
  "accept|$I|3" "accept|$I|\"3\"" "accept|$I|-3" "accept|$I|007"
  "accept|$I|+3" "accept|$I|0x10" "accept|$I|0o17" "accept|$I|1.0" "accept|$I|1e3" "accept|$I|7."
  "accept|$I|9223372036854775807" "accept|$I|-9223372036854775808" "accept|$I|\"999999999999999999\""
  "refuse|$I|9223372036854775808" "refuse|$I|-9223372036854775809" "refuse|$I|99999999999999999999"
  "refuse|$I|\"9223372036854775807\"" "refuse|$I|3.5" "refuse|$I|.inf" "refuse|$I|1_000"
  "refuse|$I|\"+3\"" "refuse|$I|\"0x10\"" "refuse|$I|\"3.0\"" "refuse|$I|\" 3\"" "refuse|$I|30s"
  "refuse|$I|~" "refuse|$I|true" "refuse|$I|[1]"
  "accept|$Z|5" "accept|$Z|\"5\"" "accept|$Z|5 MiB" "accept|$Z|10mb" "accept|$Z|5k" "accept|$Z|\"5 B\""
  "accept|$Z|0x10" "accept|$Z|+5" "accept|$Z|5.0" "accept|$Z|1.5e7" "accept|$Z|-0"
  "accept|$Z|18446744073709551615" "accept|$Z|\"9999999999999999999\"" "accept|$Z|9999999T"
  "refuse|$Z|18446744073709551616" "refuse|$Z|\"99999999999999999999\"" "refuse|$Z|99999999999T"
  "refuse|$Z|1.5MB" "refuse|$Z|1.5e6x" "refuse|$Z|-5" "refuse|$Z|\"-5\"" "refuse|$Z|\"+5\""
  "refuse|$Z|5 parsecs" "refuse|$Z|~" "refuse|$Z|\"\"" "refuse|$Z|10 MBs"
  "accept|$T|abc" "accept|$T|\"123\"" "accept|$T|123" "accept|$T|yes" "accept|$T|\"\"" "accept|$T|2024-01-01"
  "refuse|$T|~" "refuse|$T|null" "refuse|$T|[a]" "refuse|$T|{a: b}"
  "accept|$L|\"*.pt\"" "accept|$L|[\"*.pt\", 1]" "accept|$L|[]" "refuse|$L|~" "refuse|$L|[~]" "refuse|$L|[[a]]"
  "accept|$C|spec" "accept|$C|\"spec\"" "refuse|$C|Spec" "refuse|$C|1" "refuse|$C|~"
  "accept|$N|~" "accept|$N|{}" "refuse|$N|[]" "refuse|$N|yes"
  "accept|$P|timeout: \"30\"" "accept|$P|timeout: 30.0" "refuse|$P|timeout: \"30.0\""
  "accept|$P|env: {A: 1}" "accept|$P|env: {A: \"1\"}" "accept|$P|env: ~"
  "refuse|$P|env: {A: ~}" "refuse|$P|env: {A: [1]}" "refuse|$P|env: []"
  "accept|$R|[2, always, 72]" "accept|$R|[\"2\", always, \"72\"]" "accept|$R|[error, always, 72]"
  "accept|$R|[2, always, 72.0]" "accept|$R|[2, always, 0x48]" "accept|$R|[2.0, always, 72]"
  "accept|$R|[0]" "accept|$R|off" "accept|$R|false" "accept|$R|False" "accept|$R|no" "accept|$R|0x2"
  "accept|$R|{level: 2, value: 72}" "accept|$R|[2, always, \"-0\"]"
  "refuse|$R|~" "refuse|$R|[]" "refuse|$R|[3]" "refuse|$R|[true]" "refuse|$R|\"False\""
  "refuse|$R|[2, sometimes]" "refuse|$R|[2, always, -1]" "refuse|$R|[2, always, 72, 1]"
  "refuse|$R|[2, always, 72.5]" "refuse|$R|{when: always}" "refuse|$R|{level: 2, x: 1}"
  "accept|$E|[2, always, [feat, fix]]" "accept|$E|[2, always, []]" "accept|$E|[2, always, feat]"
  "refuse|$E|[2, always, ~]" "refuse|$E|[2, always, [[feat]]]"
  "accept|$H|[2, always, ~]" "accept|$H|[2, always]" "refuse|$H|[2, always, x]"
  "accept|$S|[2, never, [upper-case]]" "accept|$S|[2, never, upper-case]"
  "accept|$S|[2, never, []]" "refuse|$S|[2, never, upper-cas]" "refuse|$S|[2, never, [1]]"
)
mkdir -p ../rows
n=0
for row in "${rows[@]}"; do
  IFS='|' read -r verdict key value <<<"$row"
  n=$((n + 1))
  printf '%b %s\n' "$key" "$value" >.preflight.yaml
  cp .preflight.yaml "../rows/$n.yaml"
  if "$PREFLIGHT" config >/dev/null 2>&1; then loader=accept; else loader=refuse; fi
  expect_eq "$loader" "$verdict" "the loader: $(printf '%b' "$key" | tr -s ' \n' ' ') $value"
done
# The schema's verdicts, in one validator run.
schema=$(validate ../schema.json $(seq -f '../rows/%g.yaml' 1 "$n"))
n=0
for row in "${rows[@]}"; do
  IFS='|' read -r verdict key value <<<"$row"
  n=$((n + 1))
  got=$(grep -F " ../rows/$n.yaml" <<<"$schema" | cut -d' ' -f1)
  [ "$got" = ok ] && got=accept || got=refuse
  expect_eq "$got" "$verdict" "the schema: $(printf '%b' "$key" | tr -s ' \n' ' ') $value"
done

scenario "numbers the loader reads as YAML 1.2 does are used with that value"
new_repo repo
install_hooks
printf 'commit_msg:\n  rules:\n    header-max-length: [2.0, always, 0x10]\nchecks:\n  large_files:\n    max_size: 0x100\n' >.preflight.yaml
git add .preflight.yaml
run git commit -q -m "feat: a header over sixteen"
expect_rc 1 "a 27-character header"
expect_in "$ERR" "header must not be longer than 16 characters" "0x10 is 16, 2.0 is the error level"
head -c 300 /dev/zero >blob.bin && git add blob.bin
run git commit -q -m "feat: x"
expect_rc 1 "a 300-byte file"
expect_in "$ERR" "blob.bin: 300 bytes, the limit is 256 bytes" "0x100 is 256 bytes"

finish
