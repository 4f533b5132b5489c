const { openApp, createAccount } = await import('/work/main/tests/bench/fixtures');
const { guardianArgs } = await import('/work/main/tests/bench/mutations');
const { push } = await import('/work/main/server/sync/push');
const { createCaller } = await import('/work/main/server/trpc/router');
const { SCHEMA_VERSION } = await import('/work/main/src/lib/sync/protocol');
const fs = await import('node:fs');
fs.rmSync('/tmp/pp/db3', { recursive: true, force: true }); fs.mkdirSync('/tmp/pp/db3');

const app = await openApp('/tmp/pp/db3/kita.db');
const accounts = [];
for (let i = 0; i < 50; i++) accounts.push({ a: await createAccount(app.database.db, app.now(), 'parent'), c: crypto.randomUUID(), g: crypto.randomUUID(), n: 0 });
const input = (x: any, i: number) => { x.n++; return { clientId: x.c, userId: x.a.session.userId, schemaVersion: SCHEMA_VERSION, mutations: [{ id: x.n, name: 'saveGuardian', args: guardianArgs(x.g, '02922 ' + i), createdAt: new Date().toISOString() }] } as any; };
for (const mode of ['direct', 'direct', 'direct', 'direct']) {
  const N = 3000; const t = performance.now(); const c0 = process.cpuUsage();
  for (let i = 0; i < N; i++) {
    const x = accounts[i % 50];
    if (mode === 'direct') await push(app, x.a.session, input(x, i));
    else await createCaller({ app, sameOrigin: true, addressedToUs: true, ip: '', forwarded: false, session: x.a.session, cookies: null as any, responseHeaders: new Headers() }).sync.push(input(x, i));
  }
  const c = process.cpuUsage(c0); console.log(mode, ((performance.now() - t) / N * 1000).toFixed(0), 'µs wall', ((c.user + c.system) / N).toFixed(0), 'µs cpu', (c.system / N).toFixed(0), 'sys');
}
