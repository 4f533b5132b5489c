// After staff link a claimed walk-in child into another account's child, status mails about the
// linked requests go only to the family that holds them (childrenHeldBy) — over a real SMTP
// conversation, as the delivery job sends them.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliverDueMails, smtpTransport } from '../../server/jobs/mail-delivery';
import { createUserWithSession } from './fixtures';
import { actor, OFFER, staffWorld, walkin, type Actor, type StaffWorld } from './staff-world';

interface Received {
	to: string[];
	raw: string;
}

/** An SMTP server in this process: the real protocol, nodemailer on the other end. */
async function startSmtp(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
	const received: Received[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				received.push({
					to: session.envelope.rcptTo.map((r) => r.address),
					raw: Buffer.concat(chunks).toString('utf8')
				});
				callback();
			});
		}
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const { port } = server.server.address() as AddressInfo;
	return {
		url: `smtp://127.0.0.1:${port}`,
		received,
		close: () => new Promise((done) => server.close(() => done()))
	};
}

describe('status mails after linking a claimed walk-in child', () => {
	let w: StaffWorld;
	let staffZ: Actor;
	let smtp: Awaited<ReturnType<typeof startSmtp>>;
	beforeEach(async () => {
		w = await staffWorld();
		staffZ = actor(
			await createUserWithSession(w.t.app.database.db, w.t.clock.now(), 'staff', { facilityIds: [w.kitaZ] })
		);
		smtp = await startSmtp();
	});
	afterEach(async () => {
		await smtp.close();
		await w.close();
	});

	const db = () => w.t.app.database.db;
	const deliver = () =>
		deliverDueMails(db(), smtpTransport(smtp.url), w.t.app.config.mailFrom, w.t.clock.now);

	it('sends the mail about a linked request to the surviving child’s family, not to the claimer', async () => {
		// Mia is registered online by the world's parent; the same child is registered in person at Z
		// and that walk-in is claimed by a second account.
		const walk = await walkin(w.kitaZ);
		await w.push(staffZ, 'createWalkin', walk.args);
		const claimer = actor(
			await createUserWithSession(db(), w.t.clock.now(), 'parent', { email: 'jelena@example.org' })
		);
		await w.t.caller({ session: claimer.session }).family.claim({ code: walk.code, birthDate: '2024-03-10' });
		const candidate = await db()
			.selectFrom('duplicate_candidates')
			.select('id')
			.where('status', '=', 'open')
			.executeTakeFirstOrThrow();
		await w.push(staffZ, 'decideDuplicate', { candidateId: candidate.id, decision: 'link' });
		expect(await w.lastRejection(staffZ)).toBeUndefined();
		// Whatever was sent until now (confirmations) is not what this test is about.
		await deliver();
		smtp.received.length = 0;

		await w.push(staffZ, 'makeOffer', {
			requestId: walk.args.requestId,
			expectedStatus: 'registered',
			...OFFER
		});
		expect(await w.lastRejection(staffZ)).toBeUndefined();
		expect(await deliver()).toBe(1);
		expect(smtp.received.map((m) => m.to)).toEqual([['eltern@example.org']]);
		expect(smtp.received[0]?.raw).toContain('/meine-anmeldungen');
		const outbox = await db()
			.selectFrom('mail_outbox')
			.select(['to_address', 'kind'])
			.where('kind', '=', 'statusChange')
			.execute();
		expect(outbox).toEqual([{ to_address: 'eltern@example.org', kind: 'statusChange' }]);
	});

	it('still mails the claimer about the walk-in request before any link', async () => {
		const walk = await walkin(w.kitaZ);
		await w.push(staffZ, 'createWalkin', walk.args);
		const claimer = actor(
			await createUserWithSession(db(), w.t.clock.now(), 'parent', { email: 'jelena@example.org' })
		);
		await w.t.caller({ session: claimer.session }).family.claim({ code: walk.code, birthDate: '2024-03-10' });
		await deliver();
		smtp.received.length = 0;

		await w.push(staffZ, 'makeOffer', {
			requestId: walk.args.requestId,
			expectedStatus: 'registered',
			...OFFER
		});
		expect(await w.lastRejection(staffZ)).toBeUndefined();
		expect(await deliver()).toBe(1);
		expect(smtp.received.map((m) => m.to)).toEqual([['jelena@example.org']]);
	});
});
