// Where a family lives for the admission criterion "lives in the Kita's municipality": the
// municipality whose postcodes hold the first guardian's postcode. One rule for the staff queue
// (on the device) and the offer round (on the server), so both rank a child the same way.

export interface PostcodeArea {
	id: string;
	postcodes: readonly { postcode: string }[];
}

export interface GuardianAddress {
	familyId: string;
	/** 1 = the first guardian. */
	position: number;
	postcode: string;
}

/**
 * Each family's municipality by its first guardian's postcode; a family whose first guardian's
 * postcode no municipality lists is absent (lives elsewhere). A postcode listed by two
 * municipalities counts for the one with the lower id, so that the answer never depends on the
 * order the rows were read in.
 */
export function residenceOfFamilies(
	guardians: Iterable<GuardianAddress>,
	municipalities: readonly PostcodeArea[]
): Map<string, string> {
	const municipalityOf = new Map<string, string>();
	for (const m of [...municipalities].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))
		for (const { postcode } of m.postcodes)
			if (!municipalityOf.has(postcode)) municipalityOf.set(postcode, m.id);
	const residence = new Map<string, string>();
	for (const g of guardians) {
		if (g.position !== 1) continue;
		const municipality = municipalityOf.get(g.postcode.trim());
		if (municipality) residence.set(g.familyId, municipality);
	}
	return residence;
}
