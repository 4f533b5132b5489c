// A fresh signed ALTCHA challenge for the sign-up widget (the widget fetches it as plain JSON).
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireApp } from '$server/app';
import { createCaptchaChallenge } from '$server/auth/captcha';

export const GET: RequestHandler = async () =>
	json(await createCaptchaChallenge(requireApp()), { headers: { 'Cache-Control': 'no-store' } });
