// The kit's APIv3 primitives against the official test key (protocol §6.3, §6.4, §6.6).
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { toCstRfc3339 } from '../../src/server/pay/apiv3/cst-time.ts'
import { jsapiPayParams } from '../../src/server/pay/apiv3/pay-sign.ts'
import { authorizationHeader, requestSignatureMessage, signSha256Rsa } from '../../src/server/pay/apiv3/signing.ts'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const vectors = resolve(repoRoot, 'tests', 'fixtures', 'wechat')
const KEY = readFileSync(resolve(vectors, 'official_test_apiclient_key.pem'), 'utf8')

const MERCHANT = { mchId: '1900007291', certSerial: '408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB', privateKeyPem: KEY }
const TS = '1554208460'
const NONCE = '593BEC0C930BF1AFEB40B4A08C8FB242'
const V5_BODY = '{"appid":"wxd678efh567hg6787","mchid":"1900007291","description":"Image形象店-深圳腾大-QQ公仔","out_trade_no":"1217752501201407033233368018","notify_url":"https://www.weixin.qq.com/wxpay/pay.php","amount":{"total":100,"currency":"CNY"},"payer":{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"}}'
const V5 = 'jnks4dlrPw3ZX+ozVvSK39oa0t7OMBsg83BHAwd8BRdUFiVaQNTLTvci+wURgP1OQBbKYhFGvt7iqYpDSTQkp7Uq1sltaQKyncCyrA1g88m5bsKERQfPyT0ahSwKTYJ1CAn9QiJuSJRq1QsQs07eehbU/k9BCS51jTyc1Jpsi2H77HF9f/BnjXAOP3/sPObg6V5Ee4EzwLox684hhuMuIwHo7D8KFk3LIHOKDcNI4It1aCXydFWNpNK+SG86VUDe5kwoDpw4Ulqfu9z8OFDGbDs9TCxEv8iqQzbpxOlEVoOe2kalSYM5kApQb3nZcxdUtoE0liJGW3RGUNE0t4v01A=='
const V6 = 'Lc9VXxmeonkdV8Xk9tmigQFLhl0vRWTerdmoRu01aAnYwIrD/5nsSwE1WlmZGLRlAFTNQ3QsMa0+VRDlJp1Wp5p0nO8EK68b5sJBbjouxaFciIfq1zfDWWz+jqhcMoKXI1A6dPm1AW7D4d30WsMTNzp6g23OXakIsh9LO3lUmwvTuE0BY8ncf6tNGk4wKmvXwERd/ZpoQY3MAVKz+Nakwc+2XBmzT66KcUehU5kr4IvGa/lEU5RZb/q00zP9VLdBhC/jQSX3X1UcJLCtEc4gTmib4tnmAT+bHF/e17ZAuxDNcx6rqT8gNEXqaJGG+1OflMSTU2tpyG65G4dMKdFcoA=='
const V7 = 'mI35pfNEQV6777ke/1T+LJLQDNTm7yeoUJH+j/adPGhmCCi0PbgkvYQTRcXH0uibcLVtvFLdGLpmoYO9FV6lBBsTAjuhh5YOvQi0e2g3e0yytitiNET9FEuqM0pjnKfRW4K6LIZDdbWJv9KhZUx3DrJa5TL7OJ7VdADVivxVySIlPVKjGwuCXzuXSJes0UcILgWQUMyha5/3nYofuHtS7r+KYyMuxD+oJ9VM1Qdxk4UIG59CP5Y3wtYIFybyF3bdu1caHTRRX+DLyMXyYA/IrTmiW01c4RPjpHBX5Dk1sZyY1zVsWNsvMHr2e1NTWtBxKJ+qk5N61J7caYoepHFaxw=='

describe('the APIv3 request signature (protocol §5.1, §6.3)', () => {
  it.each([
    ['V5: POST with a UTF-8 body', 'POST', '/v3/pay/transactions/jsapi', V5_BODY, V5],
    ['V6: GET with an empty body line', 'GET', '/v3/refund/domestic/refunds/123123123123', '', V6],
  ])('%s', (_name, method, url, body, expected) => {
    expect(signSha256Rsa(requestSignatureMessage(method, url, TS, NONCE, body), KEY)).toBe(expected)
  })

  it('builds the Authorization header: scheme, one space, five quoted pairs, no spaces', () => {
    const header = authorizationHeader(MERCHANT, { method: 'GET', canonicalUrl: '/v3/refund/domestic/refunds/123123123123', body: '', timestamp: TS, nonce: NONCE })
    expect(header).toBe(`WECHATPAY2-SHA256-RSA2048 mchid="1900007291",nonce_str="${NONCE}",signature="${V6}",timestamp="${TS}",serial_no="408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB"`)
  })
})

describe('the JSAPI paySign (protocol §6.2, §6.4)', () => {
  it('reproduces V7: signs appId, timeStamp, nonceStr and package, each line terminated', () => {
    const p = jsapiPayParams({ appId: 'wx2421b1c4370ec43b', prepayId: 'wx201410272009395522657a690389285100', privateKeyPem: KEY, nowSeconds: 1554208460, nonceStr: NONCE })
    expect(p).toEqual({ appId: 'wx2421b1c4370ec43b', timeStamp: '1554208460', nonceStr: NONCE, package: 'prepay_id=wx201410272009395522657a690389285100', signType: 'RSA', paySign: V7 })
  })
})

describe('time_expire format (protocol §6.1)', () => {
  it('is RFC 3339 in China Standard Time', () => {
    expect(toCstRfc3339(Date.parse('2019-04-02T12:34:20.999Z'))).toBe('2019-04-02T20:34:20+08:00')
  })
})
