// Steps of the account flows: reading mails from the development mailbox, TOTP codes as an
// authenticator app computes them, and the local databases the browser holds.
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { expect, type Page } from '@playwright/test';

export const DEMO_ADMIN = {
	email: 'admin@demo.kita-portal.invalid',
	password: 'Admin-Demo-2026',
	totpSecret: '6RL32BDOCT42WEKFINSZHJJEBPXBRDA4'
};

/** The code an authenticator app shows for `secret`, `steps` periods of 30 s from now. */
export function totp(secret: string, steps = 0): string {
	const counter = Math.floor(Date.now() / 30_000) + steps;
	return generateHOTP(decodeBase32IgnorePadding(secret.replace(/\s+/g, '')), BigInt(counter), 6);
}

export function uniqueEmail(prefix: string): string {
	return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}@example.org`;
}

/** Opens /dev/mailbox and follows the newest link to `to` whose address contains `pathAndParam`. */
export async function followMailLink(page: Page, to: string, pathAndParam: string): Promise<void> {
	await page.goto('/dev/mailbox');
	const mail = page.getByRole('article').filter({ hasText: to }).first();
	await expect(mail).toBeVisible();
	await mail
		.getByRole('link', { name: new RegExp(pathAndParam.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')) })
		.first()
		.click();
}

export async function login(page: Page, email: string, password: string): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('E-Mail-Adresse').fill(email);
	await page.getByLabel('Passwort', { exact: true }).fill(password);
	await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
}

export async function logout(page: Page): Promise<void> {
	await page.getByRole('banner').getByRole('button', { name: 'Abmelden' }).click();
	await expect(page.getByRole('banner').getByRole('link', { name: 'Eltern-Login' })).toBeVisible();
}

export function localDatabases(page: Page): Promise<string[]> {
	return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
}
