import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/server/config/load-config.ts'

const minimal = {
  PUBLIC_ORIGIN: 'https://h5.example.com',
  WECHAT_APPID: 'wx0123456789abcdef',
  WECHAT_APPSECRET: '0123456789abcdef0123456789abcdef',
  SESSION_SECRET: 'x'.repeat(32),
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

  it('reads keys inline (with \\n escapes) or from a file path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kit-cfg-'))
    const pem = '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n'
    writeFileSync(join(dir, 'pub.pem'), pem)
    const c = loadConfig({
      ...minimal,
      WECHATPAY_MCHID: '1900007291',
      WECHATPAY_CERT_SERIAL: '408b07e79b8269fec3d5d3e6ab8ed163a6a380db',
      WECHATPAY_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nBBBB\\n-----END PRIVATE KEY-----',
      WECHATPAY_APIV3_KEY: '0123456789abcdef0123456789abcdef',
      WECHATPAY_PLATFORM_PUBLIC_KEY: join(dir, 'pub.pem'),
      WECHATPAY_PLATFORM_PUBLIC_KEY_ID: 'PUB_KEY_ID_0000000001',
    })
    expect(c.pay?.privateKeyPem).toBe('-----BEGIN PRIVATE KEY-----\nBBBB\n-----END PRIVATE KEY-----\n')
    expect(c.pay?.platformPublicKeyPem).toBe(pem)
    expect(c.pay?.certSerial).toBe('408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB')
  })

  it('reports an unreadable key path', () => {
    const problems = problemsOf({
      ...minimal,
      WECHATPAY_MCHID: '1900007291',
      WECHATPAY_CERT_SERIAL: 'ABCDEF12',
      WECHATPAY_PRIVATE_KEY: '/no/such/key.pem',
      WECHATPAY_APIV3_KEY: '0123456789abcdef0123456789abcdef',
      WECHATPAY_PLATFORM_PUBLIC_KEY: '/no/such/pub.pem',
      WECHATPAY_PLATFORM_PUBLIC_KEY_ID: 'PUB_KEY_ID_0000000001',
    })
    expect(problems.join('\n')).toMatch(/WECHATPAY_PRIVATE_KEY is neither PEM text nor a readable file path/)
  })
})
