// What the user had typed with a refused change, readable: dates and hours formatted, codes named.
import { type Day } from '$lib/domain/calendar-day';
import { type MutationName } from '$lib/domain/mutations';
import { formatDay } from '$lib/format';
import { rejectReasonLabel } from '$lib/labels-staff';
import { m } from '$lib/i18n/messages';
import { type RejectionNames } from '../change-names';
import { errorMessage } from '../form-errors';
import { type TypedValue, type Args, str } from './types';
import { kitaName } from './names';

/** Issue codes of the server's schemas that the general form messages do not know. */
export const ISSUE_TEXT: Record<string, () => string> = {
	phoneRequired: m.staff_walkin_phone_required,
	privacyNotSigned: m.staff_walkin_privacy_missing
};

/**
 * What the server found invalid (e.g. a walk-in without a phone number, from an older device whose
 * form let it through), in the device's language: appended to the reason of an `invalidInput`.
 */
export function invalidDetails(code: string, current: unknown): string[] {
	const issues = (current as { issues?: unknown } | undefined)?.issues;
	if (code !== 'invalidInput' || !Array.isArray(issues)) return [];
	return [
		...new Set(
			issues
				.map((i) => (i as { message?: unknown }).message)
				.filter((c): c is string => typeof c === 'string')
				.map((c) => ISSUE_TEXT[c]?.() ?? errorMessage(c))
		)
	];
}

/** A day as the user's language writes it, or the raw text when it is not a day. */
export function day(value: unknown): string {
	const text = str(value);
	return /^\d{4}-\d{2}-\d{2}$/.test(text) ? formatDay(text as Day) : text;
}

export function hours(value: unknown): string {
	return typeof value === 'number' ? m.hours_per_week({ hours: value }) : '';
}

/** A request's terms as typed: start, hours, change request, comment (empty ones left out). */
export function termsOf(args: Args, startLabel = m.rej_label_start()): TypedValue[] {
	return [
		{ label: startLabel, value: day(args.startDate) },
		{ label: m.rej_label_hours(), value: hours(args.weeklyHours) },
		{ label: m.rej_label_change(), value: args.changeRequest === true ? m.rej_yes() : '' },
		{ label: m.rej_label_comment(), value: str(args.comment) }
	];
}

export function answerOf(args: Args): TypedValue[] {
	return [
		{
			label: m.rej_label_answer(),
			value: args.answer === 'decline' ? m.rej_answer_decline() : m.rej_answer_accept()
		}
	];
}

/** What the user typed with the change, per mutation; mutations without typed values have none. */
export function typedOf(name: MutationName, args: Args, names: RejectionNames): TypedValue[] {
	switch (name) {
		case 'updateRequest':
		case 'submitChildminding':
			return termsOf(args);
		case 'submitRegistration':
			return (Array.isArray(args.items) ? (args.items as Args[]) : []).map((item) => ({
				label: kitaName(names, str(item.facilityId)),
				value: termsOf(item)
					.filter((t) => t.value)
					.map((t) => `${t.label}: ${t.value}`)
					.join('; ')
			}));
		case 'createWalkin':
			return [
				{ label: m.rej_label_birth(), value: day((args.child as Args | undefined)?.birthDate) },
				...termsOf(args)
			];
		case 'makeOffer':
			return [
				{ label: m.rej_label_start(), value: day(args.startDate) },
				{ label: m.rej_label_hours(), value: hours(args.weeklyHours) },
				{ label: m.rej_label_note(), value: str(args.note) }
			];
		case 'rejectRequest':
			return [
				{ label: m.rej_label_reason(), value: rejectReasonLabel(str(args.reason)) },
				{ label: m.rej_label_note(), value: str(args.note) }
			];
		case 'answerOffer':
		case 'recordAnswer':
			return answerOf(args);
		case 'saveGuardian':
			return [
				{ label: m.rej_label_name(), value: `${str(args.firstName)} ${str(args.lastName)}`.trim() },
				{
					label: m.rej_label_address(),
					value: [str(args.street), `${str(args.postcode)} ${str(args.town)}`.trim()]
						.filter(Boolean)
						.join(', ')
				},
				{ label: m.rej_label_phone(), value: str(args.phone) },
				{ label: m.rej_label_email(), value: str(args.email) }
			];
		case 'saveChild':
			return [{ label: m.rej_label_birth(), value: day(args.birthDate) }];
		case 'saveChildmindingNote':
			return [{ label: m.rej_label_note(), value: str(args.note) }];
		case 'moveInQueue':
			return [{ label: m.rej_label_move_reason(), value: str(args.reason) }];
		case 'changeRoundProposal':
			return [{ label: m.rej_label_reason(), value: str(args.reason) }];
		default:
			return [];
	}
}

/** The free texts the user typed (comments, notes): what "copy the text" copies. */
export function freeTextOf(args: Args, name?: string): string {
	// A move's reason is written by hand; a refusal's reason is a code.
	if (name === 'moveInQueue') return str(args.reason);
	const items = Array.isArray(args.items) ? (args.items as Args[]) : [];
	return [args.comment, args.note, ...items.map((item) => item.comment)]
		.map(str)
		.filter((text) => text.trim() !== '')
		.join('\n\n');
}
