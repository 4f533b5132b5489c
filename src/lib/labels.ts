// Message-catalogue labels for domain enums (messages are functions, so map them once here).
import type { AdmissionCriterion } from '$lib/domain/allocation/criteria';
import type { Feature, ProviderType } from '$lib/domain/facility';
import { m } from '$lib/i18n/messages';

export const featureLabel: Record<Feature, () => string> = {
	familienzentrum: m.feature_familienzentrum,
	inklusiv: m.feature_inklusiv,
	u3: m.feature_u3,
	waldkita: m.feature_waldkita,
	bilingual: m.feature_bilingual,
	sprachkita: m.feature_sprachkita,
	bewegungskita: m.feature_bewegungskita,
	naturkita: m.feature_naturkita,
	montessori: m.feature_montessori,
	mint: m.feature_mint
};

export const providerTypeLabel: Record<ProviderType, () => string> = {
	kommunal: m.provider_kommunal,
	katholisch: m.provider_katholisch,
	evangelisch: m.provider_evangelisch,
	awo: m.provider_awo,
	drk: m.provider_drk,
	paritaetisch: m.provider_paritaetisch,
	elterninitiative: m.provider_elterninitiative,
	sonstige: m.provider_sonstige
};

/** The admission criteria of the catalogue, as the Kita page and the staff form name them. */
export const admissionCriterionLabel: Record<AdmissionCriterion, () => string> = {
	siblingAtKita: m.criterion_siblingAtKita,
	livesInMunicipality: m.criterion_livesInMunicipality,
	legalClaimByAge: m.criterion_legalClaimByAge,
	hardship: m.criterion_hardship,
	guardiansEmployedOrTraining: m.criterion_guardiansEmployedOrTraining,
	registrationDate: m.criterion_registrationDate
};
