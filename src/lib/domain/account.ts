// Account forms and their rules, shared by the browser (validation before sending) and the server
// (the same schemas validate every tRPC input). Error messages are codes; the client translates them.
import { z } from './zod';
import { ROLES, type Role } from './roles';
import { postcodeSchema } from './schema-parts';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;
/** Confirmation and reset links (FAQ: "nach einer Stunde"). */
export const EMAIL_LINK_MINUTES = 60;
/** Invitations of staff, Fachberatung and admins. */
export const INVITE_LINK_HOURS = 72;
/** How long the second link of a confirmation mail ("neuen Link senden") keeps working. */
export const RESEND_LINK_DAYS = 7;
export const RECOVERY_CODE_COUNT = 10;
/** The portal's languages (project.inlang/settings.json); an account's mails go out in its locale. */
export const ACCOUNT_LOCALES = ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'pl'] as const;
export type AccountLocale = (typeof ACCOUNT_LOCALES)[number];

export { ACCOUNT_ERROR_CODES, fieldErrors, isAccountErrorCode, type AccountErrorCode } from './account-codes';

/** Lower-case and trimmed: one address, one account, however it was typed. */
export const emailSchema = z
	.string('required')
	.trim()
	.toLowerCase()
	.min(1, 'required')
	.max(254, 'emailInvalid')
	.pipe(z.email('emailInvalid'));

/** Length only (NIST 800-63B / BSI): no composition rules, any character counts. */
export const passwordSchema = z
	.string('required')
	.min(1, 'required')
	.refine((value) => [...value].length >= PASSWORD_MIN, 'passwordTooShort')
	.refine((value) => [...value].length <= PASSWORD_MAX, 'passwordTooLong');

/** At login any stored password is accepted for checking; length rules apply when one is set. */
const loginPasswordSchema = z.string('required').min(1, 'required').max(1024, 'passwordTooLong');

function text(max: number) {
	return z.string('required').trim().min(1, 'required').max(max, 'tooLong');
}

const optionalPhone = z
	.string()
	.trim()
	.max(40, 'tooLong')
	.regex(/^(\+?[0-9 ()/-]{5,40})?$/, 'phoneInvalid');

export const localeSchema = z.enum(ACCOUNT_LOCALES).catch('de');

/** Changing the account's language (from the language switcher); unknown values are refused. */
export const setLocaleSchema = z.object({ locale: z.enum(ACCOUNT_LOCALES) });

/** A raw token from a mail link: base32, long enough that guessing is hopeless. */
export const tokenSchema = z
	.string('tokenInvalid')
	.trim()
	.regex(/^[a-z2-7]{20,64}$/, 'tokenInvalid');

export const totpCodeSchema = z
	.string('required')
	.transform((value) => value.replace(/\s+/g, ''))
	.pipe(z.string().regex(/^\d{6}$/, 'codeInvalid'));

/** Recovery codes are shown as `xxxxx-xxxxx`; accepted with or without the dash, any case. */
export const recoveryCodeSchema = z
	.string('required')
	.transform((value) => value.replace(/[\s-]+/g, '').toLowerCase())
	.pipe(z.string().regex(/^[a-z2-7]{10}$/, 'codeInvalid'));

export const signUpSchema = z.object({
	firstName: text(100),
	lastName: text(100),
	street: text(200),
	postcode: z.string('required').trim().min(1, 'required').pipe(postcodeSchema),
	town: text(100),
	phone: optionalPhone.default(''),
	email: emailSchema,
	password: passwordSchema,
	privacyConsent: z.literal(true, 'consentRequired'),
	captcha: z.string('captchaRequired').min(1, 'captchaRequired').max(10_000, 'captchaInvalid'),
	locale: localeSchema
});
export type SignUpInput = z.input<typeof signUpSchema>;

export const loginSchema = z.object({
	email: emailSchema,
	password: loginPasswordSchema
});

export const emailOnlySchema = z.object({ email: emailSchema });

export const tokenInputSchema = z.object({ token: tokenSchema });

export const setPasswordSchema = z.object({ token: tokenSchema, password: passwordSchema });

export const changePasswordSchema = z.object({
	currentPassword: loginPasswordSchema,
	newPassword: passwordSchema
});

export const changeEmailSchema = z.object({
	newEmail: emailSchema,
	password: loginPasswordSchema
});

export const mfaCodeSchema = z.object({ code: totpCodeSchema });

export const mfaRecoverySchema = z.object({ recoveryCode: recoveryCodeSchema });

export const mfaVerifySchema = z.union([mfaCodeSchema, mfaRecoverySchema]);

export const passwordOnlySchema = z.object({ password: loginPasswordSchema });

/** Roles an admin may invite; parents sign up themselves. */
export const INVITABLE_ROLES = ['staff', 'childminding', 'admin'] as const;

export const inviteSchema = z
	.object({
		email: emailSchema,
		firstName: text(100),
		lastName: text(100),
		role: z.enum(INVITABLE_ROLES),
		facilityIds: z.array(z.uuid()).max(50).default([])
	})
	.refine((value) => value.role !== 'staff' || value.facilityIds.length > 0, {
		message: 'facilityRequired',
		path: ['facilityIds']
	});

export const roleSchema = z.enum(ROLES);

/** Who is logged in, as the client remembers it (also offline) to pick menus and the local database. */
/** What a parent gave at sign-up, to start guardian 1 of the family form with (never saved by itself). */
export interface SignUpContact {
	street: string;
	postcode: string;
	town: string;
	phone: string;
	email: string;
}

export interface KnownUser {
	userId: string;
	role: Role;
	firstName: string;
	lastName: string;
	facilityIds: string[];
	locale: string;
	/** Parents only. */
	contact?: SignUpContact;
}

/** What the login step tells the client to do next. */
export type LoginNext = 'done' | 'mfaVerify' | 'mfaSetup';

export type AccountStatus = 'active' | 'invited' | 'unconfirmed' | 'inactive';
