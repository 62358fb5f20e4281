// JSAPI 调起支付 paySign (protocol §6.2): SHA256withRSA over
// "appId\ntimeStamp\nnonceStr\npackage\n" with the merchant private key.
// https://pay.weixin.qq.com/doc/v3/merchant/4012791857
import { verifyRsaSha256 } from './merchant-auth.ts'

export function paySignMessage(appId: string, timeStamp: string, nonceStr: string, pkg: string): string {
  return `${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`
}

export function verifyPaySign(p: { appId: string, timeStamp: string, nonceStr: string, package: string, paySign: string }, merchantPublicKeyPem: string): boolean {
  return verifyRsaSha256(paySignMessage(p.appId, p.timeStamp, p.nonceStr, p.package), p.paySign, merchantPublicKeyPem)
}
