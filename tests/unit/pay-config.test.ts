import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/server/config/load-config.ts'

const PEM = '-----BEGIN PRIVATE KEY-----\\nMIIB\\n-----END PRIVATE KEY-----'
const env = {
  PUBLIC_ORIGIN: 'https://h5.example.com',
  WECHAT_APPID: 'wx0123456789abcdef',
  WECHAT_APPSECRET: '0123456789abcdef0123456789abcdef',
  SESSION_SECRET: 'x'.repeat(32),
  WECHATPAY_MCHID: '1900007291',
  WECHATPAY_CERT_SERIAL: '408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB',
  WECHATPAY_PRIVATE_KEY: PEM,
  WECHATPAY_APIV3_KEY: '0123456789abcdef0123456789abcdef',
  WECHATPAY_PLATFORM_PUBLIC_KEY: PEM,
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
})
