// Issue 15: retention is a list of policies (server/commands/retention/index.ts). Every policy in
// the list has a case that makes it act and one where it must not, run on its own — so a policy
// added without cases, or one that stops acting (or acts too early), fails here.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION } from '../../src/lib/domain/retention';
import { RETENTION_POLICIES, type RetentionResult } from '../../server/commands/retention';
import { DEFAULT_ACCOUNT_RETENTION } from '../../server/config';
import { runRetention } from '../../server/jobs/retention';
import { audit } from '../../server/services/audit';
import { recordDeletions } from '../../server/commands/deletions';
import { onSessionsEnded } from '../../server/auth/session-ended';
import { DAY, expectOk, officeWorld, type OfficeWorld } from './office-world';

const START = '2026-02-02T09:00:00Z';

type Setup = (w: OfficeWorld) => Promise<void>;

const db = (w: OfficeWorld) => w.t.app.database.db;
const later = (w: OfficeWorld, days: number) =>
	w.t.clock.set(new Date(Date.parse(START) + days * DAY).toISOString());

/** A request at Kita X for 2026/27 (ends 31 Jul 2027) with the parents' comment, in `status`. */
async function requestOf2026(w: OfficeWorld, status: 'registered' | 'withdrawn'): Promise<void> {
	const childId = await w.family(w.parent);
	const [id] = await w.register(w.parent, childId, [w.kitaX], '2026-08-01');
	if (!id) throw new Error('no request');
	await db(w).updateTable('requests').set({ status }).where('id', '=', id).execute();
}

/** A child-minding request starting in 2026/27 with the parents' comment, in `status`. */
async function childmindingOf2026(w: OfficeWorld, status: 'submitted' | 'closed', startDate = '2026-09-01') {
	const childId = await w.family(w.parent);
	const id = crypto.randomUUID();
	await expectOk(
		w.push(w.parent, 'submitChildminding', {
			id,
			childId,
			startDate,
			weeklyHours: 35,
			comment: 'Geschwister'
		})
	);
	await db(w).updateTable('childminder_requests').set({ status }).where('id', '=', id).execute();
}

async function parentAccount(w: OfficeWorld, confirmed: boolean): Promise<void> {
	const { session } = await w.parentOf(`konto-${crypto.randomUUID().slice(0, 8)}@example.org`);
	if (!confirmed)
		await db(w)
			.updateTable('users')
			.set({ email_confirmed_at: null })
			.where('id', '=', session.userId)
			.execute();
}

/** A closed offer round of 2026/27 in which Kita X changed its proposal with a written reason. */
async function roundOf2026(w: OfficeWorld): Promise<void> {
	const roundId = crypto.randomUUID();
	await db(w)
		.insertInto('offer_rounds')
		.values({
			id: roundId,
			kita_year_id: '2026-27',
			seed: 7,
			started_by: null,
			started_at: START,
			deadline: '2026-02-09',
			status: 'closed',
			closed_at: START
		})
		.execute();
	const change = { at: START, by: null, dropRequestId: 'r1', addRequestId: 'r2', reason: 'Mutter erkrankt' };
	await db(w)
		.insertInto('round_proposals')
		.values({
			id: crypto.randomUUID(),
			round_id: roundId,
			facility_id: w.kitaX,
			proposed_request_ids: '["r1"]',
			request_ids: '["r2"]',
			changes: JSON.stringify([change]),
			status: 'changedAndSent',
			sent_at: START,
			sent_by: null,
			seq: 1
		})
		.execute();
}

/** The world's parent logs in now: it is not idle. */
const parentUsed = (w: OfficeWorld) =>
	db(w)
		.updateTable('users')
		.set({ last_login_at: w.t.clock.now().toISOString() })
		.where('id', '=', w.parent.session.userId)
		.execute();

