// Translated texts for every account error code (the server and the shared schemas speak in codes).
import type { AccountErrorCode } from '$lib/domain/account';
import { retryMinutes } from '$lib/domain/account-codes';
import { m } from '$lib/i18n/messages';

const TEXTS: Record<Exclude<AccountErrorCode, 'rateLimited'>, () => string> = {
	required: m.auth_err_required,
	tooLong: m.auth_err_too_long,
	emailInvalid: m.auth_err_email_invalid,
	passwordTooShort: m.auth_err_password_too_short,
	passwordTooLong: m.auth_err_password_too_long,
	invalidPostcode: m.auth_err_invalid_postcode,
	phoneInvalid: m.auth_err_phone_invalid,
	consentRequired: m.auth_err_consent_required,
	captchaRequired: m.auth_err_captcha_required,
	codeInvalid: m.auth_err_code_invalid,
	facilityRequired: m.auth_err_facility_required,
	invalidCredentials: m.auth_err_invalid_credentials,
	emailNotConfirmed: m.auth_err_email_not_confirmed,
	captchaInvalid: m.auth_err_captcha_invalid,
	captchaExpired: m.auth_err_captcha_expired,
	captchaUsed: m.auth_err_captcha_used,
	tokenInvalid: m.auth_err_token_invalid,
	tokenExpired: m.auth_err_token_expired,
	tokenUsed: m.auth_err_token_used,
	mfaCodeInvalid: m.auth_err_mfa_code_invalid,
	mfaRequired: m.auth_err_mfa_required,
	mfaAlreadyEnabled: m.auth_err_mfa_already_enabled,
	loginRequired: m.auth_err_login_required,
	notPermitted: m.auth_err_not_permitted,
	crossSite: m.auth_err_cross_site,
	emailTaken: m.auth_err_email_taken,
	currentPasswordWrong: m.auth_err_current_password_wrong,
	sameEmail: m.auth_err_same_email,
	internal: m.auth_err_internal,
	network: m.auth_err_network,
	offline: m.auth_err_offline
};

/** The message for a code; `retryAfter` (seconds) fills in the wait of a rate limit. */
export function accountErrorText(code: AccountErrorCode, retryAfter?: number): string {
	if (code === 'rateLimited') return m.auth_err_rate_limited({ minutes: retryMinutes(retryAfter) });
	return TEXTS[code]();
}
