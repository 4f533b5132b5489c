// Turns a mail's blocks into plain text and simple HTML in the account's language. Locales are a
// map, so that adding a language means adding one module (German is the fallback).
import { ar } from './ar';
import { de } from './de';
import { en } from './en';
import { pl } from './pl';
import { ru } from './ru';
import { tr } from './tr';
import type { MailContent, MailKind, MailLocale, MailParamsByKind } from './types';
import { uk } from './uk';

export const MAIL_LOCALES: Record<string, MailLocale> = { de, en, tr, ar, uk, ru, pl };

/** Languages written right to left (their HTML mails are marked so). */
const RTL_LOCALES = new Set(['ar']);

export interface RenderedMail {
	subject: string;
	text: string;
	html: string;
}

function escapeHtml(value: string): string {
	return value
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');
}

export function localeFor(locale: string): MailLocale {
	return MAIL_LOCALES[locale] ?? de;
}

export function renderMail<K extends MailKind>(
	locale: string,
	kind: K,
	params: MailParamsByKind[K] & { name: string }
): RenderedMail {
	const lang = locale in MAIL_LOCALES ? locale : 'de';
	const strings = localeFor(lang);
	const template = strings.templates[kind] as (p: MailParamsByKind[K]) => MailContent;
	const content = template(params);
	const greeting = strings.greeting(params.name);
	const text = [
		greeting,
		...content.blocks.map((b) => ('text' in b ? b.text : `${b.label}:\n${b.link}`)),
		strings.closing.join('\n'),
		`-- \n${strings.footer}`
	].join('\n\n');
	const html = [
		`<!doctype html><html lang="${lang}" dir="${RTL_LOCALES.has(lang) ? 'rtl' : 'ltr'}"><body style="font-family:sans-serif;line-height:1.5;color:#1b1f24">`,
		`<p>${escapeHtml(greeting)}</p>`,
		...content.blocks.map((b) =>
			'text' in b
				? `<p>${escapeHtml(b.text).replaceAll('\n', '<br>')}</p>`
				: `<p><a href="${escapeHtml(b.link)}">${escapeHtml(b.label)}</a><br><span style="font-size:0.9em">${escapeHtml(b.link)}</span></p>`
		),
		`<p>${strings.closing.map(escapeHtml).join('<br>')}</p>`,
		`<hr><p style="font-size:0.85em;color:#4a5560">${escapeHtml(strings.footer)}</p>`,
		'</body></html>'
	].join('\n');
	return { subject: content.subject, text, html };
}

/** The links of a plain-text mail (for the development mailbox). */
export function linksIn(text: string): string[] {
	return [...text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0]);
}
