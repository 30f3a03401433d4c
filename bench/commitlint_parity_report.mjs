// Summary for bench/commitlint_parity.sh: reads the JSON lines that
// commitlint_parity.mjs wrote for each repository and prints, in Markdown,
// agreement per repository and mode (verdicts, error rule names, warning rule
// names), then every disagreement grouped by class (mode, rule, which side
// reports it) with a count and an example commit.
//
//   node commitlint_parity_report.mjs NAME=RESULTS.jsonl...
import fs from "node:fs";

const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
const pct = (n, total) => `${((100 * n) / total).toFixed(2)}% (${n}/${total})`;

const rows = [];
const classes = new Map();
const totals = new Map();
function note(key, repo, r) {
  const c = classes.get(key) ?? { count: 0, repo, hash: r.hash, subject: r.subject };
  c.count += 1;
  classes.set(key, c);
}

for (const arg of process.argv.slice(2)) {
  const [name, file] = arg.split("=");
  const stats = new Map();
  for (const line of fs.readFileSync(file, "utf-8").split("\n")) {
    if (!line) continue;
    const r = JSON.parse(line);
    const s = stats.get(r.mode) ?? { n: 0, verdict: 0, errors: 0, warnings: 0 };
    s.n += 1;
    const { theirs, ours } = r;
    if ((theirs.e.length === 0) === (ours.e.length === 0)) s.verdict += 1;
    if (same(theirs.e, ours.e)) s.errors += 1;
    if (same(theirs.w, ours.w)) s.warnings += 1;
    for (const [kind, a, b] of [["error", theirs.e, ours.e], ["warning", theirs.w, ours.w]]) {
      for (const rule of new Set([...a, ...b])) {
        const inA = a.includes(rule), inB = b.includes(rule);
        if (inA && !inB) note(`${r.mode} | ${kind} ${rule} | commitlint only`, name, r);
        if (inB && !inA) note(`${r.mode} | ${kind} ${rule} | preflight only`, name, r);
      }
    }
    stats.set(r.mode, s);
  }
  for (const [mode, s] of stats) {
    rows.push(`| ${name} | ${s.n} | ${mode} | ${pct(s.verdict, s.n)} | ${pct(s.errors, s.n)} | ${pct(s.warnings, s.n)} |`);
    const t = totals.get(mode) ?? { n: 0, verdict: 0, errors: 0, warnings: 0 };
    for (const k of Object.keys(t)) t[k] += s[k];
    totals.set(mode, t);
  }
}
for (const [mode, t] of totals)
  rows.push(`| **all** | ${t.n} | ${mode} | ${pct(t.verdict, t.n)} | ${pct(t.errors, t.n)} | ${pct(t.warnings, t.n)} |`);

console.log("| repository | messages | mode | verdicts | error rules | warning rules |");
console.log("|---|---:|---|---:|---:|---:|");
for (const row of rows) console.log(row);
console.log("");
if (classes.size === 0) {
  console.log("No disagreement.");
} else {
  console.log("| mode | rule | reported by | messages | example |");
  console.log("|---|---|---|---:|---|");
  for (const [key, c] of [...classes].sort((a, b) => b[1].count - a[1].count)) {
    const subject = JSON.stringify(c.subject).replaceAll("|", "\\|");
    console.log(`| ${key} | ${c.count} | ${c.repo} ${c.hash.slice(0, 12)} ${subject} |`);
  }
}
