import type { PlatformKey } from '../pay/apiv3/wechatpay-signature.ts'
import type { Config, PayConfig } from './config.ts'
import type { Report } from './pay-keys.ts'
import { resolve } from 'node:path'
import { ENV_VARS, PAY_GROUP, PLATFORM_CERT_PAIR } from './env-vars.ts'
import { loadEventsConfig } from './events-config.ts'
import { loadMediaConfig } from './media-config.ts'
import { loadModerationConfig } from './moderation-config.ts'
import { merchantPrivateKey, platformCertificate, platformPublicKey } from './pay-keys.ts'
import { parseTrustProxy } from './trust-proxy.ts'

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map(p => `  - ${p}`).join('\n')}\nSee .env.example for every variable.`)
    this.name = 'ConfigError'
  }
}

type Env = Record<string, string | undefined>

/** Reads and validates the environment; throws one ConfigError listing every problem. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = []
  const get = (name: string) => {
    const v = env[name]?.trim()
    return v === undefined || v === '' ? undefined : v
  }
  for (const v of ENV_VARS) {
    const value = get(v.name)
    if (value === undefined) {
      if (v.required)
        problems.push(`${v.name} is missing (example: ${v.name}=${v.example})`)
      continue
    }
    const problem = v.check?.(value)
    if (problem)
      problems.push(`${v.name} ${problem} (example: ${v.name}=${v.example})`)
  }

  const nodeEnv = get('NODE_ENV')
  const mode: Config['env'] = nodeEnv === 'production' ? 'production' : nodeEnv === 'test' ? 'test' : 'development'
  const pay = loadPayConfig(get, p => problems.push(p), mode)
  const moderation = loadModerationConfig(get, p => problems.push(p))
  const media = loadMediaConfig(get, p => problems.push(p), resolve(get('DATA_DIR') ?? '.data'))
  const origin = get('PUBLIC_ORIGIN')
  // Followers open an https page; an http origin in production means cookies without Secure
  // and OAuth redirects in the clear. Loopback stays allowed for smoke tests behind no proxy.
  if (mode === 'production' && origin && /^http:/i.test(origin) && !isLoopbackOrigin(origin))
    problems.push(`PUBLIC_ORIGIN must be https in production (only a loopback address may use http) (example: PUBLIC_ORIGIN=https://h5.example.com)`)

  if (problems.length > 0)
    throw new ConfigError(problems)

  const dataDir = resolve(get('DATA_DIR') ?? '.data')
  return {
    env: mode,
    port: Number(get('PORT') ?? 3000),
    host: get('HOST') ?? '127.0.0.1',
    publicOrigin: trimSlash(get('PUBLIC_ORIGIN')!),
    wechat: {
      appId: get('WECHAT_APPID')!,
      appSecret: get('WECHAT_APPSECRET')!,
      oauthOrigin: trimSlash(get('WECHAT_OAUTH_ORIGIN') ?? 'https://open.weixin.qq.com'),
      apiOrigin: trimSlash(get('WECHAT_API_ORIGIN') ?? 'https://api.weixin.qq.com'),
      oauthScope: (get('WECHAT_OAUTH_SCOPE') ?? 'snsapi_userinfo') as Config['wechat']['oauthScope'],
      jsSdkExtraHosts: (get('JSSDK_EXTRA_HOSTS') ?? '').split(',').map(s => s.trim().toLowerCase()).filter(Boolean),
    },
    pay,
    databaseUrl: get('DATABASE_URL') ?? null,
    databasePoolSize: Number(get('DATABASE_POOL_SIZE') ?? 10),
    dataDir,
    sessionSecret: get('SESSION_SECRET')!,
    adminToken: get('ADMIN_TOKEN') ?? null,
    staticDir: get('STATIC_DIR') ? resolve(get('STATIC_DIR')!) : null,
    logLevel: (get('LOG_LEVEL') ?? 'info') as Config['logLevel'],
    analyticsRetentionDays: Number(get('ANALYTICS_RETENTION_DAYS') ?? 90),
    moderation,
    media,
    wechatEvents: loadEventsConfig(get),
    trustProxy: parseTrustProxy(get('TRUST_PROXY')).value,
    rateLimit: {
      perMinute: Number(get('RATE_LIMIT_PER_MINUTE') ?? 300),
      jsSdkPerMinute: Number(get('JSSDK_RATE_LIMIT_PER_MINUTE') ?? 120),
    },
  }
}

