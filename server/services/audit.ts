// The audit trail: who did what to which record. Ids only — never names, addresses or mail addresses.
import type { AuthSession } from '../auth/session';
import type { Executor } from '../db/database';

/** Every audited action, in one list (as eVaka keeps one enum of audit events). */
export const AUDIT_ACTIONS = [
	'login.success',
	'login.failure',
	'login.mfaFailure',
	'logout',
	'signup',
	'email.confirm',
	'password.resetRequest',
	'password.reset',
	'password.change',
	'email.changeRequest',
	'email.change',
	'mfa.setup',
	'mfa.disable',
	'mfa.recoveryUsed',
	'invite.create',
	'invite.accept',
	'account.deactivate',
	'account.reactivate',
	'account.sessionsEnded',
	'account.facilities',
	'account.delete',
	'family.read',
	'family.write',
	'child.read',
	'child.write',
	'request.read',
	'request.write',
	'request.transition',
	'walkin.create',
	'walkin.linkProposed',
	'walkin.link',
	'walkin.separate',
	'walkin.claim',
	'queue.move',
	'hardship.record',
	'childminding.read',
	'childminding.write',
	'facility.write',
	'kitaYear.write',
	'export.download',
	'report.read',
	'audit.read',
	'feedback.read',
	'feedback.handle',
	'carryOver.run',
	'round.start',
	'round.send',
	'round.change',
	'round.lapse',
	'retention.run',
	'backup.run'
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
	action: AuditAction;
	actor?: Pick<AuthSession, 'userId' | 'role'> | { userId: string | null; role: string | null } | null;
	targetType?: string;
	targetId?: string | null;
	outcome?: 'ok' | 'refused' | 'failed';
}

export async function audit(db: Executor, entry: AuditEntry, now: Date): Promise<void> {
	await db
		.insertInto('audit_events')
		.values({
			at: now.toISOString(),
			actor_id: entry.actor?.userId ?? null,
			actor_role: entry.actor?.role ?? null,
			action: entry.action,
			target_type: entry.targetType ?? null,
			target_id: entry.targetId ?? null,
			outcome: entry.outcome ?? 'ok'
		})
		.execute();
}
