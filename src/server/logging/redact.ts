import type { FastifyServerOptions } from 'fastify'

/**
 * Keys whose values never reach a log line: WeChat tokens and tickets, keys and secrets,
 * and personal data (openid, unionid, nickname, avatar). `params` and `detail` are where
 * database errors carry a query's bound values (`Key (openid)=(o…) already exists`).
 */
const SECRET_KEYS = new Set([
  'access_token',
  'refresh_token',
  'jsapi_ticket',
  'ticket',
  'openid',
  'unionid',
  'nickname',
  'headimgurl',
  'avatarurl',
  'appsecret',
  'secret',
  'apiv3key',
  'privatekeypem',
  'private_key',
  'password',
  'authorization',
  'cookie',
  'set-cookie',
  'token',
  'paysign',
  'prepay_id',
  'transaction_id',
  'params',
  'detail',
])
const REDACTED = '[redacted]'

/**
 * `name=value` pairs in URLs, queries and messages (OAuth code/state, tokens in WeChat API
 * URLs), also percent-encoded inside another parameter (`?url=…%3Fcode%3D…`).
 */
const PAIR = /([?&;,\s"']|%26|%3F|^)(code|state|access_token|refresh_token|jsapi_ticket|ticket|openid|unionid|secret|appsecret|nickname|sign|paySign|package)(=|%3D)[^&\s"',;%]*/gi
/** Drizzle's "Failed query: … params: v1,v2" carries every bound value. */
const QUERY_PARAMS = /\n?params: [^\n]*/g

export function redactString(s: string): string {
  return s.replace(QUERY_PARAMS, `\nparams: ${REDACTED}`).replace(PAIR, `$1$2$3${REDACTED}`)
}

/** A copy with secret keys masked and every string scrubbed; depth-limited, cycle-safe. */
export function redactValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string')
    return redactString(value)
  if (typeof value !== 'object' || value === null)
    return value
  if (depth > 6 || seen.has(value))
    return '[…]'
  seen.add(value)
  if (Array.isArray(value))
    return value.map(v => redactValue(v, depth + 1, seen))
  if (value instanceof Error)
    return redactValue(serializeError(value), depth + 1, seen)
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value))
    out[k] = SECRET_KEYS.has(k.toLowerCase()) ? REDACTED : redactValue(v, depth + 1, seen)
  return out
}

/** Like pino's error serializer: type, message, stack, the error's own fields and its cause. */
function serializeError(err: Error): Record<string, unknown> {
  const out: Record<string, unknown> = { type: err.name, message: err.message, stack: err.stack }
  for (const [k, v] of Object.entries(err)) {
    if (!(k in out))
      out[k] = v
  }
  if (err.cause !== undefined)
    out.cause = err.cause
  return out
}

/** Serialised by their own serializers below, which see the original objects. */
const SERIALIZED_KEYS = new Set(['req', 'res', 'err'])

interface LogRequest { method: string, url: string, ip?: string, host?: string }

/**
 * Fastify logger options that keep secrets and personal data out of every line:
 * request URLs lose OAuth `code`/`state` (and any token in a query), errors lose the
 * bound parameters of failed queries, and every logged object is scrubbed by key.
 */
export function loggerOptions(level: string, stream?: { write: (line: string) => void }): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      req: (req: LogRequest) => ({ method: req.method, url: redactString(req.url), host: req.host, remoteAddress: req.ip }),
      err: (err: Error) => redactValue(err) as { type: string, message: string, stack: string },
    },
    formatters: {
      log: (object: Record<string, unknown>) => {
        const out: Record<string, unknown> = {}
        for (const [k, v] of Object.entries(object))
          out[k] = SERIALIZED_KEYS.has(k) ? v : SECRET_KEYS.has(k.toLowerCase()) ? REDACTED : redactValue(v)
        return out
      },
    },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map(a => typeof a === 'string' ? redactString(a) : a) as Parameters<typeof method>)
      },
    },
  }
}
