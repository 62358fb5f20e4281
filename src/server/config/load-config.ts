import type { Config, PayConfig } from './config.ts'
import { resolve } from 'node:path'
import { ENV_VARS, PAY_GROUP } from './env-vars.ts'
import { readPem } from './read-pem.ts'

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

  const pemOf = (name: string) => {
    try {
      return readPem(get(name)!)
    }
    catch (e) {
      problems.push(`${name} ${(e as Error).message} (example: ${name}=./secrets/key.pem)`)
      return ''
    }
  }
  const payGiven = PAY_GROUP.filter(n => get(n) !== undefined)
  let pay: PayConfig | null = null
  if (payGiven.length > 0 && payGiven.length < PAY_GROUP.length) {
    const missing = PAY_GROUP.filter(n => !payGiven.includes(n))
    problems.push(`WeChat Pay is partly configured: set ${missing.join(', ')} too, or unset ${payGiven.join(', ')} to run without payments`)
  }
  else if (payGiven.length === PAY_GROUP.length) {
    pay = {
      mchId: get('WECHATPAY_MCHID')!,
      certSerial: get('WECHATPAY_CERT_SERIAL')!.toUpperCase(),
      privateKeyPem: pemOf('WECHATPAY_PRIVATE_KEY'),
      apiV3Key: get('WECHATPAY_APIV3_KEY')!,
      platformPublicKeyPem: pemOf('WECHATPAY_PLATFORM_PUBLIC_KEY'),
      platformPublicKeyId: get('WECHATPAY_PLATFORM_PUBLIC_KEY_ID')!,
      apiOrigin: trimSlash(get('WECHATPAY_API_ORIGIN') ?? 'https://api.mch.weixin.qq.com'),
      // Real WeChat Pay only calls https URLs; the simulator also accepts http on loopback.
      notifyUrl: get('WECHATPAY_NOTIFY_URL') ?? `${trimSlash(get('PUBLIC_ORIGIN') ?? '')}/api/pay/notify`,
    }
  }

  if (problems.length > 0)
    throw new ConfigError(problems)

  const nodeEnv = get('NODE_ENV')
  const dataDir = resolve(get('DATA_DIR') ?? '.data')
  return {
    env: nodeEnv === 'production' ? 'production' : nodeEnv === 'test' ? 'test' : 'development',
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
    dataDir,
    sessionSecret: get('SESSION_SECRET')!,
    adminToken: get('ADMIN_TOKEN') ?? null,
    staticDir: get('STATIC_DIR') ? resolve(get('STATIC_DIR')!) : null,
    logLevel: (get('LOG_LEVEL') ?? 'info') as Config['logLevel'],
    trustProxy: ['true', '1'].includes(get('TRUST_PROXY') ?? 'false'),
  }
}

function trimSlash(origin: string): string {
  return origin.replace(/\/+$/, '')
}
