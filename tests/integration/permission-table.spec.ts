// The permission walk over src/lib/domain/permissions.ts itself: every sync mutation and every tRPC
// procedure needs a rule there (a new one without fails here), and each is refused to every role
// the rule leaves out — by the push and by tRPC — before its arguments are even looked at.
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUTATION_ARGS, type MutationName } from '../../src/lib/domain/mutations';
import {
	MUTATION_RULES,
	OPEN_PROCEDURES,
	PROCEDURE_RULES,
	type Rule
} from '../../src/lib/domain/permissions';
import { ROLES, type Role } from '../../src/lib/domain/roles';
import { SCHEMA_VERSION } from '../../src/lib/sync/protocol';
import { appRouter } from '../../server/trpc/router';
import { officeWorld, type Actor, type OfficeWorld } from './office-world';

const procedurePaths = Object.keys(appRouter._def.procedures).sort();
const mutationNames = Object.keys(MUTATION_ARGS).sort() as MutationName[];

describe('every action has a rule', () => {
	it('every tRPC procedure is gated by a rule or listed as open, and the table names no other', () => {
		const listed = [...Object.keys(PROCEDURE_RULES), ...Object.keys(OPEN_PROCEDURES)].sort();
		expect(procedurePaths).toEqual(listed);
	});

	it('every sync mutation has a rule, and the table names no other', () => {
		expect(Object.keys(MUTATION_RULES).sort()).toEqual(mutationNames);
	});
});

describe('the walk over the table', () => {
	let w: OfficeWorld;
	const as = (role: Role): Actor =>
		({ admin: w.admin, childminding: w.adviser, staff: w.staff, parent: w.parent })[role];

	beforeAll(async () => {
		w = await officeWorld('2026-12-02T09:00:00Z');
	});
	afterAll(async () => {
		await w.close();
	});

	/** The push's answer to `name` with arguments no schema accepts: refused for the role, or not. */
	async function pushAs(role: Role, name: MutationName): Promise<string> {
		const who = as(role);
		const id = who.next++;
		const result = await w.t.caller({ session: who.session }).sync.push({
			clientId: who.clientId,
			userId: who.session.userId,
			schemaVersion: SCHEMA_VERSION,
			mutations: [{ id, name, args: { nothing: true }, createdAt: w.t.clock.now().toISOString() }]
		});
		expect(result.kind).toBe('ok');
		const row = await w.t.app.database.db
			.selectFrom('sync_rejections')
			.select(['code', 'message'])
			.where('client_id', '=', who.clientId)
			.where('mutation_id', '=', id)
			.executeTakeFirstOrThrow();
		return `${row.code} ${row.message}`;
	}

	for (const name of mutationNames)
		it(`mutation ${name}: only ${(MUTATION_RULES[name] as Rule).roles.join(', ')}`, async () => {
			const rule: Rule = MUTATION_RULES[name];
			for (const role of ROLES) {
				const expected = rule.roles.includes(role)
					? 'invalidInput sync.invalidInput'
					: 'notPermitted sync.notPermitted';
				expect(`${role}: ${await pushAs(role, name)}`).toBe(`${role}: ${expected}`);
			}
		});

	/** tRPC's answer to a call of `path` without input: refused for the role, or past the gate. */
	async function callAs(role: Role | null, path: string): Promise<string> {
		const caller = w.t.caller({ session: role ? as(role).session : null }) as unknown as Record<
			string,
			Record<string, (input?: unknown) => Promise<unknown>>
		>;
		const [router = '', procedure = ''] = path.split('.');
		const call = caller[router]?.[procedure];
		if (!call) throw new Error(`no procedure ${path}`);
		try {
			await call(undefined);
			return 'passed';
		} catch (error) {
			if (error instanceof TRPCError && (error.code === 'FORBIDDEN' || error.code === 'UNAUTHORIZED'))
				return error.code;
			return 'passed';
		}
	}

	for (const [path, rule] of Object.entries(PROCEDURE_RULES) as [string, Rule][])
		it(`procedure ${path}: only ${rule.roles.join(', ')}`, async () => {
			expect(`anonymous: ${await callAs(null, path)}`).toBe('anonymous: UNAUTHORIZED');
			for (const role of ROLES) {
				const expected = rule.roles.includes(role) ? 'passed' : 'FORBIDDEN';
				expect(`${role}: ${await callAs(role, path)}`).toBe(`${role}: ${expected}`);
			}
		});
});
