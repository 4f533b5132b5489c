// The office roles' menus (src/lib/deferred/nav/office-nav.ts), loaded where such a user is known:
// before the first render when one is remembered on this device (no menu jumps in), else at login.
import type { Role } from '$lib/domain/roles';
import { loadMessages } from '$lib/i18n/messages';
import type { NavItem } from '$lib/deferred/nav/office-nav';

let menus = $state<Partial<Record<Role, NavItem[]>>>({});
let loading: Promise<void> | undefined;

/** The menu of `role` beyond the public one, once loaded; parents' is in the shell itself. */
export function officeNav(role: Role | undefined): NavItem[] {
	return (role && menus[role]) || [];
}

export function loadOfficeNav(role: Role | undefined): Promise<void> {
	if (!role || role === 'parent') return Promise.resolve();
	// A template literal: the catalogue compiler does not follow it, so the texts stay out of core.
	return (loading ??= Promise.all([
		import(`../deferred/nav/office-nav.ts`) as Promise<typeof import('../deferred/nav/office-nav')>,
		loadMessages('deferred/nav')
	]).then(
		([module]) => void (menus = module.OFFICE_NAV),
		() => void (loading = undefined)
	));
}
