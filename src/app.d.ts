// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			/** The request's session as the hook validated it (undefined: not looked up yet). */
			session?: import('$server/auth/session').AuthSession | null;
		}
	}
}

export {};
