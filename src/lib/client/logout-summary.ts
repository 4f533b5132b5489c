// What logging out would delete from this device, named for the warning: the changes not yet sent
// ("Anmeldung zurückziehen: Mia Sommer, Kita …") and the refused ones still under "Achtung".
import { isUserChange } from '$lib/sync/read-records';
import { loadChangeNames } from './change-names';
import { openLocalDb } from './data-layer';
import { describePending } from './pending-text';

export interface LogoutSummary {
	pending: string[];
	refused: number;
}

export async function logoutSummary(staff: boolean): Promise<LogoutSummary> {
	const db = await openLocalDb();
	const [entries, refused, names] = await Promise.all([
		db.outbox.orderBy('id').toArray(),
		db.rejections.where('dismissed').equals(0).count(),
		loadChangeNames(db, staff)
	]);
	return { pending: entries.filter(isUserChange).map((entry) => describePending(entry, names)), refused };
}
