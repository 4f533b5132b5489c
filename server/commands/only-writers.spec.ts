// Commands are the only code that writes domain tables (issue 15, point 1). This reads the server's
// sources and names every write of a domain table outside server/commands — a router, service or job
// that writes past the commands fails here, whatever else its tests say.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Tables that hold the portal's domain: families, requests, Kitas, accounts and their history. */
const DOMAIN_TABLES = [
	'municipalities',
	'kita_years',
	'facilities',
	'capacities',
	'users',
	'user_facilities',
	'families',
	'guardians',
	'children',
	'registrations',
	'requests',
	'request_events',
	'childminder_requests',
	'duplicate_candidates',
	'queue_moves',
	'number_counters',
	'allocation_closures',
	'carry_over_runs',
	'feedback',
	'retention_runs',
	'offer_rounds',
	'round_proposals'
] as const;

/**
 * Code that may write them besides commands, and why: migrations and the database layer; the demo
 * seed (it builds a whole district before the app starts); restore (it replaces the database file);
 * session validation, which stamps an account's last use (bookkeeping for retention, on every
 * request, no change of the account); and the TOTP key sealing at start, before any command runs.
 * (sync_deletions, sync_clients and sync_rejections are the sync protocol's own records, written by
 * server/sync inside the commands' transactions; rate limits, sessions and mails are infrastructure.)
 */
const OTHER_WRITERS = [
	'server/commands/',
	'server/db/',
	'server/demo/',
	'server/cli/restore.ts',
	'server/auth/session.ts',
	'server/auth/totp-key.ts'
];

const root = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sources(path);
		return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
	});
}

const tables = DOMAIN_TABLES.join('|');
const builderWrite = new RegExp(
	`\\.(insertInto|updateTable|deleteFrom|replaceInto)\\(\\s*'(${tables})'`,
	'g'
);
const rawWrite = new RegExp(
	`\\b(insert\\s+(?:or\\s+\\w+\\s+)?into|update|delete\\s+from)\\s+"?(${tables})\\b`,
	'gi'
);

export function domainWrites(): string[] {
	const found: string[] = [];
	for (const file of sources(join(root, 'server'))) {
		const path = relative(root, file);
		if (OTHER_WRITERS.some((allowed) => path.startsWith(allowed))) continue;
		const text = readFileSync(file, 'utf8');
		for (const pattern of [builderWrite, rawWrite])
			for (const match of text.matchAll(pattern)) {
				const line = text.slice(0, match.index).split('\n').length;
				found.push(`${path}:${line} ${match[2]}`);
			}
	}
	return found;
}

describe('only commands write domain tables', () => {
	it('finds a write it is shown', () => {
		expect("await tx.updateTable('requests').set({})").toMatch(builderWrite);
		expect('DELETE FROM requests WHERE id = ?').toMatch(rawWrite);
	});

	it('no code outside server/commands writes a domain table', () => {
		expect(domainWrites()).toEqual([]);
	});
});
