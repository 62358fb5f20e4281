import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/server/config/load-config.ts'

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'wechat')
const env = {
  PUBLIC_ORIGIN: 'https://h5.example.com',
  WECHAT_APPID: 'wx0123456789abcdef',
  WECHAT_APPSECRET: '0123456789abcdef0123456789abcdef',
  SESSION_SECRET: 'x'.repeat(32),
  WECHATPAY_MCHID: '1900007291',
  WECHATPAY_CERT_SERIAL: '408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB',
  WECHATPAY_PRIVATE_KEY: join(fixtures, 'official_test_apiclient_key.pem'),
  WECHATPAY_APIV3_KEY: '0123456789abcdef0123456789abcdef',
  WECHATPAY_PLATFORM_PUBLIC_KEY: readFileSync(join(fixtures, 'official_test_apiclient_pub.pem'), 'utf8'),
  WECHATPAY_PLATFORM_PUBLIC_KEY_ID: 'PUB_KEY_ID_0000000000000024101100397200000006',
}

describe('the WECHATPAY_NOTIFY_URL setting', () => {
  it('defaults to the public origin\'s /api/pay/notify', () => {
    expect(loadConfig(env).pay!.notifyUrl).toBe('https://h5.example.com/api/pay/notify')
  })

  it('can point elsewhere (a separate callback host)', () => {
    expect(loadConfig({ ...env, WECHATPAY_NOTIFY_URL: 'https://pay.example.com/api/pay/notify' }).pay!.notifyUrl).toBe('https://pay.example.com/api/pay/notify')
  })

  it.each([['https://h5.example.com/api/pay/notify?x=1'], ['not a url'], ['ftp://h5.example.com/notify']])('refuses %s', (value) => {
    expect(() => loadConfig({ ...env, WECHATPAY_NOTIFY_URL: value })).toThrow(ConfigError)
  })

  it('refuses an http notify URL in production: WeChat Pay only calls https', () => {
    const production = { ...env, NODE_ENV: 'production' }
    const problems = (over: Record<string, string>) => {
      try {
        loadConfig({ ...production, ...over })
        return []
      }
      catch (e) {
        return (e as ConfigError).problems
      }
    }
    expect(problems({ WECHATPAY_NOTIFY_URL: 'http://h5.example.com/api/pay/notify' })).toEqual([
      'WECHATPAY_NOTIFY_URL must be https in production: WeChat Pay only calls https notify URLs (example: WECHATPAY_NOTIFY_URL=https://h5.example.com/api/pay/notify)',
    ])
    expect(problems({ PUBLIC_ORIGIN: 'http://h5.example.com' })).toEqual([
      'the payment notify URL http://h5.example.com/api/pay/notify (from PUBLIC_ORIGIN) is http: WeChat Pay only calls https; use an https PUBLIC_ORIGIN or set WECHATPAY_NOTIFY_URL=https://…/api/pay/notify',
      'PUBLIC_ORIGIN must be https in production (only a loopback address may use http) (example: PUBLIC_ORIGIN=https://h5.example.com)',
    ])
    // An https notify URL fixes it, and outside production http stays allowed (the simulator).
    expect(loadConfig({ ...production, PUBLIC_ORIGIN: 'http://127.0.0.1:3000', WECHATPAY_NOTIFY_URL: 'https://pay.example.com/api/pay/notify' }).pay!.notifyUrl).toBe('https://pay.example.com/api/pay/notify')
    expect(loadConfig({ ...env, WECHATPAY_NOTIFY_URL: 'http://127.0.0.1:3000/api/pay/notify' }).pay!.notifyUrl).toBe('http://127.0.0.1:3000/api/pay/notify')
  })
})
