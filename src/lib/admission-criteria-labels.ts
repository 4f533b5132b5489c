// The admission criteria's names, apart from labels.ts: the finder imports that module, and these
// texts would go into its first load in every language (the Kita page and the staff form need them).
import type { AdmissionCriterion } from '$lib/domain/allocation/catalogue';
import { m } from '$lib/i18n/messages';

/** The admission criteria of the catalogue, as the Kita page and the staff form name them. */
export const admissionCriterionLabel: Record<AdmissionCriterion, () => string> = {
	siblingAtKita: m.criterion_siblingAtKita,
	livesInMunicipality: m.criterion_livesInMunicipality,
	legalClaimByAge: m.criterion_legalClaimByAge,
	hardship: m.criterion_hardship,
	guardiansEmployedOrTraining: m.criterion_guardiansEmployedOrTraining,
	registrationDate: m.criterion_registrationDate
};
