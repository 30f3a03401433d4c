// Driver for bench/commitlint_parity.sh: lints every message of one history
// with commitlint's own modules, loaded once, the way its CLI does, and runs
// `preflight check-msg` on the same messages; prints one JSON line per commit
// with both sides' error and warning rule names.
//
//   node commitlint_parity.mjs PREFIX GITDIR LOG WORK PREFLIGHT
//
// PREFIX: npm prefix with @commitlint/cli and @commitlint/config-conventional.
// LOG: `git log -z --format=%H%n%B HEAD` of GITDIR. WORK: a git work tree
// whose .preflight.yaml extends `conventional` (commitlint --edit reads
// core.commentChar there; preflight reads its rules there).
//
// Two modes, both as commitlint 20.5.3's CLI drives @commitlint/lint:
//  - edit: `commitlint --edit FILE`, FILE holding the stored message as git
//    hands it to the commit-msg hook. The CLI reads the file, appends "\n",
//    drops blank input, and sets parserOpts.commentChar from core.commentChar
//    ("#"). preflight: `check-msg FILE`.
//  - range: `commitlint --to HEAD` (no --from: the whole history). The CLI reads
//    the messages with @commitlint/read (git log --format=%B%n<scissors>: each
//    stored message plus "\n") and sets no commentChar. preflight:
//    `check-msg --to-ref HEAD`, one run.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const [prefix, gitdir, logFile, work, preflight] = process.argv.slice(2);
const modes = (process.env.PARITY_MODES || "edit range").split(/\s+/);
const require = createRequire(path.join(prefix, "node_modules", "x.js"));
const imp = async (name) => import(pathToFileURL(require.resolve(name)).href);
const lint = (await imp("@commitlint/lint")).default;
const load = (await imp("@commitlint/load")).default;
const read = (await imp("@commitlint/read")).default;

const loaded = await load(
  { extends: [require.resolve("@commitlint/config-conventional")] },
  { cwd: work },
);
// What cli.js builds from the loaded config.
const base = {
  parserOpts: loaded.parserPreset?.parserOpts ?? {},
  plugins: loaded.plugins ?? {},
  ignores: loaded.ignores ?? [],
  defaultIgnores: loaded.defaultIgnores !== false,
};

const names = (list) => list.map((p) => p.name).sort();
async function commitlint(message, commentChar) {
  if (message.trim() === "") return { e: [], w: [] }; // the CLI drops blank input
  const opts = { ...base, parserOpts: { ...base.parserOpts } };
  if (commentChar) opts.parserOpts.commentChar = commentChar;
  const r = await lint(message, loaded.rules, opts);
  return { e: names(r.errors), w: names(r.warnings) };
}

function preflightFindings(json) {
  const doc = JSON.parse(json);
  const e = [], w = [];
  for (const f of doc.findings) (f.severity === "error" ? e : w).push(f.check);
  return { e, w };
}

function run(args) {
  return new Promise((resolve) => {
    const child = spawn(preflight, args, { cwd: work, stdio: ["ignore", "pipe", "pipe"] });
    const out = [];
    const err = [];
    child.stdout.on("data", (d) => out.push(d));
    child.stderr.on("data", (d) => err.push(d));
    child.on("close", (code) =>
      resolve({ code, out: Buffer.concat(out).toString(), err: Buffer.concat(err).toString() }),
    );
  });
}

// The messages, as bytes and as the text Node decodes from them.
const raw = fs.readFileSync(logFile);
const commits = [];
for (let start = 0; start < raw.length; ) {
  let end = raw.indexOf(0, start);
  if (end < 0) end = raw.length;
  const entry = raw.subarray(start, end);
  const nl = entry.indexOf(10);
  commits.push({ hash: entry.subarray(0, nl).toString(), bytes: entry.subarray(nl + 1) });
  start = end + 1;
}
const msgDir = fs.mkdtempSync(path.join(work, "..", "messages-"));
fs.mkdirSync(msgDir, { recursive: true });

// edit mode: commitlint in-process; preflight once per message file, two at a time.
// PARITY_MODES (default "edit range") picks the modes to run.
const edit = new Map();
let next = 0;
async function worker() {
  while (next < commits.length) {
    const c = commits[next++];
    const file = path.join(msgDir, c.hash);
    fs.writeFileSync(file, c.bytes);
    const ours = await run(["--format", "json", "check-msg", file]);
    if (ours.code !== 0 && ours.code !== 1) throw new Error(`preflight check-msg ${file}: ${ours.err}`);
    fs.rmSync(file);
    edit.set(c.hash, {
      theirs: await commitlint(`${c.bytes.toString("utf-8")}\n`, "#"),
      ours: preflightFindings(ours.out),
    });
  }
}
if (modes.includes("edit")) await Promise.all([worker(), worker()]);

// range mode: commitlint's reader over the whole history, paired with the hashes
// of the same `git log` walk; preflight in one run.
const range = new Map();
async function rangeMode() {
  const stored = await read({ to: "HEAD", cwd: gitdir });
  if (stored.length !== commits.length)
    throw new Error(`read() gave ${stored.length} messages for ${commits.length} commits`);
  for (let i = 0; i < commits.length; ++i)
    range.set(commits[i].hash, { theirs: await commitlint(stored[i], null), ours: { e: [], w: [] } });
  const all = await run(["--format", "json", "check-msg", "--to-ref", "HEAD"]);
  if (all.code !== 0 && all.code !== 1) throw new Error(`preflight check-msg --to-ref: ${all.err}`);
  const byShort = new Map();
  for (const c of commits) {
    const short = c.hash.slice(0, 12);
    byShort.set(short, [...(byShort.get(short) ?? []), c.hash]);
  }
  for (const f of JSON.parse(all.out).findings) {
    const hit = byShort.get(/^commit ([0-9a-f]{12})/.exec(f.message)?.[1]) ?? [];
    if (hit.length !== 1) throw new Error(`cannot place finding: ${f.message}`);
    const side = range.get(hit[0]).ours;
    (f.severity === "error" ? side.e : side.w).push(f.check);
  }
}
if (modes.includes("range")) await rangeMode();

for (const c of commits) {
  const subject = c.bytes.toString("utf-8").split("\n")[0].slice(0, 72);
  for (const [mode, table] of [["edit", edit], ["range", range]]) {
    if (!table.has(c.hash)) continue;
    const { theirs, ours } = table.get(c.hash);
    ours.e.sort();
    ours.w.sort();
    process.stdout.write(`${JSON.stringify({ hash: c.hash, mode, subject, theirs, ours })}\n`);
  }
}
