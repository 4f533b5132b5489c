import { describe, expect, it, vi } from 'vitest';
import type { Executor } from '../db/database';
import { EVERYONE, NodeEvents, type Announcer } from './node-events';

const db = {} as Executor;

function announcer() {
	return {
		pokes: vi.fn<Announcer['pokes']>(),
		sessionsEnded: vi.fn<Announcer['sessionsEnded']>(() => Promise.resolve())
	};
}

describe('NodeEvents', () => {
	it('announces a poke once per user to the linked announcer, and nothing for no users', () => {
		const events = new NodeEvents();
		const linked = announcer();
		events.link(linked);
		events.poke(['a', 'b', 'a']);
		events.poke([]);
		expect(linked.pokes.mock.calls).toEqual([[['a', 'b']]]);
	});

	it('lets the streams of the user and of everyone hear sessions ending, no one else', async () => {
		const events = new NodeEvents();
		const heard: string[] = [];
		events.onSessionsEnded('a', () => heard.push('a'));
		const stop = events.onSessionsEnded('b', () => heard.push('b'));
		await events.sessionsEnded(db, 'a');
		events.deliverSessionsEnded(EVERYONE);
		stop();
		events.deliverSessionsEnded(EVERYONE);
		expect(heard).toEqual(['a', 'a', 'b', 'a']);
	});

	it('announces ended sessions on the executor it is given', async () => {
		const events = new NodeEvents();
		const linked = announcer();
		events.link(linked);
		await events.sessionsEnded(db, 'a');
		expect(linked.sessionsEnded).toHaveBeenCalledWith(db, 'a');
	});

	it('keeps the newer announcer when an older one unlinks (apps started one after the other)', () => {
		const events = new NodeEvents();
		const older = announcer();
		const newer = announcer();
		const unlinkOlder = events.link(older);
		events.link(newer);
		unlinkOlder();
		events.poke(['a']);
		expect(older.pokes).not.toHaveBeenCalled();
		expect(newer.pokes).toHaveBeenCalledOnce();
	});
});
