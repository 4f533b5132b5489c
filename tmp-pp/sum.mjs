import { readFileSync, readdirSync, statSync } from 'node:fs';
const dir = '/tmp/pp/prof';
const file = readdirSync(dir).map((f) => dir + '/' + f).sort((a, b) => statSync(b).size - statSync(a).size)[0];
const p = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map(); const total = new Map();
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const counts = new Map();
p.samples.forEach((id, i) => counts.set(id, (counts.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
const key = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`;
for (const [id, t] of counts) {
  const n = byId.get(id); self.set(key(n), (self.get(key(n)) ?? 0) + t);
  const seen = new Set(); let cur = id;
  while (cur !== undefined) { const k = key(byId.get(cur)); if (!seen.has(k)) { total.set(k, (total.get(k) ?? 0) + t); seen.add(k); } cur = parent.get(cur); }
}
const all = [...counts.values()].reduce((a, b) => a + b, 0);
const show = (m, title, n) => { console.log('## ' + title); for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log((v / all * 100).toFixed(1).padStart(5) + '%', k); };
show(self, 'self', 30);
show(total, 'total (inclusive)', 45);
