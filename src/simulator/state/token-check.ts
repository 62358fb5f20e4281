// The outcome of presenting a token or ticket: WeChat distinguishes
// invalid/stale (40001) from expired (42001) (protocol §1.6).
export type TokenCheck = { status: 'ok', appId: string } | { status: 'invalid' } | { status: 'expired' }

export const TOKEN_TTL_MS = 7200_000