/** Per policy (by name): a world where it acts, and one where it must not. */
const CASES: Record<string, { acts: Setup; idle: Setup }> = {
	'requests-past-promise': {
		// Kept until the end of 2027/28 (31 Jul 2028).
		acts: async (w) => {
			await requestOf2026(w, 'registered');
			w.t.clock.set('2028-08-01T09:00:00Z');
		},
		idle: async (w) => {
			await requestOf2026(w, 'registered');
			w.t.clock.set('2028-07-31T09:00:00Z');
		}
	},
	'childminding-past-promise': {
		acts: async (w) => {
			await childmindingOf2026(w, 'submitted', '2027-07-31');
			w.t.clock.set('2028-08-01T09:00:00Z');
		},
		idle: async (w) => {
			await childmindingOf2026(w, 'submitted', '2027-07-31');
			w.t.clock.set('2028-07-31T09:00:00Z');
		}
	},
	'request-texts': {
		// 2026/27 ended 31 Jul 2027; 365 days later is 30 Jul 2028.
		acts: async (w) => {
			await requestOf2026(w, 'withdrawn');
			w.t.clock.set('2028-07-31T09:00:00Z');
		},
		idle: async (w) => {
			await requestOf2026(w, 'registered');
			w.t.clock.set('2028-07-31T09:00:00Z');
		}
	},
	'childminding-texts': {
		acts: async (w) => {
			await childmindingOf2026(w, 'closed');
			w.t.clock.set('2028-07-31T09:00:00Z');
		},
		idle: async (w) => {
			await childmindingOf2026(w, 'closed');
			w.t.clock.set('2028-07-30T09:00:00Z');
		}
	},
	'round-texts': {
		acts: async (w) => {
			await roundOf2026(w);
			w.t.clock.set('2028-07-31T09:00:00Z');
		},
		idle: async (w) => {
			await roundOf2026(w);
			w.t.clock.set('2028-07-30T09:00:00Z');
		}
	},
	'finished-families': {
		acts: async (w) => {
			await requestOf2026(w, 'withdrawn');
			w.t.clock.set('2028-07-31T09:00:00Z');
		},
		idle: async (w) => {
			await requestOf2026(w, 'withdrawn');
			w.t.clock.set('2028-07-31T09:00:00Z');
			await parentUsed(w);
		}
	},
	'idle-accounts': {
		acts: async (w) => {
			await parentAccount(w, true);
			later(w, DEFAULT_RETENTION.anonymiseAfterDays + 1);
		},
		idle: async (w) => {
			await parentAccount(w, true);
			later(w, DEFAULT_RETENTION.anonymiseAfterDays - 1);
		}
	},
	'unconfirmed-accounts': {
		acts: async (w) => {
			await parentAccount(w, false);
			later(w, DEFAULT_ACCOUNT_RETENTION.unconfirmedAccountDays + 1);
		},
		idle: async (w) => {
			await parentAccount(w, false);
			later(w, DEFAULT_ACCOUNT_RETENTION.unconfirmedAccountDays - 1);
		}
	},
	'unused-accounts': {
		acts: async (w) => {
			later(w, DEFAULT_ACCOUNT_RETENTION.unusedAccountDays + 1);
		},
		idle: async (w) => {
			later(w, DEFAULT_ACCOUNT_RETENTION.unusedAccountDays - 1);
		}
	},
	'audit-trail': {
		acts: async (w) => {
			await audit(
				db(w),
				{ action: 'logout', targetType: 'user', targetId: w.parent.session.userId },
				w.t.clock.now()
			);
			later(w, DEFAULT_RETENTION.auditDays + 1);
		},
		idle: async (w) => {
			await audit(
				db(w),
				{ action: 'logout', targetType: 'user', targetId: w.parent.session.userId },
				w.t.clock.now()
			);
			later(w, DEFAULT_RETENTION.auditDays - 1);
		}
	},
	'transient-records': {
		// The Kita's session ends 12 hours after login.
		acts: async (w) => {
			later(w, 1);
		},
		idle: async () => {}
	},
	'sync-deletions': {
		acts: async (w) => {
			await recordDeletions(
				db(w),
				[{ entity: 'requests', rowId: crypto.randomUUID(), facilityId: w.kitaX }],
				1,
				w.t.clock.now()
			);
			later(w, DEFAULT_RETENTION.transientDays + 1);
		},
		idle: async (w) => {
			await recordDeletions(
				db(w),
				[{ entity: 'requests', rowId: crypto.randomUUID(), facilityId: w.kitaX }],
				1,
				w.t.clock.now()
			);
			later(w, DEFAULT_RETENTION.transientDays - 1);
		}
	}
};

