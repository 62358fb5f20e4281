// Configuration of one simulated WeChat Official Account + WeChat Pay merchant.
// Everything a real account configures in the MP / Pay consoles lives here.
import type { PushTarget } from './events/pusher.ts'
import type { SimulatorSetup } from './keys.ts'
import { eventKeysFor, SIM_SERIES_TEMPLATE_ID } from './keys.ts'

export interface SimulatorConfig {
  appId: string
  appSecret: string
  /** 网页授权域名 (protocol §1.1): hosts, or host:port for local development. */
  authDomains: string[]
  /** JS接口安全域名 (protocol §3.3): host or host:port. */
  jsSafeDomains: string[]
  /**
   * JSAPI 支付授权目录 (protocol §6.2): URL directories ending in `/`, e.g. `http://127.0.0.1:5173/`.
   * A site root allows every page of that origin; a deeper directory only pages directly in it
   * (WeChat's rule, see ./pay/pay-directory.ts).
   */
  payDirectories: string[]
  mchId: string
  /** Merchant API certificate serial (40 hex, upper case), the `serial_no` of §5.1. */
  merchantSerial: string
  merchantPublicKeyPem: string
  platformPrivateKeyPem: string
  platformPublicKeyPem: string
  /** `PUB_KEY_ID_…`, sent as Wechatpay-Serial (protocol §5.2). */
  platformPublicKeyId: string
  /** APIv3 key, 32 ASCII characters (protocol §5.3). */
  apiV3Key: string
  /** Multiplies the documented notify retry schedule (§6.5); e.g. 0.001 in tests. */
  notifyRetryScale: number
  /** Real WeChat requires an https notify_url; local dev has no TLS, so http is allowed for loopback hosts. Default true. */
  allowHttpNotifyLoopback?: boolean
  /** Base wall clock in ms (defaults to Date.now); /__sim/clock shifts object lifetimes on top of it. */
  now?: () => number
  /** getticket calls allowed per appid and China day before 45009 (protocol §2.3: the quota is tight). Default 100000. */
  getticketDailyQuota?: number
  /** Optional API IP whitelist (protocol §2.1, errcode 40164); unset = any caller. */
  ipWhitelist?: string[]
  /** Probability (0..1) that a Pay response is signed with a WECHATPAY/SIGNTEST/ probe (§5.2). Default 0. */
  signTestProbability?: number
  /** Merchant reply deadline for notifications (§6.5 says 5 s). */
  notifyTimeoutMs?: number
  /** Name shown on the consent page. */
  accountName?: string
  /** Merchant name shown on the pay sheet. */
  merchantName?: string
  /** 订阅通知 templates the account picked (protocol notes §10.5); bizsend checks ids and keys. */
  subscribeTemplates?: SubscribeTemplate[]
  /** 服务器配置: where events are pushed, with which token, key and mode; unset = no pushes (settable at /__sim/events/server). */
  eventPush?: PushTarget
  /** The account's original id (gh_…), the ToUserName of pushes. */
  accountId?: string
  /** How long the account server has to answer a push (WeChat: 5 s). */
  eventPushTimeoutMs?: number
}

export interface SubscribeTemplate {
  id: string
  title: string
  /** The data keys the template has, e.g. thing1, thing2, time3. */
  keys: string[]
}

/** The series "更新提醒" template every simulated account has. */
export const SIM_SERIES_TEMPLATE: SubscribeTemplate = {
  id: SIM_SERIES_TEMPLATE_ID,
  title: '连载更新提醒',
  keys: ['thing1', 'thing2', 'time3'],
}

/** The config with every optional field filled in. */
export type ResolvedConfig = Required<Omit<SimulatorConfig, 'ipWhitelist' | 'eventPush'>> & { ipWhitelist?: string[], eventPush?: PushTarget }

export function resolveConfig(config: SimulatorConfig): ResolvedConfig {
  return {
    ...config,
    authDomains: config.authDomains.map(d => d.toLowerCase()),
    jsSafeDomains: config.jsSafeDomains.map(d => d.toLowerCase()),
    payDirectories: config.payDirectories.map(normalisePayDirectory),
    getticketDailyQuota: config.getticketDailyQuota ?? 100_000,
    allowHttpNotifyLoopback: config.allowHttpNotifyLoopback ?? true,
    now: config.now ?? Date.now,
    signTestProbability: config.signTestProbability ?? 0,
    notifyTimeoutMs: config.notifyTimeoutMs ?? 5000,
    accountName: config.accountName ?? '模拟公众号',
    merchantName: config.merchantName ?? '模拟商户',
    subscribeTemplates: config.subscribeTemplates ?? [SIM_SERIES_TEMPLATE],
    accountId: config.accountId ?? 'gh_0123456789ab',
    eventPushTimeoutMs: config.eventPushTimeoutMs ?? 5000,
  }
}

/** Checks one 支付授权目录 at startup, so a typo fails loudly instead of refusing every payment. */
function normalisePayDirectory(dir: string): string {
  let u: URL
  try {
    u = new URL(dir)
  }
  catch {
    throw new Error(`payDirectories: ${dir} is not a URL (expected e.g. http://127.0.0.1:5173/)`)
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !u.pathname.endsWith('/') || u.search || u.hash)
    throw new Error(`payDirectories: ${dir} must be an http(s) directory ending in "/", without query or fragment`)
  return `${u.origin}${u.pathname}`
}

/** A config for a persisted setup (./keys.ts) serving pages at `publicOrigin`. */
export function configFromSetup(
  setup: SimulatorSetup,
  opts: { publicOrigin: string, notifyRetryScale?: number, extraDomains?: string[], payDirectories?: string[], eventPushUrl?: string, eventPushMode?: PushTarget['mode'] },
): SimulatorConfig {
  const keys = eventKeysFor(setup)
  const host = new URL(opts.publicOrigin).host.toLowerCase()
  const domains = [host, ...(opts.extraDomains ?? [])]
  return {
    appId: setup.appId,
    appSecret: setup.appSecret,
    authDomains: domains,
    jsSafeDomains: domains,
    // The whole site by default: kits route pages freely; tests narrow it to exercise the check.
    payDirectories: opts.payDirectories ?? [`${new URL(opts.publicOrigin).origin}/`],
    mchId: setup.mchId,
    merchantSerial: setup.merchantSerial,
    merchantPublicKeyPem: setup.merchantPublicKeyPem,
    platformPrivateKeyPem: setup.platformPrivateKeyPem,
    platformPublicKeyPem: setup.platformPublicKeyPem,
    platformPublicKeyId: setup.platformPublicKeyId,
    apiV3Key: setup.apiV3Key,
    notifyRetryScale: opts.notifyRetryScale ?? 1,
    eventPush: opts.eventPushUrl ? { url: opts.eventPushUrl, token: keys.token, encodingAesKey: keys.encodingAesKey, mode: opts.eventPushMode ?? 'safe' } : undefined,
  }
}
