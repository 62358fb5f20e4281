// The notification verifier and decrypter against the generated vector (protocol §6.6).
import { generateKeyPairSync } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { openNotification } from '../../src/server/pay/apiv3/notification.ts'
import { selectPlatformKey } from '../../src/server/pay/apiv3/wechatpay-signature.ts'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const vectors = resolve(repoRoot, 'tests', 'fixtures', 'wechat')
const read = (name: string) => readFileSync(resolve(vectors, name), 'utf8')

// The body exactly as stored (its sha256 is in the spec); only a trailing newline, if any, is not part of it.
const BODY = read('notify_body.json').replace(/\n$/, '')
const SIGNATURE = read('notify_sig.txt').trim()
const KEY = { id: 'PUB_KEY_ID_TEST', publicKeyPem: read('official_test_apiclient_pub.pem') }
const KEYS = [KEY]
const APIV3_KEY = '0123456789abcdef0123456789abcdef'
const TS = 1554208460
const headers = { timestamp: String(TS), nonce: '593BEC0C930BF1AFEB40B4A08C8FB242', signature: SIGNATURE, serial: KEY.id }

describe('payment notification vector', () => {
  it('verifies and decrypts when the clock is pinned to its timestamp', () => {
    const r = openNotification(BODY, headers, KEYS, APIV3_KEY, TS)
    expect(r.ok).toBe(true)
    if (!r.ok)
      return
    expect(r.envelope.event_type).toBe('TRANSACTION.SUCCESS')
    expect(r.resource).toMatchObject({
      mchid: '1900007291',
      appid: 'wxd678efh567hg6787',
      out_trade_no: '1217752501201407033233368018',
      transaction_id: '4200000000000000000000000001',
      trade_state: 'SUCCESS',
      amount: { total: 100, payer_total: 100, currency: 'CNY', payer_currency: 'CNY' },
    })
  })

  it.each([
    ['300 s later', TS + 300, true],
    ['301 s later', TS + 301, false],
    ['301 s earlier', TS - 301, false],
    ['today', Math.floor(Date.now() / 1000), false],
  ])('at %s: accepted=%s', (_what, now, accepted) => {
    expect(openNotification(BODY, headers, KEYS, APIV3_KEY, now).ok).toBe(accepted)
  })

  it.each([
    ['a body with one byte changed', { body: BODY.replace('支付成功', '支付失败') }, 401],
    ['a re-serialised body', { body: JSON.stringify(JSON.parse(BODY), null, 1) }, 401],
    ['a WECHATPAY/SIGNTEST/ probe', { headers: { ...headers, signature: `WECHATPAY/SIGNTEST/${SIGNATURE}` } }, 401],
    ['another Wechatpay-Serial', { headers: { ...headers, serial: 'PUB_KEY_ID_OTHER' } }, 401],
    ['another nonce', { headers: { ...headers, nonce: 'X93BEC0C930BF1AFEB40B4A08C8FB242' } }, 401],
    ['a missing signature', { headers: { ...headers, signature: undefined } }, 401],
    ['a wrong APIv3 key', { apiV3Key: 'fedcba9876543210fedcba9876543210' }, 400],
  ])('rejects %s', (_what, change: { body?: string, headers?: typeof headers | Record<string, string | undefined>, apiV3Key?: string }, status) => {
    const r = openNotification(change.body ?? BODY, change.headers ?? headers, KEYS, change.apiV3Key ?? APIV3_KEY, TS)
    expect(r).toMatchObject({ ok: false, status })
  })

  describe('with several platform keys (platform certificate and 微信支付公钥 during the switch)', () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString()
    const CERT_SERIAL = '5157F09EFDC096DE15EBE81A47057A7232F1B8E1'
    const keys = [{ id: 'PUB_KEY_ID_TEST', publicKeyPem: other }, { id: CERT_SERIAL, publicKeyPem: KEY.publicKeyPem }]

    it.each([
      ['the certificate serial as configured', CERT_SERIAL, true],
      ['the certificate serial in lower case', CERT_SERIAL.toLowerCase(), true],
      ['the public-key id (whose key did not sign this)', 'PUB_KEY_ID_TEST', false],
      ['a public-key id in another case', 'pub_key_id_test', false],
      ['an unknown serial', '5157F09EFDC096DE15EBE81A47057A7232F1B8E0', false],
    ])('selects by Wechatpay-Serial: %s → %s', (_what, serial, ok) => {
      expect(openNotification(BODY, { ...headers, serial }, keys, APIV3_KEY, TS).ok).toBe(ok)
    })

    it('matches public-key ids exactly and certificate serials without regard to case', () => {
      expect(selectPlatformKey(keys, 'PUB_KEY_ID_TEST')).toBe(keys[0])
      expect(selectPlatformKey([{ id: 'PUB_KEY_ID_TEST', publicKeyPem: '' }], 'pub_key_id_test')).toBeUndefined()
      expect(selectPlatformKey(keys, CERT_SERIAL.toLowerCase())).toBe(keys[1])
    })
  })
})
