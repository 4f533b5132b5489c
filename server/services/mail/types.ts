// What a mail says, independent of the language: its template (templates.ts) turns these
// parameters into blocks of catalogue texts and links; render.ts makes plain text and simple HTML.
import type { Role } from '../../../src/lib/domain/roles';

export interface MailParamsByKind {
	/** Sign-up: confirm the address; the second link sends a fresh confirmation link. */
	confirm: { name: string; confirmUrl: string; resendUrl: string; minutes: number };
	/** Someone signed up with an address that has an account already (no enumeration on the form). */
	alreadyRegistered: { name: string; loginUrl: string; forgotUrl: string };
	reset: { name: string; resetUrl: string; minutes: number };
	invite: { name: string; role: Role; inviteUrl: string; hours: number };
	/** Sent to the new address: it counts only after this link is opened. */
	changeEmail: { name: string; confirmUrl: string; minutes: number };
	/** Sent to the old address once the change is done. */
	emailChanged: { name: string; forgotUrl: string };
	passwordChanged: { name: string; forgotUrl: string };
	/** Proof of the announced demand (KiBiz): lists every Kita of the registration. */
	registration: {
		name: string;
		child: string;
		number: string;
		submittedAt: string;
		kitas: string[];
		receiptUrl: string;
	};
	/** Generic on purpose (FAQ): the details are visible only after login. */
	statusChange: { name: string; loginUrl: string };
	/**
	 * Issue 17: an offer was released because the child holds one the parents ranked higher. Names
	 * both Kitas and their places in the family's own ranking (the family's data, as the registration
	 * mail lists its Kitas); never the offer's content.
	 */
	offerReleased: {
		name: string;
		child: string;
		keptKita: string;
		keptRank: number;
		releasedKita: string;
		releasedRank: number;
		loginUrl: string;
	};
	/** A Kita asks whether an in-person registration is the family's child; generic like statusChange. */
	linkQuestion: { name: string; loginUrl: string };
	/** Requests without a place moved to the next Kita year; no Kita is named (as statusChange). */
	carryOver: { name: string; fromYear: string; toYear: string; loginUrl: string };
	/** Online-Voranmeldebestätigung for child-minding, with the youth office's address. */
	childminding: {
		name: string;
		child: string;
		number: string;
		submittedAt: string;
		officeAddress: string;
		statusUrl: string;
	};
}

export type MailKind = keyof MailParamsByKind;

export type MailBlock = { text: string } | { link: string; label: string };

export interface MailContent {
	subject: string;
	blocks: MailBlock[];
}

/** One language's mails, assembled from the catalogue's texts and the templates (render.ts). */
export interface MailLocale {
	greeting(name: string): string;
	closing: string[];
	footer: string;
	templates: { [K in MailKind]: (params: MailParamsByKind[K]) => MailContent };
}
