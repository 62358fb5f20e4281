import type { PlatformKey } from '../pay/apiv3/wechatpay-signature.ts'
import type { WeChatEventsConfig } from './events-config.ts'
import type { MediaConfig } from './media-config.ts'
import type { TrustProxy } from './trust-proxy.ts'

/** The API server's validated configuration; built once from the environment by `loadConfig`. */
export interface PayConfig {
  mchId: string
  certSerial: string
  /** Merchant API private key (PEM), signs APIv3 requests and the front-end paySign. */
  privateKeyPem: string
  /** 32-byte APIv3 key, decrypts notification resources (AES-256-GCM). */
  apiV3Key: string
  /**
   * WeChat Pay's keys that verify responses and notifications, picked by Wechatpay-Serial:
   * the 微信支付公钥 (`PUB_KEY_ID_…`) first, then optionally a platform certificate's key
   * (id = its serial), since both arrive while WeChat Pay switches a merchant over.
   */
  /** WeChat Pay keys: `PUB_KEY_ID_…` or a platform certificate serial, and the public key (SPKI PEM). */
  platformKeys: PlatformKey[]
  apiOrigin: string
  /** Where WeChat Pay POSTs payment notifications: HTTPS, no query string (WECHATPAY_NOTIFY_URL). */
  notifyUrl: string
}

export interface WeChatConfig {
  appId: string
  appSecret: string
  oauthOrigin: string
  apiOrigin: string
  /** `snsapi_userinfo` shows WeChat's consent sheet; `snsapi_base` signs in silently with the openid only. */
  oauthScope: 'snsapi_userinfo' | 'snsapi_base'
  /** Hosts (host or host:port) besides PUBLIC_ORIGIN's that `/api/jssdk/config` may sign for. */
  jsSdkExtraHosts: string[]
}

/** The cloud moderation service comments and other free text are checked with (besides the word list). */
export type ModerationConfig
  = | { provider: 'none' }
    | { provider: 'tencent', tencent: { secretId: string, secretKey: string, region: string, bizType?: string, endpoint: string } }

export interface Config {
  env: 'development' | 'production' | 'test'
  port: number
  host: string
  publicOrigin: string
  wechat: WeChatConfig
  /** Null when the WECHATPAY_* group is not set: the kit runs, payments answer 503. */
  pay: PayConfig | null
  /** Unset: embedded PGlite under `dataDir`. */
  databaseUrl: string | null
  /** PostgreSQL connections per instance (DATABASE_POOL_SIZE, default 10); PGlite ignores it. */
  databasePoolSize: number
  dataDir: string
  sessionSecret: string
  /** Bearer token for operator endpoints; null disables them. */
  adminToken: string | null
  /** Built SPA to serve (production); null leaves the SPA to Vite in development. */
  staticDir: string | null
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  /** Days of raw analytics events kept (ANALYTICS_RETENTION_DAYS, default 90; 0 keeps all). Rollups are kept. */
  analyticsRetentionDays?: number
  /** Unset means `{provider:'none'}`: the local word list only (MODERATION_PROVIDER). */
  moderation?: ModerationConfig
  /** Media store and upload limits; unset means files under `dataDir/media`, 10/50/200 MB (MEDIA_*, S3_*). */
  media?: MediaConfig
  /** The account's message endpoint and subscribe messages; unset means none configured (WECHAT_TOKEN…). */
  wechatEvents?: WeChatEventsConfig
  /** Which X-Forwarded-For hops to believe (TRUST_PROXY): none, a hop count, proxy addresses, or all. */
  trustProxy: TrustProxy
  /** Requests per minute per client (RATE_LIMIT_PER_MINUTE, JSSDK_RATE_LIMIT_PER_MINUTE); see plugins/external/rate-limit.ts. */
  rateLimit: RateLimitConfig
}

export interface RateLimitConfig {
  perMinute: number
  jsSdkPerMinute: number
}
