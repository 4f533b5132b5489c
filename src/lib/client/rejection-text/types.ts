// The shapes of a refused change's text: what the "needs attention" list shows for it.
import { type ActedBy } from '$lib/sync/protocol';
import { type RejectionNames } from '../change-names';

export type NextStep =
	/** Drop the local change (its form's draft) and pull the server's data. */
	| { kind: 'reload' }
	/**
	 * Send the change again: the cause was temporary, or (with `args`) someone acted first but the
	 * same step is still possible from where the request stands now.
	 */
	| { kind: 'retry'; args?: unknown }
	/** Copy what the user typed (a comment, a note) to the clipboard, to use it again. */
	| { kind: 'copy'; text: string }
	| { kind: 'link'; href: string; label: string };

/** One value the user had entered, with its field's name. */
export interface TypedValue {
	label: string;
	value: string;
}

export interface RejectionText {
	what: string;
	why: string;
	/** What the user had entered with the change, readable (dates and hours formatted, codes named). */
	typed: TypedValue[];
	/** How things stand now and who made it so (a role), or '' when the refusal carried no state. */
	now: string;
	/** True when neither the device nor the refusal can say which child and Kita it was about. */
	namesMissing: boolean;
	/** The sentence saying so. */
	missingNote: string;
	next: NextStep[];
	/** True when the reason is one this version has no text for (the generic one is shown). */
	unknownReason: boolean;
}

export interface RejectionInput {
	name: string;
	args?: unknown;
	code: string;
	current?: unknown;
	actedBy?: ActedBy;
	actedAt?: string;
}

export type Args = Record<string, unknown>;
export type Text = (args: Args, names: RejectionNames) => string;

export const str = (value: unknown): string => (typeof value === 'string' ? value : '');
