// Turns a mail's blocks into plain text and simple HTML in the account's language. The words come
// from the message catalogue (server/i18n/texts.ts), the structure from templates.ts; a language
// of the catalogue is a language of the mails (German is the fallback).
import { serverTexts, TEXT_LOCALES } from '../../i18n/texts';
import { MAIL_TEMPLATES, type MailTemplate } from './templates';
import type { MailContent, MailKind, MailLocale, MailParamsByKind } from './types';

/** One language's mails: its catalogue texts put into every template. */
function mailLocale(locale: string): MailLocale {
	const t = serverTexts(locale);
	const templates = Object.fromEntries(
		(Object.entries(MAIL_TEMPLATES) as [MailKind, MailTemplate<MailKind>][]).map(([kind, template]) => [
			kind,
			(params: MailParamsByKind[MailKind]) => template(params, t)
		])
	) as MailLocale['templates'];
	return {
		greeting: (name) => t.mail_greeting({ name }),
		closing: [t.mail_closing_regards(), t.mail_closing_sender()],
		footer: t.mail_footer(),
		templates
	};
}

export const MAIL_LOCALES: Record<string, MailLocale> = Object.fromEntries(
	TEXT_LOCALES.map((locale) => [locale, mailLocale(locale)])
);
const de = mailLocale('de');

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
