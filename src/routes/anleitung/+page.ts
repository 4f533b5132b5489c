// A public page: rendered on the server (see the root +layout.ts).
export const ssr = true;
