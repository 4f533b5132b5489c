// Mutations parents send: their family, children, registrations, answers and child-minding.
import { compareDays } from '../../../src/lib/domain/calendar-day';
import { hasErrors, checkRequestItem } from '../../../src/lib/domain/registration-rules';
import { kitaYearFor, isBorn } from '../../../src/lib/domain/kita-year';
import { decideChildminding, type ChildmindingStatus } from '../../../src/lib/domain/childminding';
import { isOpen, type RequestStatus } from '../../../src/lib/domain/placement';
import { audit } from '../../services/audit';
import { listKitaYears, toFacility } from '../../services/catalogue';
import {
	childrenHeldBy,
	ensureFamily,
	familyOfUser,
	nextNumber,
	saveChild,
	saveGuardian,
	toChild
} from '../../services/families';
import { notifyChildminding, notifyRegistration } from '../../services/notifications';
import { insertEvent, toRequest, transitionRequest } from '../../services/requests';
import { detectWalkinMatches } from '../../services/walkins';
import { Refusal } from '../refusal';
import type { MutatorContext, MutatorRegistry } from './context';

async function ownFamily(ctx: MutatorContext): Promise<string> {
	return ensureFamily(ctx.tx, ctx.session.userId, await ctx.seq(), ctx.now);
}

/**
 * A child of the parent's family that can take requests. A record linked into another child
 * ("same child") cannot: its requests belong to the surviving record's family (childrenHeldBy).
 */
async function ownChild(ctx: MutatorContext, childId: string) {
	const family = await familyOfUser(ctx.tx, ctx.session.userId);
	const child = family
		? await ctx.tx
				.selectFrom('children')
				.selectAll()
				.where('id', '=', childId)
				.where('family_id', '=', family.id)
				.executeTakeFirst()
		: undefined;
	if (!family || !child) throw new Refusal('notFound', 'child.notFound');
	if (child.merged_into !== null) throw new Refusal('notFound', 'child.linked');
	return { familyId: family.id, child };
}

/** A request of a child the parent's family holds — the same rule as the parent's pull scope. */
async function ownRequest(ctx: MutatorContext, requestId: string) {
	const family = await familyOfUser(ctx.tx, ctx.session.userId);
	const row = family
		? await ctx.tx
				.selectFrom('requests')
				.selectAll()
				.where('id', '=', requestId)
				.where('child_id', 'in', childrenHeldBy(ctx.tx, ctx.session.userId))
				.executeTakeFirst()
		: undefined;
	if (!family || !row) throw new Refusal('notFound', 'request.notFound');
	return { familyId: family.id, row };
}

async function staffOf(ctx: MutatorContext, facilityId: string): Promise<string[]> {
	const rows = await ctx.tx
		.selectFrom('user_facilities')
		.select('user_id')
		.where('facility_id', '=', facilityId)
		.execute();
	return rows.map((r) => r.user_id);
}

