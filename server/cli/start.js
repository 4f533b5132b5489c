// `npm start` / `npm run serve`: runs the built portal with the quick-start defaults
// (port 3000, SQLite in ./data/kita.db, demo data on). Every default yields to the environment;
// with NODE_ENV=production demo data stays off unless asked for (and the server then refuses it).
process.env.PORT ??= '3000';
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
process.env.DATABASE_PATH ??= './data/kita.db';
if (process.env.NODE_ENV !== 'production') process.env.DEMO_DATA ??= 'on';

console.log(`Kita-Portal starting on ${process.env.ORIGIN} (database ${process.env.DATABASE_PATH})`);
// Resolved at run time: build/ exists only after `npm run build`.
await import(new URL('../../build/index.js', import.meta.url).href);

export {};
