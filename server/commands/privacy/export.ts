// Downloading the family's data (Art. 15 GDPR) is a query (services/privacy.ts#exportFamilyData);
// the audit trail records that it happened.
import { audit } from '../../services/audit';
import type { UserCommandContext } from '../context';

export async function recordExportDownload(ctx: UserCommandContext): Promise<void> {
	await audit(
		ctx.tx,
		{ action: 'export.download', actor: ctx.actor, targetType: 'user', targetId: ctx.actor.userId },
		ctx.now
	);
}
