// One structural template per mail kind: the order of its blocks, its links and which texts of the
// message catalogue (src/lib/messages, keys `mail_…`) fill them. The words are the catalogue's, so a
// language is a set of texts there, not a module here.
import type { Role } from '../../../src/lib/domain/roles';
import type { ServerMessages } from '../../i18n/generated/mail';
import type { MailBlock, MailContent, MailKind, MailParamsByKind } from './types';

export type MailTemplate<K extends MailKind> = (
	params: MailParamsByKind[K],
	t: ServerMessages
) => MailContent;

const text = (value: string): MailBlock => ({ text: value });
const link = (url: string, label: string): MailBlock => ({ link: url, label });
/** A text followed by lines of its own (the Kitas of a registration, an address). */
const lines = (label: string, rest: string): MailBlock => ({ text: `${label}\n${rest}` });

const roleName: Record<Role, (t: ServerMessages) => string> = {
	parent: (t) => t.mail_role_parent(),
	staff: (t) => t.mail_role_staff(),
	childminding: (t) => t.mail_role_childminding(),
	admin: (t) => t.mail_role_admin()
};

export const MAIL_TEMPLATES: { [K in MailKind]: MailTemplate<K> } = {
	confirm: (p, t) => ({
		subject: t.mail_confirm_subject(),
		blocks: [
			text(t.mail_confirm_thanks()),
			text(t.mail_confirm_request()),
			link(p.confirmUrl, t.mail_confirm_confirm_link()),
			text(t.mail_confirm_validity({ minutes: p.minutes })),
			text(t.mail_confirm_expired()),
			link(p.resendUrl, t.mail_confirm_resend_link()),
			text(t.mail_confirm_ignore())
		]
	}),
	alreadyRegistered: (p, t) => ({
		subject: t.mail_already_registered_subject(),
		blocks: [
			text(t.mail_already_registered_attempt()),
			text(t.mail_already_registered_if_you()),
			link(p.loginUrl, t.mail_already_registered_login_link()),
			text(t.mail_already_registered_forgot()),
			link(p.forgotUrl, t.mail_already_registered_forgot_link()),
			text(t.mail_already_registered_if_not_you())
		]
	}),
	reset: (p, t) => ({
		subject: t.mail_reset_subject(),
		blocks: [
			text(t.mail_reset_requested()),
			text(t.mail_reset_request()),
			link(p.resetUrl, t.mail_reset_reset_link()),
			text(t.mail_reset_validity({ minutes: p.minutes })),
			text(t.mail_reset_ignore())
		]
	}),
	invite: (p, t) => ({
		subject: t.mail_invite_subject(),
		blocks: [
			text(t.mail_invite_invited({ role: roleName[p.role](t) })),
			text(t.mail_invite_request()),
			link(p.inviteUrl, t.mail_invite_invite_link()),
			text(t.mail_invite_validity({ hours: p.hours }))
		]
	}),
	changeEmail: (p, t) => ({
		subject: t.mail_change_email_subject(),
		blocks: [
			text(t.mail_change_email_request()),
			link(p.confirmUrl, t.mail_change_email_confirm_link()),
			text(t.mail_change_email_validity({ minutes: p.minutes })),
			text(t.mail_change_email_ignore())
		]
	}),
	emailChanged: (p, t) => ({
		subject: t.mail_email_changed_subject(),
		blocks: [
			text(t.mail_email_changed_changed()),
			text(t.mail_email_changed_if_not_you()),
			link(p.forgotUrl, t.mail_email_changed_forgot_link())
		]
	}),
	passwordChanged: (p, t) => ({
		subject: t.mail_password_changed_subject(),
		blocks: [
			text(t.mail_password_changed_changed()),
			text(t.mail_password_changed_if_not_you()),
			link(p.forgotUrl, t.mail_password_changed_forgot_link())
		]
	}),
	registration: (p, t) => ({
		subject: t.mail_registration_subject({ number: p.number }),
		blocks: [
			text(t.mail_registration_received({ child: p.child, number: p.number, submittedAt: p.submittedAt })),
			lines(t.mail_registration_kitas(), p.kitas.map((kita) => `– ${kita}`).join('\n')),
			text(t.mail_registration_proof()),
			text(t.mail_registration_next()),
			link(p.receiptUrl, t.mail_registration_receipt_link())
		]
	}),
	statusChange: (p, t) => ({
		subject: t.mail_status_change_subject(),
		blocks: [
			text(t.mail_status_change_changed()),
			text(t.mail_status_change_request()),
			link(p.loginUrl, t.mail_status_change_login_link())
		]
	}),
	offerReleased: (p, t) => ({
		subject: t.mail_offer_released_subject(),
		blocks: [
			text(t.mail_offer_released_kept({ child: p.child, keptKita: p.keptKita, keptRank: p.keptRank })),
			text(t.mail_offer_released_released({ releasedKita: p.releasedKita, releasedRank: p.releasedRank })),
			text(t.mail_offer_released_answer()),
			link(p.loginUrl, t.mail_offer_released_login_link())
		]
	}),
	linkQuestion: (p, t) => ({
		subject: t.mail_link_question_subject(),
		blocks: [
			text(t.mail_link_question_question()),
			text(t.mail_link_question_request()),
			link(p.loginUrl, t.mail_link_question_login_link())
		]
	}),
	carryOver: (p, t) => ({
		subject: t.mail_carry_over_subject({ toYear: p.toYear }),
		blocks: [
			text(t.mail_carry_over_carried({ fromYear: p.fromYear, toYear: p.toYear })),
			text(t.mail_carry_over_no_need()),
			link(p.loginUrl, t.mail_carry_over_login_link())
		]
	}),
	childminding: (p, t) => ({
		subject: t.mail_childminding_subject({ number: p.number }),
		blocks: [
			text(t.mail_childminding_received({ child: p.child, number: p.number, submittedAt: p.submittedAt })),
			text(t.mail_childminding_no_contract()),
			lines(t.mail_childminding_address(), p.officeAddress),
			link(p.statusUrl, t.mail_childminding_status_link())
		]
	})
};
