// What dependency-cruiser needs to resolve SvelteKit's `$lib` alias inside .svelte files (it reads
// tsconfig paths for .ts files only). Mirrors the alias that svelte-kit sync writes into tsconfig.
module.exports = { resolve: { alias: { $lib: `${__dirname}/../src/lib` } } };
