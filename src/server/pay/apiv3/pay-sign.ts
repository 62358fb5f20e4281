// Parameters for the front-end pay sheet (JSAPI调起支付, protocol §6.2).
// https://pay.weixin.qq.com/doc/v3/merchant/4012791857
import type { PayParams } from '../../../shared/schemas/orders.ts'
import { newNonce, signSha256Rsa } from './signing.ts'

/** `appId\ntimeStamp\nnonceStr\npackage\n`, each line terminated, signed with the merchant private key. */
export function paySignMessage(appId: string, timeStamp: string, nonceStr: string, pkg: string): string {
  return `${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`
}

export function jsapiPayParams(o: { appId: string, prepayId: string, privateKeyPem: string, nowSeconds: number, nonceStr?: string }): PayParams {
  const timeStamp = String(o.nowSeconds)
  const nonceStr = o.nonceStr ?? newNonce()
  const pkg = `prepay_id=${o.prepayId}`
  return {
    appId: o.appId,
    timeStamp,
    nonceStr,
    package: pkg,
    signType: 'RSA',
    paySign: signSha256Rsa(paySignMessage(o.appId, timeStamp, nonceStr, pkg), o.privateKeyPem),
  }
}
