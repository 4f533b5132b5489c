// zod as the portal's schemas use it: every schema of src/ imports it from here (eslint).
// In a browser the schemas check without compiled code. zod otherwise probes once whether it may
// compile a function (`new Function`); the Content-Security-Policy (no 'unsafe-eval') refuses that,
// and although zod catches the refusal, the browser reports a policy violation for it (Chromium's
// issues, Lighthouse's best practices on the registration form). The server keeps zod's compiled
// object checks (no window there).
// eslint-disable-next-line no-restricted-imports -- the one place that imports zod itself
import { z } from 'zod';

if (typeof window !== 'undefined') z.config({ jitless: true });

export { z };
