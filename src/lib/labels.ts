// Message-catalogue labels for domain enums (messages are functions, so map them once here).
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
