// The records of deletions for devices (sync_deletions) older than `transientDays` go: devices that
// pulled within the period have them; a device that has not pulled since gets a reset instead.
import { cutoffInstant } from '../../../src/lib/domain/retention';
import { pruneDeletions } from '../deletions';
import type { RetentionPolicy } from './policy';

export const syncDeletions: RetentionPolicy = {
	name: 'sync-deletions',
	selects: 'records of deletions for devices older than the period',
	does: 'deletes them (older device cookies get a reset)',
	period: 'transientDays',
	async run({ ctx, periods }) {
		return { deletionsPruned: await pruneDeletions(ctx.tx, cutoffInstant(ctx.now, periods.transientDays)) };
	}
};
