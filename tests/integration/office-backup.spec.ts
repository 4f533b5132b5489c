import { sqliteOf } from '../../server/db/database';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/lib/sync/protocol';
import { createApp } from '../../server/app';
import {
	backupNow,
	checkBackupFile,
	restoreBackup,
	rotateBackups,
	BackupError
} from '../../server/jobs/backup';
import { createUserWithSession } from './fixtures';
import { onPostgres } from './postgres-databases';
import { createTestApp, type TestApp } from './harness';

describe.skipIf(onPostgres)('online backups', () => {
	let t: TestApp;
	let dir: string;
	beforeEach(async () => {
		t = await createTestApp();
		dir = mkdtempSync(join(tmpdir(), 'kita-backup-'));
	});
	afterEach(async () => {
		await t.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('keeps every write acknowledged before the backup, while writes go on, and restores into a fresh server', async () => {
		const parent = await createUserWithSession(t.app.database.db, t.clock.now(), 'parent');
		const caller = t.caller({ session: parent });
		const clientId = crypto.randomUUID();
		const acked: string[] = [];
		let next = 1;
		let stop = false;
		// A client writing one child after another, each acknowledged by push before the next.
		const writer = (async () => {
			while (!stop) {
				const id = crypto.randomUUID();
				const result = await caller.sync.push({
					clientId,
					userId: parent.userId,
					schemaVersion: SCHEMA_VERSION,
					mutations: [
						{
							id: next,
							name: 'saveChild',
							args: { id, firstName: `Kind${next}`, lastName: 'Muster', birthDate: '2024-01-01' },
							createdAt: ''
						}
					]
				});
				if (result.kind !== 'ok' || result.lastMutationId !== next) throw new Error('push failed');
				next++;
				acked.push(id);
				// Requests arrive as separate events; without this the loop would starve the timers.
				await new Promise((resolve) => setImmediate(resolve));
			}
		})();
		while (acked.length < 25) await new Promise((r) => setTimeout(r, 5));
		const before = [...acked];
		const file = await backupNow(sqliteOf(t.app.database), dir, t.clock.now(), 3, undefined, 4);
		const during = acked.length - before.length;
		stop = true;
		await writer;
		expect(during, 'writes went on while the backup ran').toBeGreaterThan(0);
		expect(readdirSync(dir)).toEqual([file.slice(dir.length + 1)]);

		const restoredDir = mkdtempSync(join(tmpdir(), 'kita-restored-'));
		try {
			const path = join(restoredDir, 'kita.db');
			expect(restoreBackup(file, path, new Date())).toBeNull();
			const restored = await createApp({ ...t.config, databasePath: path }, t.clock.now);
			try {
				const rows = await restored.database.db.selectFrom('children').select('id').execute();
				const present = new Set(rows.map((r) => r.id));
				expect(before.filter((id) => !present.has(id))).toEqual([]);
				// Nothing is half there: the client's last mutation id matches the children it wrote.
				const client = await restored.database.db
					.selectFrom('sync_clients')
					.select('last_mutation_id')
					.executeTakeFirstOrThrow();
				expect(client.last_mutation_id).toBe(rows.length);
				expect(sqliteOf(restored.database).pragma('integrity_check', { simple: true })).toBe('ok');
			} finally {
				restored.stopJobs();
				await restored.database.close();
			}
		} finally {
			rmSync(restoredDir, { recursive: true, force: true });
		}
	});

	it('keeps the newest BACKUP_KEEP files, refuses to restore anything but a portal database, and keeps the replaced one', async () => {
		for (const at of ['2026-11-25T01:00:00Z', '2026-11-26T01:00:00Z', '2026-11-27T01:00:00Z'])
			await backupNow(sqliteOf(t.app.database), dir, new Date(at), 2, t.app.database.db);
		expect(readdirSync(dir).sort()).toEqual(['kita-20261126T010000Z.db', 'kita-20261127T010000Z.db']);
		expect(rotateBackups(dir, 1)).toEqual(['kita-20261126T010000Z.db']);
		const audit = await t.app.database.db
			.selectFrom('audit_events')
			.select('target_id')
			.where('action', '=', 'backup.run')
			.execute();
		expect(audit).toHaveLength(3);

		const junk = join(dir, 'junk.db');
		const { writeFileSync } = await import('node:fs');
		writeFileSync(junk, 'not a database');
		expect(() => checkBackupFile(junk)).toThrow(BackupError);
		const target = join(dir, 'live', 'kita.db');
		expect(() => restoreBackup(junk, target, new Date())).toThrow(BackupError);
		expect(existsSync(target)).toBe(false);

		const backup = join(dir, 'kita-20261127T010000Z.db');
		restoreBackup(backup, target, new Date('2026-11-28T00:00:00Z'));
		const kept = restoreBackup(backup, target, new Date('2026-11-28T01:00:00Z'));
		expect(kept).toBe(`${target}.before-restore-20261128T010000Z`);
		expect(existsSync(kept as string)).toBe(true);
	});
});
