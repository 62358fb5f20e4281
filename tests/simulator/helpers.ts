import type { IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { SimulatorOptions } from '../../src/simulator/app.ts'
import type { SimulatorConfig } from '../../src/simulator/config.ts'
import type { RunningSimulator } from '../../src/simulator/start.ts'
// Shared fixtures for the simulator tests: the official WeChat Pay test key plays both
// the merchant key and the platform key, so no RSA key is generated per test.
import { createSign } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startSimulator } from '../../src/simulator/start.ts'

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const vectorsDir = resolve(repoRoot, 'tests', 'fixtures', 'wechat')
export const readVector = (name: string): string => readFileSync(resolve(vectorsDir, name), 'utf8')

export const TEST_KEY = readVector('official_test_apiclient_key.pem')
export const TEST_PUB = readVector('official_test_apiclient_pub.pem')
export const MCHID = '1900007291'
export const SERIAL = '408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB'
export const APPID = 'wx2421b1c4370ec43b'
export const SECRET = '0123456789abcdef0123456789abcdef'
export const APIV3_KEY = '0123456789abcdef0123456789abcdef'
export const PUB_KEY_ID = 'PUB_KEY_ID_0000000000000024101100397200000006'

export function testConfig(over: Partial<SimulatorConfig> = {}): SimulatorConfig {
  return {
    appId: APPID,
    appSecret: SECRET,
    authDomains: ['h5.example.com', '127.0.0.1:5173'],
    jsSafeDomains: ['h5.example.com', '127.0.0.1:5173'],
    payDirectories: ['https://h5.example.com/', 'http://127.0.0.1:5173/'],
    mchId: MCHID,
    merchantSerial: SERIAL,
    merchantPublicKeyPem: TEST_PUB,
    platformPrivateKeyPem: TEST_KEY,
    platformPublicKeyPem: TEST_PUB,
    platformPublicKeyId: PUB_KEY_ID,
    apiV3Key: APIV3_KEY,
    notifyRetryScale: 0.001,
    ...over,
  }
}

export function startTestSimulator(over: Partial<SimulatorConfig> = {}, options?: SimulatorOptions): Promise<RunningSimulator> {
  return startSimulator({ config: testConfig(over), options })
}

export const sign = (message: string, key = TEST_KEY): string => createSign('RSA-SHA256').update(message).sign(key, 'base64')

export interface AuthParts { mchid?: string, serial_no?: string, timestamp?: string, nonce_str?: string, signature?: string }

/** A merchant Authorization header (protocol §5.1); `order` lists the pairs in the order to emit. */
export function authHeader(method: string, url: string, body: string, parts: AuthParts = {}, order = ['mchid', 'nonce_str', 'signature', 'timestamp', 'serial_no']): string {
  const timestamp = parts.timestamp ?? String(Math.floor(Date.now() / 1000))
  const nonce = parts.nonce_str ?? 'N0NCE4TESTS0000000000000000000AB'
  const all: Record<string, string> = {
    mchid: parts.mchid ?? MCHID,
    serial_no: parts.serial_no ?? SERIAL,
    timestamp,
    nonce_str: nonce,
    signature: parts.signature ?? sign(`${method}\n${url}\n${timestamp}\n${nonce}\n${body}\n`),
  }
  return `WECHATPAY2-SHA256-RSA2048 ${order.map(k => `${k}="${all[k]}"`).join(',')}`
}

/** Calls a Pay APIv3 endpoint the way a merchant SDK does. */
export async function pay(origin: string, method: 'GET' | 'POST', url: string, body?: unknown, parts?: AuthParts): Promise<{ status: number, json: Record<string, unknown>, text: string, headers: Headers }> {
  const text = body === undefined ? '' : JSON.stringify(body)
  const headers: Record<string, string> = { 'Authorization': authHeader(method, url, text, parts), 'Accept': 'application/json', 'User-Agent': 'wechat-oa-kit-test' }
  if (method === 'POST')
    headers['Content-Type'] = 'application/json'
  const res = await fetch(origin + url, { method, headers, body: method === 'POST' ? text : undefined })
  const out = await res.text()
  return { status: res.status, text: out, headers: res.headers, json: out ? JSON.parse(out) as Record<string, unknown> : {} }
}

export async function getJson(url: string, init?: RequestInit): Promise<Record<string, unknown>> {
  return await (await fetch(url, init)).json() as Record<string, unknown>
}

export function postJson(url: string, body: unknown): Promise<Record<string, unknown>> {
  return getJson(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
}

/** OAuth as a persona: GET the consent form's target and read the code from the redirect. */
export async function codeFor(origin: string, persona: string, scope = 'snsapi_userinfo', redirect = 'https://h5.example.com/cb'): Promise<string> {
  const q = new URLSearchParams({ appid: APPID, redirect_uri: redirect, scope, state: 'S1', persona, action: 'allow' })
  const res = await fetch(`${origin}/connect/oauth2/authorize/confirm?${q}`, { redirect: 'manual' })
  const code = new URL(res.headers.get('location')!).searchParams.get('code')
  if (!code)
    throw new Error(`no code in ${res.headers.get('location')}`)
  return code
}

export interface Received { headers: IncomingHttpHeaders, body: string }

/** A merchant notify endpoint answering with the given statuses in turn (last one repeats). */
export async function notifyReceiver(statuses: number[], override?: (r: Received) => number | undefined): Promise<{ url: string, received: Received[], close: () => Promise<void> }> {
  const received: Received[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => { body += c.toString('utf8') })
    req.on('end', () => {
      received.push({ headers: req.headers, body })
      res.statusCode = override?.({ headers: req.headers, body }) ?? statuses[Math.min(received.length - 1, statuses.length - 1)]!
      res.end(res.statusCode < 300 ? '' : '{"code":"FAIL","message":"失败"}')
    })
  })
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  return { url: `http://127.0.0.1:${port}/pay/notify`, received, close: () => new Promise(r => server.close(() => r())) }
}

export async function waitFor<T>(fn: () => T | undefined | Promise<T | undefined>, ms = 3000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await fn()
    if (v !== undefined)
      return v
    if (Date.now() > end)
      throw new Error('waitFor timed out')
    await new Promise(r => setTimeout(r, 10))
  }
}
