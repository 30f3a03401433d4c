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
# YAML is read as YAML 1.2 reads it (as editors' yaml-language-server does):
# only true/false are booleans, and dates stay strings.
cat >"$TEST_ROOT/validate.py" <<'PY'
import json, re, sys
import jsonschema, yaml

class Loader(yaml.SafeLoader):
    pass
Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))

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
  'extends item that is a map of another key|extends: [default, {a: b}]\n|a map with one key, path: FILE'
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

finish