/** The WECHATPAY_* group: all or nothing, with every key parsed now rather than at the first payment. */
function loadPayConfig(get: (name: string) => string | undefined, report: Report, env: Config['env']): PayConfig | null {
  const given = PAY_GROUP.filter(n => get(n) !== undefined)
  const certGiven = PLATFORM_CERT_PAIR.filter(n => get(n) !== undefined)
  if (given.length < PAY_GROUP.length) {
    if (given.length > 0 || certGiven.length > 0) {
      const missing = PAY_GROUP.filter(n => !given.includes(n))
      const set = [...given, ...certGiven]
      report(`WeChat Pay is partly configured: set ${missing.join(', ')} too, or unset ${set.join(', ')} to run without payments`)
    }
    return null
  }
  if (certGiven.length === 1)
    report(`${PLATFORM_CERT_PAIR.join(' and ')} go together: set ${PLATFORM_CERT_PAIR.find(n => !certGiven.includes(n))} too, or unset ${certGiven[0]}`)
  const platformKeys: PlatformKey[] = []
  const publicKey = platformPublicKey('WECHATPAY_PLATFORM_PUBLIC_KEY', get('WECHATPAY_PLATFORM_PUBLIC_KEY_ID')!, get('WECHATPAY_PLATFORM_PUBLIC_KEY')!, report)
  if (publicKey)
    platformKeys.push(publicKey)
  if (certGiven.length === 2) {
    const cert = platformCertificate('WECHATPAY_PLATFORM_CERT', 'WECHATPAY_PLATFORM_CERT_SERIAL', get('WECHATPAY_PLATFORM_CERT_SERIAL')!, get('WECHATPAY_PLATFORM_CERT')!, report)
    if (cert)
      platformKeys.push(cert)
  }
  const explicitNotify = get('WECHATPAY_NOTIFY_URL')
  const notifyUrl = explicitNotify ?? `${trimSlash(get('PUBLIC_ORIGIN') ?? '')}/api/pay/notify`
  // Real WeChat Pay only calls https URLs; the simulator also accepts http on loopback, so only production refuses it.
  if (env === 'production' && /^http:/i.test(notifyUrl)) {
    report(explicitNotify
      ? `WECHATPAY_NOTIFY_URL must be https in production: WeChat Pay only calls https notify URLs (example: WECHATPAY_NOTIFY_URL=https://h5.example.com/api/pay/notify)`
      : `the payment notify URL ${notifyUrl} (from PUBLIC_ORIGIN) is http: WeChat Pay only calls https; use an https PUBLIC_ORIGIN or set WECHATPAY_NOTIFY_URL=https://…/api/pay/notify`)
  }
  return {
    mchId: get('WECHATPAY_MCHID')!,
    certSerial: get('WECHATPAY_CERT_SERIAL')!.toUpperCase(),
    privateKeyPem: merchantPrivateKey('WECHATPAY_PRIVATE_KEY', get('WECHATPAY_PRIVATE_KEY')!, report),
    apiV3Key: get('WECHATPAY_APIV3_KEY')!,
    platformKeys,
    apiOrigin: trimSlash(get('WECHATPAY_API_ORIGIN') ?? 'https://api.mch.weixin.qq.com'),
    notifyUrl,
  }
}

function isLoopbackOrigin(origin: string): boolean {
  try {
    const host = new URL(origin).hostname
    return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  }
  catch {
    return false
  }
}

function trimSlash(origin: string): string {
  return origin.replace(/\/+$/, '')
}
