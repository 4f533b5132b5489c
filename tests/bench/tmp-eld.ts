import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, startServer } from './env';
import { refreshCookies, runLoad, type LoadKind } from './load';
import { seeded, SEEDED_DIR } from './seeded-load';
const { template, users } = await seeded();
const db = join(SEEDED_DIR, 'eld.db');
copyFileSync(template, db);
if (existsSync(`${template}.totp-key`)) copyFileSync(`${template}.totp-key`, `${db}.totp-key`);
rmSync('/tmp/exp/eld.log', { force: true });
const server = await startServer({ databasePath: db, port: await freePort(), nodeArgs: ['--import', '/tmp/exp/eld.mjs'], env: { ...(process.env.EXTRA ? JSON.parse(process.env.EXTRA) : {}) } });
const own = users.map((u) => ({ ...u }));
await refreshCookies(server.origin, server.origin, own);
for (const kind of (process.argv[2] ?? 'finder,pull').split(',') as LoadKind[]) {
  await runLoad({ url: server.origin, origin: server.origin, kind, connections: 10, durationSeconds: 1, users: own });
  for (let i = 0; i < 3; i++) {
    const r = await runLoad({ url: server.origin, origin: server.origin, kind, connections: 200, durationSeconds: 4, users: own });
    console.log(kind, Math.round(r.requestsPerSecond), 'p50', r.p50Ms, 'p99', r.p99Ms, 'errors', r.errors, new Date().toISOString());
  }
}
await server.stop();
