/** Only same-origin relative paths may be returned to (never `//evil.example` or `/\evil`). */
export function safeReturnTo(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\'))
    return fallback
  return value
}
