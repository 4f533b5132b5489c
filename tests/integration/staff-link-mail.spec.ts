// After staff link a claimed walk-in child into another account's child, status mails about the
// linked requests go only to the family that holds them (childrenHeldBy) — over a real SMTP
// conversation, as the delivery job sends them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCarryOver } from '../../server/jobs/carry-over';
import { deliverDueMails, smtpTransport } from '../../server/jobs/mail-delivery';
import { kitaYearRow } from '../../server/services/catalogue';
import { defaultKitaYear } from '../../src/lib/domain/kita-year';
import {
	claimedWalkin,
	linkOpenCandidate,
	OFFER,
	staffOfZ,
	staffWorld,
	type Actor,
	type StaffWorld
} from './staff-world';
import { startSmtp, type TestSmtp } from './smtp';

describe('status mails after linking a claimed walk-in child', () => {
	let w: StaffWorld;
	let staffZ: Actor;
	let smtp: TestSmtp;
	beforeEach(async () => {
		w = await staffWorld();
		staffZ = await staffOfZ(w);
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
		const { walk } = await claimedWalkin(w, staffZ);
		await linkOpenCandidate(w, staffZ);
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
		const { walk } = await claimedWalkin(w, staffZ);
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

	it('tells only the holding family when the linked request is carried over to the next Kita year', async () => {
		const { walk } = await claimedWalkin(w, staffZ);
		await linkOpenCandidate(w, staffZ);
		await deliver();
		smtp.received.length = 0;

		// The walk-in is for 2027/28; its allocation ends on 15 Mar 2028 and 2028/29 takes the rest.
		await db()
			.insertInto('kita_years')
			.values(kitaYearRow(defaultKitaYear(2028), 0))
			.execute();
		w.t.clock.set('2028-03-16T06:00:00Z');
		const results = await runCarryOver(w.t.app);
		expect(results.flatMap((r) => r.moved)).toContain(walk.args.requestId);
		await deliver();
		const carried = smtp.received.flatMap((m) => m.to);
		expect(carried).toContain('eltern@example.org');
		expect(carried).not.toContain('jelena@example.org');
	});
});
