// The app renders in the browser from the local database (offline first); the server serves the
// shell, the API and nothing page-specific.
export const ssr = false;
export const prerender = false;
