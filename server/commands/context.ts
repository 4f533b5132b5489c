// What a command gets: the open transaction and nothing else to write with, who acts, the server's
// clock, the seq of this change (allocated on first use) and the effects collected for after the
// commit. Commands are the only code that writes domain tables (docs/ARCHITECTURE.md); a sync
// mutation, a tRPC procedure and a job all reach them through a CommandContext.
import { dayOfInstant, type Day } from '../../src/lib/domain/calendar-day';
import type { FacilityId, UserId } from '../../src/lib/domain/ids';
import type { Role } from '../../src/lib/domain/roles';
import type { Tx } from '../db/database';
import { nextSeq } from '../db/seq';

/**
 * Who acts: a signed-in user; the system (a job such as the offer expiry) with no user; or someone
 * not signed in (yet) — a sign-up, a login, a link opened from a mail: the account acted on is the
 * command's argument, not its actor.
 */
export type Actor = UserActor | SystemActor | AnonymousActor;

export interface UserActor {
	kind: 'user';
	userId: UserId;
	role: Role;
	/** Kitas a staff member works for; empty for other roles. */
	facilityIds: readonly FacilityId[];
}

export interface SystemActor {
	kind: 'system';
	userId: null;
	role: null;
	facilityIds: readonly [];
}

export const SYSTEM_ACTOR: SystemActor = { kind: 'system', userId: null, role: null, facilityIds: [] };

export interface AnonymousActor {
	kind: 'anonymous';
	userId: null;
	role: null;
	facilityIds: readonly [];
}

export const ANONYMOUS_ACTOR: AnonymousActor = {
	kind: 'anonymous',
	userId: null,
	role: null,
	facilityIds: []
};

/** The actor of a signed-in session. */
export function userActor(session: {
	userId: UserId;
	role: Role;
	facilityIds: readonly FacilityId[];
}): UserActor {
	return { kind: 'user', userId: session.userId, role: session.role, facilityIds: session.facilityIds };
}

/** What a command triggers beyond its own transaction, applied once the transaction committed. */
export interface Effects {
	/** Users whose open clients should pull now (EVERYONE for public data). */
	poke: Set<string>;
}

export interface CommandContext<A extends Actor = Actor> {
	tx: Tx;
	actor: A;
	now: Date;
	today: Day;
	/** The seq of this change: allocated on first use, the same for every row the command writes. */
	seq(): Promise<number>;
	/** The portal's address, for links in mails. */
	origin: string;
	/** The youth office's postal address, printed on letters. */
	officeAddress: string;
	effects: Effects;
}

/** What the context is built from besides the transaction and the actor. */
export interface CommandSettings {
	now: Date;
	origin: string;
	officeAddress: string;
}

export function commandContext<A extends Actor>(
	tx: Tx,
	actor: A,
	settings: CommandSettings
): CommandContext<A> {
	let seq: number | null = null;
	return {
		tx,
		actor,
		now: settings.now,
		today: dayOfInstant(settings.now),
		seq: async () => (seq ??= await nextSeq(tx)),
		origin: settings.origin,
		officeAddress: settings.officeAddress,
		effects: { poke: new Set() }
	};
}

/** A command only a signed-in user can give (every sync mutation). */
export type UserCommandContext = CommandContext<UserActor>;
