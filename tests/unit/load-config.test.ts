import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/server/config/load-config.ts'

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'wechat')
const KEY = readFileSync(join(fixtures, 'official_test_apiclient_key.pem'), 'utf8')
const PUB = readFileSync(join(fixtures, 'official_test_apiclient_pub.pem'), 'utf8')
// A self-signed stand-in for a platform certificate over the same test key (fixtures README).
const CERT = readFileSync(join(fixtures, 'test_platform_cert.pem'), 'utf8')
const CERT_SERIAL = '5157F09EFDC096DE15EBE81A47057A7232F1B8E1'
const EC_KEY = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()

const minimal = {
  PUBLIC_ORIGIN: 'https://h5.example.com',
  WECHAT_APPID: 'wx0123456789abcdef',
  WECHAT_APPSECRET: '0123456789abcdef0123456789abcdef',
  SESSION_SECRET: 'x'.repeat(32),
}

const payEnv = {
  ...minimal,
  WECHATPAY_MCHID: '1900007291',
  WECHATPAY_CERT_SERIAL: '408b07e79b8269fec3d5d3e6ab8ed163a6a380db',
  WECHATPAY_PRIVATE_KEY: KEY,
  WECHATPAY_APIV3_KEY: '0123456789abcdef0123456789abcdef',
  WECHATPAY_PLATFORM_PUBLIC_KEY: PUB,
  WECHATPAY_PLATFORM_PUBLIC_KEY_ID: 'PUB_KEY_ID_0000000001',
}

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env)
    return []
  }
  catch (e) {
    expect(e).toBeInstanceOf(ConfigError)
    return (e as ConfigError).problems
  }
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig(minimal)
    expect(c.port).toBe(3000)
    expect(c.host).toBe('127.0.0.1')
    expect(c.wechat.oauthOrigin).toBe('https://open.weixin.qq.com')
    expect(c.wechat.apiOrigin).toBe('https://api.weixin.qq.com')
    expect(c.wechat.oauthScope).toBe('snsapi_userinfo')
    expect(c.databaseUrl).toBeNull()
    expect(c.databasePoolSize).toBe(10)
    expect(c.dataDir).toMatch(/\.data$/)
    expect(c.pay).toBeNull()
  })

  it('names every missing required variable with an example', () => {
    const problems = problemsOf({})
    expect(problems).toHaveLength(4)
    for (const name of ['PUBLIC_ORIGIN', 'WECHAT_APPID', 'WECHAT_APPSECRET', 'SESSION_SECRET'])
      expect(problems.find(p => p.startsWith(name))).toMatch(/missing \(example: /)
  })

  it.each([
    ['PORT', 'eighty', /PORT must be a port number/],
    ['PUBLIC_ORIGIN', 'h5.example.com', /PUBLIC_ORIGIN must be an absolute URL/],
    ['PUBLIC_ORIGIN', 'https://h5.example.com/app', /must be an origin/],
    ['WECHAT_APPID', 'gh_123', /AppID/],
    ['SESSION_SECRET', 'short', /at least 32 characters/],
    ['DATABASE_POOL_SIZE', '0', /DATABASE_POOL_SIZE must be a whole number of connections from 1 to 200/],
    ['DATABASE_POOL_SIZE', 'ten', /DATABASE_POOL_SIZE must be a whole number/],
    ['DATABASE_URL', 'mysql://x', /postgres:\/\//],
    ['WECHATPAY_APIV3_KEY', 'short', /32 bytes/],
    ['LOG_LEVEL', 'loud', /one of/],
  ])('rejects a bad %s (%s) with a clear message', (name, value, message) => {
    const problems = problemsOf({ ...minimal, [name]: value })
    expect(problems.join('\n')).toMatch(message)
    expect(problems.join('\n')).toContain('example:')
  })

  it('refuses a partial WeChat Pay configuration, naming what is missing', () => {
    const problems = problemsOf({ ...minimal, WECHATPAY_MCHID: '1900007291' })
    expect(problems[0]).toMatch(/partly configured.*WECHATPAY_CERT_SERIAL/)
  })

  it('reads keys inline (with \n escapes) or from a file path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kit-cfg-'))
    writeFileSync(join(dir, 'pub.pem'), PUB)
    const c = loadConfig({ ...payEnv, WECHATPAY_PRIVATE_KEY: KEY.trim().replace(/\n/g, '\\n'), WECHATPAY_PLATFORM_PUBLIC_KEY: join(dir, 'pub.pem') })
    expect(c.pay?.privateKeyPem).toBe(KEY)
    expect(c.pay?.platformKeys).toEqual([{ id: 'PUB_KEY_ID_0000000001', publicKeyPem: PUB }])
    expect(c.pay?.certSerial).toBe('408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB')
  })

  it('reports an unreadable key path, and a directory, without EISDIR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kit-cfg-'))
    const problems = problemsOf({ ...payEnv, WECHATPAY_PRIVATE_KEY: '/no/such/key.pem', WECHATPAY_PLATFORM_PUBLIC_KEY: dir })
    expect(problems).toEqual([
      `WECHATPAY_PLATFORM_PUBLIC_KEY is not a PEM public key: the value is the directory ${dir}, not a PEM file in it`,
      'WECHATPAY_PRIVATE_KEY is not a PEM private key: the value is neither PEM text nor a readable file path',
    ])
  })

  it.each([
    ['a private key that does not parse', { WECHATPAY_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nBBBB\\n-----END PRIVATE KEY-----' }, 'WECHATPAY_PRIVATE_KEY is not a PEM private key (expected apiclient_key.pem from the merchant console)'],
    ['the public key given as the private key', { WECHATPAY_PRIVATE_KEY: PUB }, 'WECHATPAY_PRIVATE_KEY is not a PEM private key (expected apiclient_key.pem from the merchant console)'],
    ['an EC private key', { WECHATPAY_PRIVATE_KEY: EC_KEY }, 'WECHATPAY_PRIVATE_KEY is a ec key; WeChat Pay APIv3 uses RSA 2048'],
    ['a public key that does not parse', { WECHATPAY_PLATFORM_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\\nAAAA\\n-----END PUBLIC KEY-----' }, 'WECHATPAY_PLATFORM_PUBLIC_KEY is not a PEM public key (expected pub_key.pem from the merchant console)'],
    ['the merchant private key given as the platform key', { WECHATPAY_PLATFORM_PUBLIC_KEY: KEY }, 'WECHATPAY_PLATFORM_PUBLIC_KEY holds a private key; expected WeChat Pay\'s public key (pub_key.pem)'],
    ['a certificate that does not parse', { WECHATPAY_PLATFORM_CERT: PUB, WECHATPAY_PLATFORM_CERT_SERIAL: CERT_SERIAL }, 'WECHATPAY_PLATFORM_CERT is not a PEM certificate (expected the WeChat Pay platform certificate, -----BEGIN CERTIFICATE-----)'],
    ['a certificate under another serial', { WECHATPAY_PLATFORM_CERT: CERT, WECHATPAY_PLATFORM_CERT_SERIAL: '408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB' }, `WECHATPAY_PLATFORM_CERT_SERIAL 408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB is not the serial of WECHATPAY_PLATFORM_CERT (${CERT_SERIAL})`],
    ['half of the certificate pair', { WECHATPAY_PLATFORM_CERT: CERT }, 'WECHATPAY_PLATFORM_CERT and WECHATPAY_PLATFORM_CERT_SERIAL go together: set WECHATPAY_PLATFORM_CERT_SERIAL too, or unset WECHATPAY_PLATFORM_CERT'],
  ])('refuses %s with one clear line', (_what, change, line) => {
    expect(problemsOf({ ...payEnv, ...change })).toEqual([line])
  })

  it('adds a platform certificate\'s key as a second platform key, under its serial', () => {
    const c = loadConfig({ ...payEnv, WECHATPAY_PLATFORM_CERT: CERT, WECHATPAY_PLATFORM_CERT_SERIAL: CERT_SERIAL.toLowerCase() })
    expect(c.pay?.platformKeys).toEqual([
      { id: 'PUB_KEY_ID_0000000001', publicKeyPem: PUB },
      { id: CERT_SERIAL, publicKeyPem: PUB },
    ])
  })

  it('refuses a platform certificate without the rest of WeChat Pay', () => {
    expect(problemsOf({ ...minimal, WECHATPAY_PLATFORM_CERT: CERT, WECHATPAY_PLATFORM_CERT_SERIAL: CERT_SERIAL })[0]).toMatch(/partly configured.*WECHATPAY_MCHID/)
  })
})
