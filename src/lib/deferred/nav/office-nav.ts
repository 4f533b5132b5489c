// The menus of the Kitas' staff, the Fachberatung and the youth office: loaded (with their texts,
// namespace deferred/nav) only on a device where such a user is logged in, so that the first load
// of every public and parent page does not carry them (src/lib/client/office-nav.svelte.ts).
import type { Role } from '$lib/domain/roles';
import { m } from '$lib/i18n/messages';

export type NavItem = { href: string; label: () => string };

export const OFFICE_NAV: Partial<Record<Role, NavItem[]>> = {
	staff: [
		{ href: '/kita', label: m.nav_staff_queue },
		{ href: '/kita/plaetze', label: m.nav_staff_places },
		{ href: '/kita/vor-ort', label: m.nav_staff_walkin },
		{ href: '/kita/dubletten', label: m.nav_staff_duplicates },
		{ href: '/kita/angaben', label: m.nav_staff_info }
	],
	admin: [
		{ href: '/verwaltung/kitas', label: m.nav_office_kitas },
		{ href: '/verwaltung/kindergartenjahre', label: m.nav_office_years },
		{ href: '/verwaltung/konten', label: m.nav_office_accounts },
		{ href: '/verwaltung/dubletten', label: m.nav_office_duplicates },
		{ href: '/verwaltung/berichte', label: m.nav_office_reports },
		{ href: '/verwaltung/protokoll', label: m.nav_office_audit },
		{ href: '/verwaltung/barriere-meldungen', label: m.nav_office_feedback }
	],
	childminding: [{ href: '/fachberatung', label: m.nav_childminding_queue }]
};
