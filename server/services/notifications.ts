// Mails to families about their requests. Status mails are generic on purpose (FAQ: details only
// after login); the registration confirmation lists the Kitas, as proof of the announced demand.
import type { Executor } from '../db/database';
import { enqueueMail, type MailOwner } from './mail/outbox';
import type { MailKind, MailParamsByKind } from './mail/types';
import { intlLocale } from '../../src/lib/domain/locale';

interface Recipient {
	email: string;
	locale: string;
	name: string;
	/** Whose mail it is: the account holder's own (userId), always the family's (familyId). */
	about: MailOwner;
}

/** The account holder, or — for walk-in families without an account — every guardian with an address. */
export async function familyRecipients(db: Executor, familyId: string): Promise<Recipient[]> {
	const owner = await db
		.selectFrom('families')
		.innerJoin('users', 'users.id', 'families.owner_user_id')
		.select(['users.id', 'users.email', 'users.locale', 'users.first_name', 'users.last_name'])
		.where('families.id', '=', familyId)
		.executeTakeFirst();
	if (owner)
		return [
			{
				email: owner.email,
				locale: owner.locale,
				name: `${owner.first_name} ${owner.last_name}`,
				about: { userId: owner.id, familyId }
			}
		];
	const guardians = await db
		.selectFrom('guardians')
		.select(['email', 'first_name', 'last_name'])
		.where('family_id', '=', familyId)
		.where('email', '!=', '')
		.execute();
	// Addresses typed for guardians are contact data, not accounts: these mails never carry a token
	// (enqueueMail refuses token mails without the account's own address).
	return guardians.map((g) => ({
		email: g.email,
		locale: 'de',
		name: `${g.first_name} ${g.last_name}`,
		about: { familyId }
	}));
}

/** One mail of `kind` to each of the family's recipients, in the recipient's language. */
export async function mailFamily<K extends MailKind>(
	db: Executor,
	familyId: string,
	kind: K,
	params: (r: Recipient) => MailParamsByKind[K],
	now: Date
): Promise<void> {
	for (const r of await familyRecipients(db, familyId))
		await enqueueMail(db, { to: r.email, about: r.about, locale: r.locale, kind, params: params(r) }, now);
}

function berlinTime(at: Date, locale: string): string {
	return new Intl.DateTimeFormat(intlLocale(locale), {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: 'Europe/Berlin'
	}).format(at);
}

export async function notifyRegistration(
	db: Executor,
	input: {
		familyId: string;
		registrationId: string;
		number: string;
		childFirstName: string;
		kitas: string[];
	},
	now: Date,
	origin: string
): Promise<void> {
	await mailFamily(
		db,
		input.familyId,
		'registration',
		(r) => ({
			name: r.name,
			child: input.childFirstName,
			number: input.number,
			submittedAt: berlinTime(now, r.locale),
			kitas: input.kitas,
			receiptUrl: `${origin}/meine-anmeldungen/beleg/${input.registrationId}`
		}),
		now
	);
}

export async function notifyStatusChange(
	db: Executor,
	familyId: string,
	now: Date,
	origin: string
): Promise<void> {
	await mailFamily(
		db,
		familyId,
		'statusChange',
		(r) => ({ name: r.name, loginUrl: `${origin}/meine-anmeldungen` }),
		now
	);
}

/**
 * Issue 17: the offer at `released` was let go for the one at `kept`, which the parents ranked
 * higher. Names both Kitas with their places in the family's ranking ("Wunsch 1"); not the offers.
 */
export async function notifyOfferReleased(
	db: Executor,
	input: {
		familyId: string;
		childFirstName: string;
		kept: { kita: string; rank: number };
		released: { kita: string; rank: number };
	},
	now: Date,
	origin: string
): Promise<void> {
	await mailFamily(
		db,
		input.familyId,
		'offerReleased',
		(r) => ({
			name: r.name,
			child: input.childFirstName,
			keptKita: input.kept.kita,
			keptRank: input.kept.rank,
			releasedKita: input.released.kita,
			releasedRank: input.released.rank,
			loginUrl: `${origin}/meine-anmeldungen`
		}),
		now
	);
}

/**
 * A Kita asks whether a registration made in person belongs to the family's child. Generic like
 * the status mails: no Kita, no child in the mail; the question waits in the account.
 */
export async function notifyLinkQuestion(
	db: Executor,
	familyId: string,
	now: Date,
	origin: string
): Promise<void> {
	await mailFamily(
		db,
		familyId,
		'linkQuestion',
		(r) => ({ name: r.name, loginUrl: `${origin}/familie` }),
		now
	);
}

export async function notifyChildminding(
	db: Executor,
	input: { familyId: string; number: string; childFirstName: string; officeAddress: string },
	now: Date,
	origin: string
): Promise<void> {
	await mailFamily(
		db,
		input.familyId,
		'childminding',
		(r) => ({
			name: r.name,
			child: input.childFirstName,
			number: input.number,
			submittedAt: berlinTime(now, r.locale),
			officeAddress: input.officeAddress,
			statusUrl: `${origin}/meine-anmeldungen`
		}),
		now
	);
}
