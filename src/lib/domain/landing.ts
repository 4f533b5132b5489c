// Where each role starts after login: parents their overview, staff their queue, the Fachberatung
// theirs, admins the youth office's overview of the district (demand, offers and legal claims of a
// Kita year). A module of its own, loaded at login, so that the login pages' first load stays small.
import type { Role } from './roles';

const LANDING: Record<Role, string> = {
	parent: '/uebersicht',
	staff: '/kita',
	childminding: '/fachberatung',
	admin: '/verwaltung/berichte'
};

export function landingPath(role: Role): string {
	return LANDING[role];
}
