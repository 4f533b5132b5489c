// The portal pages a mail links to; a token travels in the fragment, never to a server log.
export const links = {
	confirm: (origin: string, token: string) => `${origin}/konto/bestaetigen#token=${token}`,
	resend: (origin: string, token: string) => `${origin}/konto/bestaetigen#neu=${token}`,
	reset: (origin: string, token: string) => `${origin}/passwort-neu#token=${token}`,
	invite: (origin: string, token: string) => `${origin}/einladung#token=${token}`,
	login: (origin: string) => `${origin}/login`,
	forgot: (origin: string) => `${origin}/passwort-vergessen`
};
