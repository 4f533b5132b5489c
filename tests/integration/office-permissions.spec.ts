// The permission walk of the youth office's procedures: every procedure and mutation, called as
// admin, Fachberatung, Kita staff, parent and anonymous. Allowed callers get an answer; everyone
// else is refused before anything happens.
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultKitaYear } from '../../src/lib/domain/kita-year';
import type { MutationArgs, MutationName } from '../../src/lib/domain/mutations';
import type { Role } from '../../src/lib/domain/roles';
import { SCHEMA_VERSION } from '../../src/lib/sync/protocol';
import { toFacility } from '../../server/services/catalogue';
import { facilityToInput } from '../../src/lib/domain/facility-admin';
import { expectOk, officeWorld, type Actor, type OfficeWorld } from './office-world';

type Who = Role | 'anonymous';
const EVERYONE: Who[] = ['admin', 'childminding', 'staff', 'parent', 'anonymous'];

describe('permission walk of the youth office', () => {
	let w: OfficeWorld;
	let cm: string;
	const actors = (): Record<Exclude<Who, 'anonymous'>, Actor> => ({
		admin: w.admin,
		childminding: w.adviser,
		staff: w.staff,
		parent: w.parent
	});

	beforeAll(async () => {
		w = await officeWorld('2026-12-02T09:00:00Z');
		const childId = await w.family(w.parent);
		cm = crypto.randomUUID();
		await expectOk(
			w.push(w.parent, 'submitChildminding', {
				id: cm,
				childId,
				startDate: '2027-03-01',
				weeklyHours: 25,
				comment: ''
			})
		);
	});
	afterAll(async () => {
		await w.close();
	});

	async function outcome(
		who: Who,
		call: (caller: ReturnType<OfficeWorld['t']['caller']>) => Promise<unknown>
	): Promise<string> {
		const session = who === 'anonymous' ? null : actors()[who].session;
		try {
			await call(w.t.caller({ session }));
			return 'ok';
		} catch (error) {
			if (error instanceof TRPCError) return error.code;
			throw error;
		}
	}

	const procedures: {
		name: string;
		allowed: Who[];
		call: (c: ReturnType<OfficeWorld['t']['caller']>) => Promise<unknown>;
	}[] = [
		{ name: 'youthOffice.openRequests', allowed: ['admin'], call: (c) => c.youthOffice.openRequests() },
		{ name: 'youthOffice.kitaYearStatus', allowed: ['admin'], call: (c) => c.youthOffice.kitaYearStatus() },
		{
			name: 'youthOffice.report',
			allowed: ['admin'],
			call: (c) => c.youthOffice.report({ kitaYearId: '2027-28' })
		},
		{ name: 'youthOffice.audit', allowed: ['admin'], call: (c) => c.youthOffice.audit({}) },
		{
			name: 'youthOffice.closeAllocation',
			allowed: ['admin'],
			call: (c) => c.youthOffice.closeAllocation({ kitaYearId: '2026-27' })
		},
		{
			name: 'youthOffice.findChildren',
			allowed: ['admin'],
			call: (c) => c.youthOffice.findChildren({ lastName: 'Muster', birthDate: '2024-03-10' })
		},
		{ name: 'youthOffice.hardshipCases', allowed: ['admin'], call: (c) => c.youthOffice.hardshipCases() },
		{
			name: 'youthOffice.recordHardship',
			allowed: ['admin'],
			// A child that does not exist: the admin gets NOT_FOUND, every other caller is refused first.
			call: (c) =>
				c.youthOffice
					.recordHardship({ childId: crypto.randomUUID(), decided: false })
					.catch((error: unknown) => {
						if (error instanceof TRPCError && error.code === 'NOT_FOUND') return null;
						throw error;
					})
		},
		{ name: 'privacy.export', allowed: ['parent'], call: (c) => c.privacy.export() },
		{ name: 'privacy.deletionBlockers', allowed: ['parent'], call: (c) => c.privacy.deletionBlockers() }
	];

	for (const p of procedures)
		it(`${p.name}: only ${p.allowed.join(', ')}`, async () => {
			for (const who of EVERYONE) {
				const expected = p.allowed.includes(who) ? 'ok' : who === 'anonymous' ? 'UNAUTHORIZED' : 'FORBIDDEN';
				expect(`${who}: ${await outcome(who, p.call)}`).toBe(`${who}: ${expected}`);
			}
		});

	it('privacy.deleteAccount: parents only (others are refused before the password is looked at)', async () => {
		for (const who of EVERYONE.filter((x) => x !== 'parent')) {
			const expected = who === 'anonymous' ? 'UNAUTHORIZED' : 'FORBIDDEN';
			expect(await outcome(who, (c) => c.privacy.deleteAccount({ password: 'irgendwas' }))).toBe(expected);
		}
		// A parent gets as far as the password check.
		expect(await outcome('parent', (c) => c.privacy.deleteAccount({ password: 'irgendwas' }))).toBe(
			'BAD_REQUEST'
		);
	});

	async function mutationOutcome<N extends MutationName>(
		who: Who,
		name: N,
		args: MutationArgs<N>
	): Promise<string> {
		if (who === 'anonymous') {
			return outcome('anonymous', (c) =>
				c.sync.push({
					clientId: crypto.randomUUID(),
					schemaVersion: SCHEMA_VERSION,
					mutations: [{ id: 1, name, args, createdAt: '' }]
				})
			);
		}
		const rejected = await w.push(actors()[who], name, args);
		return rejected ? rejected.code : 'ok';
	}

	it('catalogue mutations: admins only; a Kita’s info: admins and its own staff', async () => {
		const db = w.t.app.database.db;
		const facility = facilityToInput(
			toFacility(
				await db.selectFrom('facilities').selectAll().where('id', '=', w.kitaX).executeTakeFirstOrThrow()
			)
		);
		const { label: _l, ...year } = defaultKitaYear(2027);
		const info = {
			facilityId: w.kitaX,
			description: 'x',
			openingHours: '',
			phone: '',
			email: '',
			website: ''
		};
		const table: { name: string; allowed: Who[]; run: (who: Who) => Promise<string> }[] = [
			{
				name: 'saveFacility',
				allowed: ['admin'],
				run: (who) => mutationOutcome(who, 'saveFacility', facility)
			},
			{
				name: 'setCapacities',
				allowed: ['admin'],
				run: (who) =>
					mutationOutcome(who, 'setCapacities', { facilityId: w.kitaX, kitaYearId: '2027-28', rows: [] })
			},
			{ name: 'saveKitaYear', allowed: ['admin'], run: (who) => mutationOutcome(who, 'saveKitaYear', year) },
			{
				name: 'saveFacilityInfo',
				allowed: ['admin', 'staff'],
				run: (who) => mutationOutcome(who, 'saveFacilityInfo', info)
			}
		];
		for (const row of table)
			for (const who of EVERYONE) {
				const expected = row.allowed.includes(who)
					? 'ok'
					: who === 'anonymous'
						? 'UNAUTHORIZED'
						: 'notPermitted';
				expect(`${row.name} as ${who}: ${await row.run(who)}`).toBe(`${row.name} as ${who}: ${expected}`);
			}
	});

	it('child-minding mutations: the Fachberatung only', async () => {
		for (const who of EVERYONE) {
			const expected = who === 'childminding' ? 'ok' : who === 'anonymous' ? 'UNAUTHORIZED' : 'notPermitted';
			expect(
				`note as ${who}: ${await mutationOutcome(who, 'saveChildmindingNote', { id: cm, note: who })}`
			).toBe(`note as ${who}: ${expected}`);
		}
		for (const who of EVERYONE) {
			const expected = who === 'childminding' ? 'ok' : who === 'anonymous' ? 'UNAUTHORIZED' : 'notPermitted';
			const status = who === 'childminding' ? 'submitted' : 'inContact';
			const result = await mutationOutcome(who, 'childmindingTransition', {
				id: cm,
				event: who === 'childminding' ? 'contact' : 'place',
				expectedStatus: status
			});
			expect(`transition as ${who}: ${result}`).toBe(`transition as ${who}: ${expected}`);
		}
	});

	it('scopes: only the Fachberatung holds child-minding requests of all families, only admins deactivated Kitas', async () => {
		const holds = async (who: Who) => {
			const patch = await w.pull(who === 'anonymous' ? null : actors()[who]);
			return (patch.patch.put.childminderRequests ?? []).map((r) => [r.id, r.internalNote !== null]);
		};
		expect(await holds('childminding')).toEqual([[cm, true]]);
		expect(await holds('parent')).toEqual([[cm, false]]);
		for (const who of ['admin', 'staff', 'anonymous'] as const) expect(await holds(who)).toEqual([]);
	});
});
