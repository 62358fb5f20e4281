// First-run setup persistence and the API-server environment derived from it.

import { createSign, createVerify } from 'node:crypto'
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { configFromSetup } from '../../src/simulator/config.ts'
import { loadOrCreateSimulatorSetup, serverEnvFor } from '../../src/simulator/keys.ts'
import { openidFor } from '../../src/simulator/openid.ts'
import { ANDROID_UA, deviceOf, IPHONE_UA, PERSONAS } from '../../src/simulator/personas.ts'

describe('loadOrCreateSimulatorSetup', () => {
  let dir = ''
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('generates WeChat-shaped identities once, stores them 0600 and reuses them', async () => {
    dir = await mkdtemp(join(tmpdir(), 'wxsim-'))
    const a = await loadOrCreateSimulatorSetup(dir)
    expect(a.appId).toMatch(/^wx[0-9a-f]{16}$/)
    expect(a.appSecret).toMatch(/^[0-9a-f]{32}$/)
    expect(a.mchId).toMatch(/^\d{10}$/)
    expect(a.merchantSerial).toMatch(/^[0-9A-F]{40}$/)
    expect(a.platformPublicKeyId).toMatch(/^PUB_KEY_ID_\d+$/)
    expect(a.apiV3Key).toMatch(/^[\x21-\x7E]{32}$/)
    const sig = createSign('RSA-SHA256').update('m').sign(a.merchantPrivateKeyPem, 'base64')
    expect(createVerify('RSA-SHA256').update('m').verify(a.merchantPublicKeyPem, sig, 'base64')).toBe(true)
    expect((await stat(join(dir, 'simulator', 'setup.json'))).mode & 0o777).toBe(0o600)
    expect(await loadOrCreateSimulatorSetup(dir)).toEqual(a)

    const env = serverEnvFor(a, { simulatorOrigin: 'http://127.0.0.1:4100/', publicOrigin: 'http://127.0.0.1:5173' })
    expect(env).toMatchObject({ WECHAT_APPID: a.appId, WECHAT_OAUTH_ORIGIN: 'http://127.0.0.1:4100', WECHATPAY_API_ORIGIN: 'http://127.0.0.1:4100', WECHATPAY_PLATFORM_PUBLIC_KEY_ID: a.platformPublicKeyId })
    expect(Object.keys(env).sort()).toEqual(['WECHATPAY_API_ORIGIN', 'WECHATPAY_APIV3_KEY', 'WECHATPAY_CERT_SERIAL', 'WECHATPAY_MCHID', 'WECHATPAY_PLATFORM_PUBLIC_KEY', 'WECHATPAY_PLATFORM_PUBLIC_KEY_ID', 'WECHATPAY_PRIVATE_KEY', 'WECHAT_API_ORIGIN', 'WECHAT_APPID', 'WECHAT_APPSECRET', 'WECHAT_OAUTH_ORIGIN', 'WECHAT_TOKEN', 'WECHAT_ENCODING_AES_KEY', 'SERIES_SUBSCRIBE_TEMPLATE_ID'].sort())
    // The server validates these the way it validates an operator's own (43 letters or digits, 3-32 for the token).
    expect(env.WECHAT_ENCODING_AES_KEY).toMatch(/^[a-z0-9]{43}$/i)
    expect(env.WECHAT_TOKEN).toMatch(/^[a-z0-9]{3,32}$/i)
    expect(configFromSetup(a, { publicOrigin: 'http://127.0.0.1:5173' }).authDomains).toEqual(['127.0.0.1:5173'])
    // The whole site is a 支付授权目录 by default (§6.2).
    expect(configFromSetup(a, { publicOrigin: 'http://127.0.0.1:5173' }).payDirectories).toEqual(['http://127.0.0.1:5173/'])
  })

  it.each([
    ['truncated JSON', '{"version":1,"appId":', /is not valid JSON/],
    ['a JSON value of the wrong shape', '{"version":1}', /is not a valid simulator setup/],
  ])('explains a corrupt setup.json (%s): which file, and to delete it', async (_n, text, what) => {
    const corrupt = await mkdtemp(join(tmpdir(), 'wxsim-'))
    const file = join(corrupt, 'simulator', 'setup.json')
    await mkdir(join(corrupt, 'simulator'))
    await writeFile(file, text)
    const err = await loadOrCreateSimulatorSetup(corrupt).catch((e: unknown) => e as Error)
    expect(err).toBeInstanceOf(Error)
    expect((err as Error).message).toMatch(what)
    expect((err as Error).message).toContain(file)
    expect((err as Error).message).toMatch(/delete .* to generate a new simulator setup/)
    await rm(corrupt, { recursive: true, force: true })
  })
})

describe('personas', () => {
  it.each([[IPHONE_UA, 'ios'], [ANDROID_UA, 'android'], ['Mozilla/5.0 (Windows NT 10.0)', 'other']])('deviceOf(%s) = %s', (ua, device) => {
    expect(deviceOf(ua)).toBe(device)
  })

  it('derives distinct, stable 28-char openids per app', () => {
    const ids = PERSONAS.map(p => openidFor('wx1', p.key))
    expect(new Set(ids).size).toBe(PERSONAS.length)
    expect(ids.every(id => /^o[\w-]{27}$/.test(id))).toBe(true)
    expect(openidFor('wx2', 'iphone')).not.toBe(ids[0])
    expect(openidFor('wx1', 'iphone')).toBe(ids[0])
  })
})
