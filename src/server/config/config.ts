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
  platformKeys: PlatformKeyConfig[]
  apiOrigin: string
  /** Where WeChat Pay POSTs payment notifications: HTTPS, no query string (WECHATPAY_NOTIFY_URL). */
  notifyUrl: string
}

/** One WeChat Pay key: `PUB_KEY_ID_…` or a platform certificate serial, and the public key (SPKI PEM). */
export interface PlatformKeyConfig {
  id: string
  publicKeyPem: string
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
  /** Trust X-Forwarded-* from a reverse proxy in front of the API. */
  trustProxy: boolean
}
