// The walk-in form's errors in the Field pattern: one message per field path ('guardians.0.phone'),
// the control's id derived from the path, and the summary line's label from the path's parts.
export type WalkinErrors = Record<string, string>;

export interface WalkinIssue {
	path: readonly PropertyKey[];
	message: string;
}

/** The control's id for a schema path: `guardians.0.phone` → `w-guardians-0-phone`. */
export function walkinFieldId(path: string): string {
	return `w-${path.replace(/\./g, '-')}`;
}

/** The first issue of each path, in the schema's order; later issues of the same path are dropped. */
export function walkinErrors(
	issues: readonly WalkinIssue[],
	messageFor: (code: string) => string
): WalkinErrors {
	const errors: WalkinErrors = {};
	for (const issue of issues) {
		const path = issue.path.map(String).join('.');
		errors[path] ??= messageFor(issue.message);
	}
	return errors;
}

/**
 * The label an error summary line starts with: the group's name (the longest matching prefix
 * among `groups`), then the field's own label, e.g. "1. Sorgeberechtigte Person: Telefon".
 */
export function walkinLabel(
	path: string,
	groups: Record<string, string>,
	fields: Record<string, string>
): string {
	const field = path.split('.').at(-1) ?? path;
	const group = Object.keys(groups)
		.filter((prefix) => path === prefix || path.startsWith(`${prefix}.`))
		.sort((a, b) => b.length - a.length)[0];
	const own = group === path ? '' : (fields[field] ?? '');
	return [group ? groups[group] : '', own].filter(Boolean).join(': ');
}
