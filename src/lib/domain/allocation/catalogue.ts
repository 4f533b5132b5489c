// The catalogue of admission criteria ("Aufnahmekriterien") the youth office keeps, and a Kita's
// choice of them. A leaf: a Kita's master data (facility.ts) name them, and the ranking by them
// (criteria.ts) reads a child's age through kita-year.ts, which reads facility.ts.

/**
 * The catalogue. A Kita chooses some and orders them; `registrationDate` is always the last one it
 * applies (earlier registrations first), whatever position it was given.
 */
export const ADMISSION_CRITERIA = [
	'siblingAtKita',
	'livesInMunicipality',
	'legalClaimByAge',
	'hardship',
	'guardiansEmployedOrTraining',
	'registrationDate'
] as const;
export type AdmissionCriterion = (typeof ADMISSION_CRITERIA)[number];

/** The criteria a Kita applies, in its order, without repeats and with `registrationDate` last. */
export function orderedCriteria(chosen: readonly AdmissionCriterion[]): AdmissionCriterion[] {
	const unique = [...new Set(chosen)];
	const rest = unique.filter((c) => c !== 'registrationDate');
	return unique.includes('registrationDate') ? [...rest, 'registrationDate'] : rest;
}
