// First-run generation and persistence of the simulated account's identities and keys,
// plus the API-server environment that matches them.
import { createHash, generateKeyPairSync, randomBytes, randomInt } from 'node:crypto'
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export interface SimulatorSetup {
  version: 1
  appId: string
  appSecret: string
  mchId: string
  merchantSerial: string
  merchantPrivateKeyPem: string
  merchantPublicKeyPem: string
  platformPrivateKeyPem: string
  platformPublicKeyPem: string
  platformPublicKeyId: string
  apiV3Key: string
  createdAt: string
}

/** Same value as config.ts SIM_SERIES_TEMPLATE.id (kept here too: config.ts imports this file). */
export const SIM_SERIES_TEMPLATE_ID = 'wxsimSeriesUpdate0000000000000000000000000A'

const hex = (bytes: number): string => randomBytes(bytes).toString('hex')
const digits = (n: number): string => Array.from({ length: n }, () => randomInt(10)).join('')
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

function rsaPair(): { privatePem: string, publicPem: string } {
  // PKCS#8 private key, like the apiclient_key.pem merchants download (protocol §6.3).
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  }
}

export function createSimulatorSetup(): SimulatorSetup {
  const merchant = rsaPair()
  const platform = rsaPair()
  const mchId = `1${digits(9)}`
  return {
    version: 1,
    appId: `wx${hex(8)}`,
    appSecret: hex(16),
    mchId,
    merchantSerial: hex(20).toUpperCase(),
    merchantPrivateKeyPem: merchant.privatePem,
    merchantPublicKeyPem: merchant.publicPem,
    platformPrivateKeyPem: platform.privatePem,
    platformPublicKeyPem: platform.publicPem,
    // Same shape as WeChat's 微信支付公钥 ids, e.g. PUB_KEY_ID_0000000000000024101100397200000006 (§5.2).
    platformPublicKeyId: `PUB_KEY_ID_${'0'.repeat(14)}${mchId}${digits(10)}`,
    apiV3Key: Array.from({ length: 32 }, () => ALNUM[randomInt(ALNUM.length)]).join(''),
    createdAt: new Date().toISOString(),
  }
}

function isSetup(v: unknown): v is SimulatorSetup {
  if (typeof v !== 'object' || v === null)
    return false
  const r = v as Record<string, unknown>
  const keys: (keyof SimulatorSetup)[] = ['appId', 'appSecret', 'mchId', 'merchantSerial', 'merchantPrivateKeyPem', 'merchantPublicKeyPem', 'platformPrivateKeyPem', 'platformPublicKeyPem', 'platformPublicKeyId', 'apiV3Key']
  return r.version === 1 && keys.every(k => typeof r[k] === 'string' && r[k] !== '')
}

/** Reads `<dataDir>/simulator/setup.json`, creating it (mode 0600: it holds private keys) on first run. */
export async function loadOrCreateSimulatorSetup(dataDir: string): Promise<SimulatorSetup> {
  const dir = join(dataDir, 'simulator')
  const file = join(dir, 'setup.json')
  let text: string | undefined
  try {
    text = await readFile(file, 'utf8')
  }
  catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      throw err
  }
  if (text !== undefined) {
    // A truncated or hand-edited file must say which file and what to do, not just "Unexpected token".
    const fix = `delete ${file} to generate a new simulator setup (new appId, secrets and keys; restart the API server with the new environment)`
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    }
    catch (err) {
      throw new Error(`${file} is not valid JSON (${(err as Error).message}); ${fix}`)
    }
    if (!isSetup(parsed))
      throw new Error(`${file} is not a valid simulator setup (version 1 with appId, appSecret, mchId, keys…); ${fix}`)
    return parsed
  }
  const setup = createSimulatorSetup()
  await mkdir(dir, { recursive: true, mode: 0o700 })
  await writeFile(file, `${JSON.stringify(setup, null, 2)}\n`, { mode: 0o600 })
  await chmod(file, 0o600)
  return setup
}

/**
 * The account server's Token and EncodingAESKey (服务器配置), derived from the setup so
 * setup.json keeps its format: 32 hex characters, and 43 letters or digits.
 */
export function eventKeysFor(setup: Pick<SimulatorSetup, 'appSecret'>): { token: string, encodingAesKey: string } {
  const h = (label: string) => createHash('sha512').update(`wxsim-${label}:${setup.appSecret}`).digest('hex')
  return { token: h('token').slice(0, 32), encodingAesKey: h('aes').slice(0, 43) }
}

/**
 * Environment variables that point the kit's API server at the simulator.
 * `publicOrigin` (where the pages are served) is accepted so callers pass both
 * origins in one place; the pages' domains go into the simulator config instead
 * (see configFromSetup in ./config.ts).
 */
export function serverEnvFor(
  setup: SimulatorSetup,
  origins: { simulatorOrigin: string, publicOrigin?: string },
): Record<string, string> {
  const origin = new URL(origins.simulatorOrigin).origin
  return {
    WECHAT_APPID: setup.appId,
    WECHAT_APPSECRET: setup.appSecret,
    WECHAT_OAUTH_ORIGIN: origin,
    WECHAT_API_ORIGIN: origin,
    WECHATPAY_API_ORIGIN: origin,
    WECHATPAY_MCHID: setup.mchId,
    WECHATPAY_CERT_SERIAL: setup.merchantSerial,
    WECHATPAY_PRIVATE_KEY: setup.merchantPrivateKeyPem,
    WECHATPAY_APIV3_KEY: setup.apiV3Key,
    WECHATPAY_PLATFORM_PUBLIC_KEY: setup.platformPublicKeyPem,
    WECHATPAY_PLATFORM_PUBLIC_KEY_ID: setup.platformPublicKeyId,
    WECHAT_TOKEN: eventKeysFor(setup).token,
    WECHAT_ENCODING_AES_KEY: eventKeysFor(setup).encodingAesKey,
    SERIES_SUBSCRIBE_TEMPLATE_ID: SIM_SERIES_TEMPLATE_ID,
  }
}
