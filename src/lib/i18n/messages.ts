export { m } from '$lib/paraglide/messages';
