// Days and numbers formatted in a language, for the server's render of a page to hand to the browser
// (src/lib/formatted-texts.ts): public, no data of anyone, at most 40 of each.
import { error, json } from '@sveltejs/kit';
import { formatAll, formattedQuerySchema } from '$lib/formatted-texts.server';
import { withLocale } from '$lib/i18n/texts.server';

export function GET({ url }) {
	const query = formattedQuerySchema.safeParse({
		locale: url.searchParams.get('locale'),
		days: url.searchParams.getAll('day'),
		numbers: url.searchParams.getAll('number')
	});
	if (!query.success) error(400, 'invalid query');
	const { locale, days, numbers } = query.data;
	return json(withLocale(locale, () => formatAll(locale, days, numbers)));
}
