// Plain-language texts for refused mutations in the "needs attention" list: what was refused, named
// as the user knows it (which child, which Kita, which guardian and which of their details), why the
// server refused it, and what to do next. Every (mutation, reason) pair the server can give
// (src/lib/sync/refusals.ts) has its own text; the generic one is for reasons this version does not
// know (a newer server) and still names the change.
import { m } from '$lib/i18n/messages';
import { TEMPORARY_REFUSALS } from '$lib/sync/refusals';
import { NO_NAMES, type RejectionNames } from '../change-names';
import { type NextStep, type RejectionText, type RejectionInput, type Args, type Text, str } from './types';
import { namesMissing, withCurrent } from './names';
import { WHAT } from './what';
import { type Why, ANY, WHY } from './why';
import { freeTextOf, invalidDetails, typedOf } from './typed';
import { isKnownMutation, linkOf, nowOf, retryFromHere, staleBy, stepsFromHere } from './next-steps';

export { NO_NAMES, type RejectionNames } from '../change-names';
export { describeCurrent } from './next-steps';
export type { NextStep, RejectionInput, RejectionText, TypedValue } from './types';

/** The whole text of one refused mutation, with its next steps. */
/** What a change was, in the same words (the lost-changes notice names changes the server never got). */
export function describeChange(name: string, args: unknown, names: RejectionNames = NO_NAMES): string {
	const a = (args && typeof args === 'object' ? args : {}) as Args;
	return isKnownMutation(name) ? WHAT[name](a, names) : m.rej_unknown_mutation({ name });
}

/** The text for a code as the server sent it: a newer server may name a reason this version lacks. */
function textFor(table: Why, code: string): Text | undefined {
	return (table as Partial<Record<string, Text>>)[code];
}

export function describeRejection(
	rejection: RejectionInput,
	names: RejectionNames = NO_NAMES
): RejectionText {
	const args = (rejection.args && typeof rejection.args === 'object' ? rejection.args : {}) as Args;
	const code = rejection.code;
	if (!isKnownMutation(rejection.name)) {
		const why = textFor(ANY, code);
		return {
			what: m.rej_unknown_mutation({ name: rejection.name }),
			why: why ? why(args, names) : m.rej_why_unknown({ code }),
			typed: [],
			now: nowOf(rejection),
			namesMissing: false,
			missingNote: m.rej_names_missing(),
			next: [{ kind: 'reload' }],
			unknownReason: !why
		};
	}
	const name = rejection.name;
	names = withCurrent(names, rejection.current);
	const why = textFor(WHY[name], code) ?? textFor(ANY, code);
	const next: NextStep[] = [];
	if ((TEMPORARY_REFUSALS as readonly string[]).includes(code)) next.push({ kind: 'retry' });
	const again = retryFromHere(name, args, rejection);
	if (again) next.push(again);
	next.push(...stepsFromHere(name, rejection, names));
	const text = freeTextOf(args, name);
	if (text) next.push({ kind: 'copy', text });
	if (name !== 'auditRead') next.push({ kind: 'reload' });
	const link = linkOf(name, args, names);
	if (link) next.push(link);
	return {
		what: WHAT[name](args, names),
		why:
			staleBy(name, rejection) ??
			(why
				? [why(args, names), ...invalidDetails(code, rejection.current)].join(' ')
				: m.rej_why_unknown({ code })),
		typed: typedOf(name, args, names).filter((t) => t.value.trim() !== ''),
		now: nowOf(rejection),
		namesMissing: namesMissing(args, names),
		missingNote: m.rej_names_missing(),
		next,
		unknownReason: !why
	};
}

/** The drafts a refused change leaves in its form: dropped with "reload the server's data". */
export function draftsOf(rejection: RejectionInput): string[] {
	const args = (rejection.args ?? {}) as Args;
	if (rejection.name === 'saveGuardian') return [`guardian-${Number(args.position) === 2 ? 2 : 1}`];
	if (rejection.name === 'saveChild') return [`child-${str(args.id)}`];
	return [];
}
