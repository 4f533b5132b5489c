// The request header the portal's own tRPC client sends on every call. Another site cannot make a
// browser send a custom header without a CORS preflight, which the server never grants, so its
// presence proves the call came from our own pages where Sec-Fetch-Site is missing (older Safari).
export const SAME_ORIGIN_HEADER = 'x-kita-portal';