/** What a run changed (accounts only held back change nothing). */
function changed(result: RetentionResult): number {
	const { accountsHeld: _held, ...counts } = result;
	return Object.values(counts).reduce((a, b) => a + b, 0);
}

describe('retention policies', () => {
	let w: OfficeWorld;
	beforeEach(async () => {
		w = await officeWorld(START);
	});
	afterEach(async () => {
		await w.close();
	});

	const run = (policy: (typeof RETENTION_POLICIES)[number]) =>
		runRetention({ db: db(w), now: w.t.clock.now, periods: { ...DEFAULT_RETENTION } }, [policy]);

	it('every policy in the list has its cases, and names a period', () => {
		expect(RETENTION_POLICIES.map((p) => p.name)).toEqual(Object.keys(CASES));
		const periods = [...Object.keys(DEFAULT_RETENTION), ...Object.keys(DEFAULT_ACCOUNT_RETENTION), 'promise'];
		for (const policy of RETENTION_POLICIES) expect(periods).toContain(policy.period);
	});

	for (const policy of RETENTION_POLICIES) {
		const cases = CASES[policy.name];
		it(`${policy.name}: acts when due`, async () => {
			if (!cases) throw new Error(`no cases for ${policy.name}`);
			await cases.acts(w);
			const result = await run(policy);
			expect(changed(result)).toBeGreaterThan(0);
			// Recorded as a run (counts only).
			expect(await db(w).selectFrom('retention_runs').select('id').execute()).toHaveLength(1);
		});
		it(`${policy.name}: leaves what is not due`, async () => {
			if (!cases) throw new Error(`no cases for ${policy.name}`);
			await cases.idle(w);
			const result = await run(policy);
			expect(result).toMatchObject({ accountsHeld: 0 });
			expect(changed(result)).toBe(0);
			expect(await db(w).selectFrom('retention_runs').select('id').execute()).toHaveLength(0);
		});
	}

	it('round-texts keeps each change and its children, drops only the reason, and a second run changes nothing', async () => {
		await roundOf2026(w);
		w.t.clock.set('2028-07-31T09:00:00Z');
		const policy = RETENTION_POLICIES.find((p) => p.name === 'round-texts');
		if (!policy) throw new Error('no round-texts policy');
		expect(await run(policy)).toMatchObject({ roundReasonsCleared: 1 });
		const row = await db(w)
			.selectFrom('round_proposals')
			.select(['changes', 'seq'])
			.executeTakeFirstOrThrow();
		expect(JSON.parse(row.changes)).toEqual([
			{ at: START, by: null, dropRequestId: 'r1', addRequestId: 'r2', reason: '' }
		]);
		// Stamped with the run's seq: the Kita's devices get the cleared row at their next pull.
		expect(row.seq).toBeGreaterThan(1);
		expect(await run(policy)).toMatchObject({ roundReasonsCleared: 0 });
	});

	it('idle-accounts and finished-families tell open streams that the deleted account’s sessions ended', async () => {
		const { session } = await w.parentOf(`still-open-${crypto.randomUUID().slice(0, 8)}@example.org`);
		const heard: string[] = [];
		const stop = [
			onSessionsEnded(session.userId, () => heard.push('idle')),
			onSessionsEnded(w.parent.session.userId, () => heard.push('finished'))
		];
		try {
			await requestOf2026(w, 'withdrawn');
			w.t.clock.set('2028-07-31T09:00:00Z');
			for (const name of ['idle-accounts', 'finished-families']) {
				const policy = RETENTION_POLICIES.find((p) => p.name === name);
				if (!policy) throw new Error(`no ${name} policy`);
				expect(changed(await run(policy))).toBeGreaterThan(0);
			}
			expect(heard).toContain('idle');
			expect(heard).toContain('finished');
		} finally {
			for (const unsubscribe of stop) unsubscribe();
		}
	});
});
