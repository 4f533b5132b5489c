// English mail texts, for accounts whose locale is English.
import type { Role } from '../../../src/lib/domain/roles';
import { plural } from './plural';
import type { MailLocale } from './types';

const roleNames: Record<Role, string> = {
	parent: 'parent',
	staff: 'Kita staff',
	childminding: 'child-minding advisory service (Fachberatung)',
	admin: 'administration'
};

const minutes = (n: number) => plural('en', n, { one: '# minute', other: '# minutes' });
const hours = (n: number) => plural('en', n, { one: '# hour', other: '# hours' });

export const en: MailLocale = {
	greeting: (name) => `Hello ${name},`,
	closing: ['Kind regards', 'Kita-Portal of Kreis Soest'],
	footer:
		'This email was sent automatically by the Kita-Portal of Kreis Soest (demonstration environment). Please do not reply to it.',
	templates: {
		confirm: (p) => ({
			subject: 'Please confirm your email address',
			blocks: [
				{ text: 'thank you for signing up to the Kita-Portal of Kreis Soest.' },
				{ text: 'Please confirm your email address with this link:' },
				{ link: p.confirmUrl, label: 'Confirm email address' },
				{
					text: `For security reasons the link is valid for ${minutes(p.minutes)} and works once. If clicking it does not work, copy the link and paste it into your browser's address bar.`
				},
				{ text: 'Has the link expired? This second link sends you a new one:' },
				{ link: p.resendUrl, label: 'Request a new confirmation link' },
				{ text: 'If you did not sign up, you can ignore this email.' }
			]
		}),
		alreadyRegistered: (p) => ({
			subject: 'Sign-up at the Kita-Portal',
			blocks: [
				{
					text: 'someone tried to create a new account at the Kita-Portal with your email address. This address already has an account.'
				},
				{ text: 'If that was you, please log in with your password:' },
				{ link: p.loginUrl, label: 'Parent login' },
				{ text: 'Forgot your password? Request a new link here:' },
				{ link: p.forgotUrl, label: 'Forgot password' },
				{ text: 'If that was not you, you can ignore this email. Your account is unchanged.' }
			]
		}),
		reset: (p) => ({
			subject: 'New password for the Kita-Portal',
			blocks: [
				{ text: 'you asked for a new password for your Kita-Portal account.' },
				{ text: 'Set a new password with this link:' },
				{ link: p.resetUrl, label: 'Set a new password' },
				{
					text: `The link is valid for ${minutes(p.minutes)} and works once. Afterwards you are logged out on all devices and log in with the new password.`
				},
				{ text: 'If you did not ask for a new password, you can ignore this email.' }
			]
		}),
		invite: (p) => ({
			subject: 'Invitation to the Kita-Portal of Kreis Soest',
			blocks: [
				{ text: `You have been invited to the Kita-Portal of Kreis Soest (role: ${roleNames[p.role]}).` },
				{ text: 'Set your password with this link:' },
				{ link: p.inviteUrl, label: 'Set password' },
				{
					text: `The link is valid for ${hours(p.hours)}. At your first login you set up two-factor login with an authenticator app.`
				}
			]
		}),
		changeEmail: (p) => ({
			subject: 'Please confirm your new email address',
			blocks: [
				{
					text: 'you want to use this email address for your Kita-Portal account. It counts only once you confirm it with this link:'
				},
				{ link: p.confirmUrl, label: 'Confirm new email address' },
				{ text: `The link is valid for ${minutes(p.minutes)} and works once.` },
				{ text: 'If you did not ask for this, you can ignore this email.' }
			]
		}),
		emailChanged: (p) => ({
			subject: 'Your email address was changed',
			blocks: [
				{
					text: 'the email address of your Kita-Portal account was changed. Messages from the portal now go to the new address.'
				},
				{
					text: 'If you did not do this, please contact the youth welfare office (Jugendamt) of Kreis Soest and reset your password:'
				},
				{ link: p.forgotUrl, label: 'Forgot password' }
			]
		}),
		passwordChanged: (p) => ({
			subject: 'Your password was changed',
			blocks: [
				{ text: 'the password of your Kita-Portal account has just been changed.' },
				{ text: 'If that was not you, reset your password at once:' },
				{ link: p.forgotUrl, label: 'Forgot password' }
			]
		}),
		registration: (p) => ({
			subject: `Confirmation of your registration ${p.number}`,
			blocks: [
				{
					text: `Your registration for ${p.child} has been received by the Kita-Portal of Kreis Soest (registration number ${p.number}, ${p.submittedAt}).`
				},
				{ text: `It was sent to these Kitas of your choice:\n${p.kitas.map((k) => `– ${k}`).join('\n')}` },
				{
					text: 'This email and the receipt in the portal confirm that you announced your need for childcare (§ 3b KiBiz).'
				},
				{
					text: 'As soon as a Kita can offer you a place, the status in the portal changes to “Contract offer” (Vertragsangebot). The Kita’s head will then contact you by email, phone or post.'
				},
				{ link: p.receiptUrl, label: 'View receipt and status' }
			]
		}),
		statusChange: (p) => ({
			subject: 'The status of your registration has changed',
			blocks: [
				{ text: "the status of your child's registration in the Kita-Portal has changed." },
				{ text: 'Please log in to the Kita-Portal to see it:' },
				{ link: p.loginUrl, label: 'Parent login (Eltern-Login)' }
			]
		}),
		linkQuestion: (p) => ({
			subject: 'A Kita asks whether a registration concerns your child',
			blocks: [
				{
					text: 'a Kita in the district has registered a child in person whose name and date of birth match a child in your account. The Kita asks whether this is your child.'
				},
				{
					text: 'Please log in to the Kita-Portal and answer the question. Nothing is combined unless you agree.'
				},
				{ link: p.loginUrl, label: "To the parents' login" }
			]
		}),
		carryOver: (p) => ({
			subject: `Your registration was carried over to the Kita year ${p.toYear}`,
			blocks: [
				{
					text: `The allocation of places for the Kita year ${p.fromYear} has ended. Your child's registrations that have not received a place yet were carried over to the Kita year ${p.toYear} automatically.`
				},
				{
					text: 'You do not need to register your child again. Please check the desired start date in the portal and whether further Kitas or child-minding (Kindertagespflege) would suit you.'
				},
				{ link: p.loginUrl, label: 'Parent login (Eltern-Login)' }
			]
		}),
		childminding: (p) => ({
			subject: `Online pre-registration confirmation, child-minding ${p.number}`,
			blocks: [
				{
					text: `Your registration for a child-minding place (Kindertagespflege) for ${p.child} has been received (number ${p.number}, ${p.submittedAt}). It was sent to the responsible advisers (Fachberatung) of the youth welfare office (Jugendamt), who will contact you if needed.`
				},
				{
					text: 'Registering in the Kita-Portal replaces neither the application for child-minding funding nor the contract with the child-minder.'
				},
				{ text: `Address:\n${p.officeAddress}` },
				{ link: p.statusUrl, label: 'View the status in the portal' }
			]
		})
	}
};
