// What every new account starts with, whoever creates it (a parent's sign-up, an admin's
// invitation): not confirmed, no second factor yet, never logged in, active.
import type { UserRow } from '../../services/accounts/users';

export function newAccountDefaults(
	at: string
): Pick<
	UserRow,
	| 'email_confirmed_at'
	| 'totp_key'
	| 'totp_pending_key'
	| 'totp_last_step'
	| 'last_login_at'
	| 'active'
	| 'created_at'
	| 'updated_at'
> {
	return {
		email_confirmed_at: null,
		totp_key: null,
		totp_pending_key: null,
		totp_last_step: null,
		last_login_at: null,
		active: 1,
		created_at: at,
		updated_at: at
	};
}
