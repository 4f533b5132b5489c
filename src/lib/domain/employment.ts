// The admission criterion "the guardians are employed or in training": a family meets it when every
// guardian it gave is (at least one). One rule for the staff queue and the offer round.

export interface GuardianEmployment {
	familyId: string;
	employedOrTraining?: boolean;
}

/** The families all of whose guardians work, train or study. */
export function employedFamilies(guardians: Iterable<GuardianEmployment>): Set<string> {
	const all = new Map<string, boolean>();
	for (const g of guardians)
		all.set(g.familyId, (all.get(g.familyId) ?? true) && g.employedOrTraining === true);
	return new Set([...all].filter(([, yes]) => yes).map(([familyId]) => familyId));
}
