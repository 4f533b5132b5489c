// Rendered on the server, so that the form shows before the app's code has loaded (issue 16,
// point 3); it is sent only once the page is hydrated (see +page.svelte).
export const ssr = true;
