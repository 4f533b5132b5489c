// The limits of the staff's ranking and round mutations hold however the mutations arrive: many
// devices of one Kita at once (each push its own transaction; on PostgreSQL they run side by side)
// or one batch. A limit counted before the change counter is taken could be judged by two
// transactions on the same count, and both would write (issue 18: PostgreSQL runs them in parallel).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MutationArgs } from '../../src/lib/domain/mutations';
import { SCHEMA_VERSION, type Mutation } from '../../src/lib/sync/protocol';
import type { AuthSession } from '../../server/auth/session';
import { MAX_MOVES_PER_REQUEST } from '../../server/commands/queue-moves';
import { createUserWithSession } from './fixtures';
import { actor, staffWorld, walkin, type StaffWorld } from './staff-world';

const times = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

describe('staff ranking and round mutations at once', () => {
	let w: StaffWorld;
	let ben: string;
	beforeEach(async () => {
		w = await staffWorld();
		const other = await walkin(w.kitaX, { firstName: 'Ben', lastName: 'Ohne', birthDate: '2023-05-01' });
		await w.push(w.staffX, 'createWalkin', other.args);
		ben = other.args.requestId;
	});
	afterEach(async () => {
		await w.close();
	});

	const move = (i: number): MutationArgs<'moveInQueue'> => ({
		id: crypto.randomUUID(),
		requestId: ben,
		anchorRequestId: w.requestX,
		placement: i % 2 ? 'before' : 'after',
		reason: 'Geschwisterkind in der Gruppe'
	});
	const movesOfBen = async () =>
		(await w.t.app.database.db.selectFrom('queue_moves').select('id').where('request_id', '=', ben).execute())
			.length;

	it(`stores at most ${MAX_MOVES_PER_REQUEST} moves of one child from 30 devices pushing at once`, async () => {
		await Promise.all(times(30, (i) => w.push(actor(w.staffX.session), 'moveInQueue', move(i))));
		expect(await movesOfBen()).toBe(MAX_MOVES_PER_REQUEST);
	});

	it(`stores at most ${MAX_MOVES_PER_REQUEST} moves of one child from one batch of 30`, async () => {
		const mutations: Mutation[] = times(30, (i) => ({
			id: i + 1,
			name: 'moveInQueue',
			args: move(i),
			createdAt: w.t.clock.now().toISOString()
		}));
		const result = await w.t.caller({ session: w.staffX.session }).sync.push({
			clientId: w.staffX.clientId,
			userId: w.staffX.session.userId,
			schemaVersion: SCHEMA_VERSION,
			mutations
		});
		expect(result.kind).toBe('ok');
		expect(await movesOfBen()).toBe(MAX_MOVES_PER_REQUEST);
	});

	describe('an offer round', () => {
		let admin: AuthSession;
		let proposalId: string;
		beforeEach(async () => {
			admin = await createUserWithSession(w.t.app.database.db, w.t.clock.now(), 'admin');
			await w.t.caller({ session: admin }).youthOffice.startRound({ kitaYearId: '2027-28' });
			const proposal = await w.t.app.database.db
				.selectFrom('round_proposals')
				.select('id')
				.where('facility_id', '=', w.kitaX)
				.executeTakeFirstOrThrow();
			proposalId = proposal.id;
		});
		const auditOf = (action: string) =>
			w.t.app.database.db.selectFrom('audit_events').select('id').where('action', '=', action).execute();

		it('is sent once when 20 devices send it at once; the others are told it was sent', async () => {
			const devices = times(20, () => actor(w.staffX.session));
			await Promise.all(devices.map((d) => w.push(d, 'sendRoundProposal', { proposalId })));
			expect(await auditOf('round.send')).toHaveLength(1);
			const refused = await Promise.all(devices.map((d) => w.lastRejection(d)));
			expect(refused.filter((r) => r === undefined)).toHaveLength(1);
			expect(refused.filter((r) => r?.code === 'staleStatus')).toHaveLength(19);
		});

		it('takes one drop of the same child when 20 devices drop it at once', async () => {
			const devices = times(20, () => actor(w.staffX.session));
			await Promise.all(
				devices.map((d) =>
					w.push(d, 'changeRoundProposal', {
						proposalId,
						dropRequestId: w.requestX,
						addRequestId: null,
						reason: 'Familie zieht weg'
					})
				)
			);
			const row = await w.t.app.database.db
				.selectFrom('round_proposals')
				.select(['changes', 'request_ids'])
				.where('id', '=', proposalId)
				.executeTakeFirstOrThrow();
			expect(JSON.parse(row.changes)).toHaveLength(1);
			expect(JSON.parse(row.request_ids)).not.toContain(w.requestX);
			expect(await auditOf('round.change')).toHaveLength(1);
		});
	});
});
