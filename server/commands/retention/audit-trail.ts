// Audit entries older than `auditDays` are deleted (the privacy page: twelve months).
import { cutoffInstant } from '../../../src/lib/domain/retention';
import type { RetentionPolicy } from './policy';

export const auditTrail: RetentionPolicy = {
	name: 'audit-trail',
	selects: 'audit entries written more than the period ago',
	does: 'deletes them',
	period: 'auditDays',
	async run({ ctx, periods }) {
		const gone = await ctx.tx
			.deleteFrom('audit_events')
			.where('at', '<', cutoffInstant(ctx.now, periods.auditDays))
			.executeTakeFirst();
		return { auditDeleted: Number(gone.numDeletedRows) };
	}
};
