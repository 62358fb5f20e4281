// Start-up checks of the WeChat Pay keys, so a wrong file stops the server with one
// clear line instead of failing at the first payment (a signing error deep in a request).
// https://pay.weixin.qq.com/doc/v3/merchant/4012154180 (平台证书切换微信支付公钥) · 4012068814 (平台证书)
import type { KeyObject } from 'node:crypto'
import type { PlatformKey } from '../pay/apiv3/wechatpay-signature.ts'
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto'
import { readPem } from './read-pem.ts'

/** Collects one problem line; the checks below return a placeholder after reporting. */
export type Report = (line: string) => void

function read(name: string, value: string, what: string, report: Report): string | null {
  try {
    return readPem(value)
  }
  catch (e) {
    report(`${name} is not ${what}: the value ${(e as Error).message}`)
    return null
  }
}

function rsa(name: string, key: KeyObject, report: Report): boolean {
  if (key.asymmetricKeyType === 'rsa')
    return true
  report(`${name} is a ${key.asymmetricKeyType ?? 'unknown'} key; WeChat Pay APIv3 uses RSA 2048`)
  return false
}

/** The merchant API private key (apiclient_key.pem): signs requests and paySign. */
export function merchantPrivateKey(name: string, value: string, report: Report): string {
  const pem = read(name, value, 'a PEM private key', report)
  if (pem === null)
    return ''
  try {
    return rsa(name, createPrivateKey(pem), report) ? pem : ''
  }
  catch {
    report(`${name} is not a PEM private key (expected apiclient_key.pem from the merchant console)`)
    return ''
  }
}

/** 微信支付公钥 (pub_key.pem). createPublicKey also accepts a private key, so that is refused first. */
export function platformPublicKey(name: string, id: string, value: string, report: Report): PlatformKey | null {
  const pem = read(name, value, 'a PEM public key', report)
  if (pem === null)
    return null
  if (pem.includes('PRIVATE KEY-----')) {
    report(`${name} holds a private key; expected WeChat Pay's public key (pub_key.pem)`)
    return null
  }
  try {
    const key = createPublicKey(pem)
    return rsa(name, key, report) ? { id, publicKeyPem: key.export({ type: 'spki', format: 'pem' }).toString() } : null
  }
  catch {
    report(`${name} is not a PEM public key (expected pub_key.pem from the merchant console)`)
    return null
  }
}

const serialDigits = (hex: string) => hex.toUpperCase().replace(/^0+/, '')

/** A platform certificate (wechatpay_<serial>.pem): its public key, under the configured serial. */
export function platformCertificate(name: string, serialName: string, serial: string, value: string, report: Report): PlatformKey | null {
  const pem = read(name, value, 'a PEM certificate', report)
  if (pem === null)
    return null
  let cert: X509Certificate
  try {
    cert = new X509Certificate(pem)
  }
  catch {
    report(`${name} is not a PEM certificate (expected the WeChat Pay platform certificate, -----BEGIN CERTIFICATE-----)`)
    return null
  }
  // Wechatpay-Serial carries the certificate's own serial: a mismatch would reject every answer.
  if (serialDigits(cert.serialNumber) !== serialDigits(serial)) {
    report(`${serialName} ${serial} is not the serial of ${name} (${cert.serialNumber})`)
    return null
  }
  if (!rsa(name, cert.publicKey, report))
    return null
  return { id: serial.toUpperCase(), publicKeyPem: cert.publicKey.export({ type: 'spki', format: 'pem' }).toString() }
}
