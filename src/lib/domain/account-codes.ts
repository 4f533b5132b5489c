// The account error codes the server answers and the client translates — without zod, so that
// every page's session handling and every account form can read them before the schemas load.
/** Every error code the account procedures and forms produce; each has a message in the catalogue. */
export const ACCOUNT_ERROR_CODES = [
	// field rules
	'required',
	'tooLong',
	'emailInvalid',
	'passwordTooShort',
	'passwordTooLong',
	'invalidPostcode',
	'phoneInvalid',
	'consentRequired',
	'captchaRequired',
	'codeInvalid',
	'facilityRequired',
	// server answers
	'invalidCredentials',
	'emailNotConfirmed',
	'rateLimited',
	'captchaInvalid',
	'captchaExpired',
	'captchaUsed',
	'tokenInvalid',
	'tokenExpired',
	'tokenUsed',
	'mfaCodeInvalid',
	'mfaRequired',
	'mfaAlreadyEnabled',
	'loginRequired',
	'notPermitted',
	'crossSite',
	'emailTaken',
	'currentPasswordWrong',
	'sameEmail',
	'internal',
	// client only
	'network',
	'offline'
] as const;
export type AccountErrorCode = (typeof ACCOUNT_ERROR_CODES)[number];

/** The wait a rate limit asks for, in whole minutes (at least one) for the message. */
export function retryMinutes(retryAfterSeconds: number | undefined): number {
	return Math.max(1, Math.ceil((retryAfterSeconds ?? 60) / 60));
}

export function isAccountErrorCode(value: string): value is AccountErrorCode {
	return (ACCOUNT_ERROR_CODES as readonly string[]).includes(value);
}

/** Field path → first error code, for forms. Paths are joined with dots. */
export function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
	const errors: Record<string, AccountErrorCode> = {};
	for (const issue of issues) {
		const key = issue.path.map(String).join('.');
		if (errors[key] === undefined)
			errors[key] = isAccountErrorCode(issue.message) ? issue.message : 'required';
	}
	return errors;
}