export const parentMutators: MutatorRegistry = {
	saveGuardian: {
		roles: ['parent'],
		async run(ctx, args) {
			const familyId = await ownFamily(ctx);
			const existing = await ctx.tx
				.selectFrom('guardians')
				.select(['family_id', 'position'])
				.where('id', '=', args.id)
				.executeTakeFirst();
			if (existing && existing.family_id !== familyId) throw new Refusal('notFound', 'guardian.notFound');
			const taken = await ctx.tx
				.selectFrom('guardians')
				.select('id')
				.where('family_id', '=', familyId)
				.where('position', '=', args.position)
				.where('id', '!=', args.id)
				.executeTakeFirst();
			if (taken) throw new Refusal('positionTaken', 'guardian.positionTaken');
			await saveGuardian(ctx.tx, familyId, args, await ctx.seq(), ctx.now);
			await audit(
				ctx.tx,
				{ action: 'family.write', actor: ctx.session, targetType: 'guardian', targetId: args.id },
				ctx.now
			);
		}
	},
	saveChild: {
		roles: ['parent'],
		async run(ctx, args) {
			// Only children already born can be registered (FAQ); the server's day decides.
			if (!isBorn(args.birthDate, ctx.today)) throw new Refusal('notBorn', 'child.notBorn');
			const familyId = await ownFamily(ctx);
			const existing = await ctx.tx
				.selectFrom('children')
				.select('family_id')
				.where('id', '=', args.id)
				.executeTakeFirst();
			if (existing && existing.family_id !== familyId) throw new Refusal('notFound', 'child.notFound');
			await saveChild(ctx.tx, familyId, args, await ctx.seq(), ctx.now);
			// The same child may have been registered in person at a Kita before (walk-in).
			for (const id of await detectWalkinMatches(ctx.tx, args.id, await ctx.seq(), ctx.now))
				ctx.affected.add(id);
			await audit(
				ctx.tx,
				{ action: 'child.write', actor: ctx.session, targetType: 'child', targetId: args.id },
				ctx.now
			);
		}
	},
	submitRegistration: {
		roles: ['parent'],
		async run(ctx, args) {
			const { familyId, child } = await ownChild(ctx, args.childId);
			const seq = await ctx.seq();
			const years = await listKitaYears(ctx.tx);
			const ids = args.items.map((i) => i.facilityId);
			if (new Set(ids).size !== ids.length) throw new Refusal('duplicateKita', 'registration.duplicateKita');
			const facilities = new Map(
				(await ctx.tx.selectFrom('facilities').selectAll().where('id', 'in', ids).execute()).map((r) => [
					r.id,
					toFacility(r)
				])
			);
			const openRequests = await ctx.tx
				.selectFrom('requests')
				.select(['facility_id', 'kita_year_id', 'status', 'rank'])
				.where('child_id', '=', child.id)
				.execute();
			const number = await nextNumber(ctx.tx, `KP-${ctx.today.slice(0, 4)}`);
			await ctx.tx
				.insertInto('registrations')
				.values({
					id: args.registrationId,
					number,
					family_id: familyId,
					child_id: child.id,
					submitted_at: ctx.now.toISOString(),
					submitted_by: ctx.session.userId,
					source: 'online',
					seq
				})
				.execute();
			const names: string[] = [];
			for (const [index, item] of args.items.entries()) {
				const facility = facilities.get(item.facilityId);
				if (!facility)
					throw new Refusal('facilityNotFound', 'registration.facilityNotFound', {
						facilityId: item.facilityId
					});
				const issues = checkRequestItem(item, facility, child.birth_date, years, ctx.today);
				if (hasErrors(issues))
					throw new Refusal('invalidRegistration', 'registration.invalid', {
						facilityId: item.facilityId,
						issues: issues.filter((i) => i.kind === 'error')
					});
				const year = kitaYearFor(item.startDate, years);
				if (!year) throw new Refusal('noKitaYear', 'registration.noKitaYear');
				if (
					openRequests.some(
						(r) =>
							r.facility_id === item.facilityId &&
							r.kita_year_id === year.id &&
							isOpen(r.status as RequestStatus)
					)
				)
					throw new Refusal('alreadyRegistered', 'registration.alreadyRegistered', {
						facilityId: item.facilityId
					});
				const rankBase = Math.max(
					0,
					...openRequests.filter((r) => r.kita_year_id === year.id).map((r) => r.rank)
				);
				await ctx.tx
					.insertInto('requests')
					.values({
						id: item.requestId,
						registration_id: args.registrationId,
						child_id: child.id,
						facility_id: item.facilityId,
						kita_year_id: year.id,
						rank: rankBase + index + 1,
						start_date: item.startDate,
						weekly_hours: item.weeklyHours,
						change_request: item.changeRequest ? 1 : 0,
						comment: item.comment,
						status: 'registered',
						registered_at: ctx.now.toISOString(),
						offered_at: null,
						offer_expires_at: null,
						offer_start_date: null,
						offer_weekly_hours: null,
						offer_note: null,
						contracted_at: null,
						reject_reason: null,
						reject_note: null,
						updated_at: ctx.now.toISOString(),
						seq
					})
					.execute();
				await insertEvent(ctx.tx, {
					requestId: item.requestId,
					at: ctx.now,
					actorId: ctx.session.userId,
					actorRole: 'parent',
					event: 'register',
					from: null,
					to: 'registered',
					seq
				});
				for (const id of await staffOf(ctx, item.facilityId)) ctx.affected.add(id);
				names.push(`${facility.name}, ${facility.postcode} ${facility.town}`);
			}
			await notifyRegistration(
				ctx.tx,
				{
					familyId,
					registrationId: args.registrationId,
					number,
					childFirstName: child.first_name,
					kitas: names
				},
				ctx.now,
				ctx.app.config.origin
			);
			await audit(
				ctx.tx,
				{
					action: 'request.write',
					actor: ctx.session,
					targetType: 'registration',
					targetId: args.registrationId
				},
				ctx.now
			);
		}
	},
	updateRequest: {
		roles: ['parent'],
		async run(ctx, args) {
			const { row } = await ownRequest(ctx, args.requestId);
			const child = toChild(
				await ctx.tx
					.selectFrom('children')
					.selectAll()
					.where('id', '=', row.child_id)
					.executeTakeFirstOrThrow()
			);
			const facility = toFacility(
				await ctx.tx
					.selectFrom('facilities')
					.selectAll()
					.where('id', '=', row.facility_id)
					.executeTakeFirstOrThrow()
			);
			const years = await listKitaYears(ctx.tx);
			const issues = checkRequestItem(args, facility, child.birthDate, years, ctx.today);
			if (hasErrors(issues))
				throw new Refusal('invalidRegistration', 'registration.invalid', {
					issues: issues.filter((i) => i.kind === 'error'),
					current: toRequest(row, 'parent')
				});
			const year = kitaYearFor(args.startDate, years);
			if (!year) throw new Refusal('noKitaYear', 'registration.noKitaYear');
			await transitionRequest(
				ctx.tx,
				row,
				{
					event: 'update',
					actor: 'parent',
					actorId: ctx.session.userId,
					actorRole: 'parent',
					expectedStatus: args.expectedStatus,
					now: ctx.now,
					today: ctx.today,
					seq: await ctx.seq(),
					set: {
						start_date: args.startDate,
						weekly_hours: args.weeklyHours,
						change_request: args.changeRequest ? 1 : 0,
						comment: args.comment,
						kita_year_id: year.id
					}
				},
				'parent'
			);
			for (const id of await staffOf(ctx, row.facility_id)) ctx.affected.add(id);
			await audit(
				ctx.tx,
				{ action: 'request.write', actor: ctx.session, targetType: 'request', targetId: row.id },
				ctx.now
			);
		}
	},
	rankRequests: {
		roles: ['parent'],
		async run(ctx, args) {
			const { child } = await ownChild(ctx, args.childId);
			const rows = await ctx.tx
				.selectFrom('requests')
				.select(['id', 'rank'])
				.where('child_id', '=', child.id)
				.where('kita_year_id', '=', args.kitaYearId)
				.execute();
			const known = new Set(rows.map((r) => r.id));
			if (args.order.some((id) => !known.has(id))) throw new Refusal('notFound', 'request.notFound');
			const seq = await ctx.seq();
			// Requests missing from the order (e.g. made on another device meanwhile) keep their place behind.
			const rest = rows
				.filter((r) => !args.order.includes(r.id))
				.sort((a, b) => a.rank - b.rank)
				.map((r) => r.id);
			for (const [index, id] of [...args.order, ...rest].entries()) {
				await ctx.tx
					.updateTable('requests')
					.set({ rank: index + 1, seq, updated_at: ctx.now.toISOString() })
					.where('id', '=', id)
					.execute();
			}
		}
	},
	withdrawRequest: {
		roles: ['parent'],
		async run(ctx, args) {
			const { row } = await ownRequest(ctx, args.requestId);
			await transitionRequest(
				ctx.tx,
				row,
				{
					event: 'withdraw',
					actor: 'parent',
					actorId: ctx.session.userId,
					actorRole: 'parent',
					expectedStatus: args.expectedStatus,
					now: ctx.now,
					today: ctx.today,
					seq: await ctx.seq()
				},
				'parent'
			);
			for (const id of await staffOf(ctx, row.facility_id)) ctx.affected.add(id);
			await audit(
				ctx.tx,
				{ action: 'request.transition', actor: ctx.session, targetType: 'request', targetId: row.id },
				ctx.now
			);
		}
	},
	answerOffer: {
		roles: ['parent'],
		async run(ctx, args) {
			const { row } = await ownRequest(ctx, args.requestId);
			await transitionRequest(
				ctx.tx,
				row,
				{
					event: args.answer,
					actor: 'parent',
					actorId: ctx.session.userId,
					actorRole: 'parent',
					expectedStatus: args.expectedStatus,
					now: ctx.now,
					today: ctx.today,
					seq: await ctx.seq()
				},
				'parent'
			);
			for (const id of await staffOf(ctx, row.facility_id)) ctx.affected.add(id);
			await audit(
				ctx.tx,
				{ action: 'request.transition', actor: ctx.session, targetType: 'request', targetId: row.id },
				ctx.now
			);
		}
	},
	submitChildminding: {
		roles: ['parent'],
		async run(ctx, args) {
			const { familyId, child } = await ownChild(ctx, args.childId);
			if (compareDays(args.startDate, child.birth_date) < 0)
				throw new Refusal('startBeforeBirth', 'childminding.startBeforeBirth');
			if (compareDays(args.startDate, ctx.today) < 0)
				throw new Refusal('startInPast', 'childminding.startInPast');
			const seq = await ctx.seq();
			const number = await nextNumber(ctx.tx, `TP-${ctx.today.slice(0, 4)}`);
			await ctx.tx
				.insertInto('childminder_requests')
				.values({
					id: args.id,
					number,
					family_id: familyId,
					child_id: child.id,
					start_date: args.startDate,
					weekly_hours: args.weeklyHours,
					comment: args.comment,
					status: 'submitted',
					internal_note: '',
					submitted_at: ctx.now.toISOString(),
					updated_at: ctx.now.toISOString(),
					seq
				})
				.execute();
			const advisers = await ctx.tx
				.selectFrom('users')
				.select('id')
				.where('role', '=', 'childminding')
				.execute();
			for (const a of advisers) ctx.affected.add(a.id);
			await notifyChildminding(
				ctx.tx,
				{
					familyId,
					number,
					childFirstName: child.first_name,
					officeAddress: ctx.app.config.youthOfficeAddress
				},
				ctx.now,
				ctx.app.config.origin
			);
			await audit(
				ctx.tx,
				{
					action: 'childminding.write',
					actor: ctx.session,
					targetType: 'childminderRequest',
					targetId: args.id
				},
				ctx.now
			);
		}
	},
	withdrawChildminding: {
		roles: ['parent'],
		async run(ctx, args) {
			const row = await ctx.tx
				.selectFrom('childminder_requests')
				.selectAll()
				.where('id', '=', args.id)
				.where('child_id', 'in', childrenHeldBy(ctx.tx, ctx.session.userId))
				.executeTakeFirst();
			if (!row) throw new Refusal('notFound', 'childminding.notFound');
			const decision = decideChildminding({
				status: row.status as ChildmindingStatus,
				event: 'withdraw',
				actor: 'parent',
				expectedStatus: args.expectedStatus
			});
			if (!decision.ok)
				throw new Refusal(decision.code, `childminding.${decision.code}`, { id: row.id, status: row.status });
			await ctx.tx
				.updateTable('childminder_requests')
				.set({ status: decision.to, updated_at: ctx.now.toISOString(), seq: await ctx.seq() })
				.where('id', '=', row.id)
				.execute();
			const advisers = await ctx.tx
				.selectFrom('users')
				.select('id')
				.where('role', '=', 'childminding')
				.execute();
			for (const a of advisers) ctx.affected.add(a.id);
			await audit(
				ctx.tx,
				{
					action: 'childminding.write',
					actor: ctx.session,
					targetType: 'childminderRequest',
					targetId: row.id
				},
				ctx.now
			);
		}
	}
};
