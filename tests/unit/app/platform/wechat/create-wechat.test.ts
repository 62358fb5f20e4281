import { describe, expect, it, vi } from 'vitest'
import { JS_API_LIST, NOT_IN_WECHAT, PAY_NOT_SUPPORTED, WeChatError } from '../../../../../src/app/platform/wechat/index.ts'
import { ANDROID_UA, APP_ID, createTestWeChat, DESKTOP_UA, IOS_UA, MINI_PROGRAM_UA, WECOM_UA } from '../../helpers/fake-wechat.ts'

const LANDING = 'https://h5.example.com/polls/weekly?code=abc&sh=Ab12#x'
const PAY = { appId: APP_ID, timeStamp: '1414561699', nonceStr: 'n0nce', package: 'prepay_id=wx1', signType: 'RSA', paySign: 'c2ln' } as const

describe('configuring the JS-SDK', () => {
  it('signs the landing URL on iOS (with the code and sh it landed with), without the hash', async () => {
    const { wechat, fake, location } = createTestWeChat({ ua: IOS_UA, landingUrl: LANDING })
    location.href = 'https://h5.example.com/articles/1'
    await wechat.ready()
    expect(fake.signedUrls()).toEqual(['https://h5.example.com/polls/weekly?code=abc&sh=Ab12'])
    expect(wechat.status).toMatchObject({ configured: true, strategy: 'landing', lastError: null })
  })

  it('signs the current URL on Android', async () => {
    const { wechat, fake, location } = createTestWeChat({ ua: ANDROID_UA, landingUrl: LANDING })
    location.href = 'https://h5.example.com/articles/1?from=timeline#c'
    await wechat.configure()
    expect(fake.signedUrls()).toEqual(['https://h5.example.com/articles/1?from=timeline'])
  })

  it('asks for the JS APIs and open tags the kit uses, passing copies the SDK may rename', async () => {
    const { wechat, fake } = createTestWeChat()
    await wechat.ready()
    expect(fake.named('config')[0]).toMatchObject({
      appId: APP_ID,
      jsApiList: [...JS_API_LIST],
      openTagList: ['wx-open-launch-weapp', 'wx-open-subscribe'],
    })
    expect(JS_API_LIST).toContain('chooseWXPay')
  })

  it('retries once with the other URL on config:invalid signature, and keeps using the URL that worked', async () => {
    const current = 'https://h5.example.com/articles/1'
    const { wechat, fake, location } = createTestWeChat({
      ua: IOS_UA,
      landingUrl: LANDING,
      // This iPhone behaves like Android: only the current URL verifies.
      verdict: url => url.startsWith(current) ? 'config:ok' : 'config:invalid signature',
    })
    location.href = current
    await wechat.ready()
    expect(fake.signedUrls()).toEqual(['https://h5.example.com/polls/weekly?code=abc&sh=Ab12', current])
    expect(wechat.status).toMatchObject({ configured: true, signedUrl: current, strategy: 'current', lastError: null })
  })

  it('reports the failure when the other URL fails too, although wx.ready fired after wx.error', async () => {
    const { wechat, fake, location, logger } = createTestWeChat({ ua: ANDROID_UA, landingUrl: LANDING, verdict: () => 'config:invalid signature' })
    const error = vi.spyOn(logger, 'error')
    location.href = 'https://h5.example.com/articles/1'
    await expect(wechat.ready()).rejects.toMatchObject({ errMsg: 'config:invalid signature' })
    expect(fake.signedUrls()).toHaveLength(2)
    expect(wechat.lastError).toBe('config:invalid signature (signed https://h5.example.com/polls/weekly?code=abc&sh=Ab12)')
    expect(wechat.status.configured).toBe(false)
    expect(error).toHaveBeenCalledWith(expect.stringContaining('config:invalid signature'))
  })

  it('does not retry failures other than the signature (e.g. an unbound domain)', async () => {
    const { wechat, fake } = createTestWeChat({ verdict: () => 'config:invalid url domain' })
    await expect(wechat.configure()).rejects.toMatchObject({ errMsg: 'config:invalid url domain' })
    expect(fake.signedUrls()).toHaveLength(1)
  })

  it('reports a signature the server would not give', async () => {
    const { wechat, fake } = createTestWeChat({ fetchSignature: () => Promise.reject(new Error('host not allowed')) })
    await expect(wechat.ready()).rejects.toThrow('host not allowed')
    expect(wechat.lastError).toContain('config:signature unavailable')
    expect(fake.signedUrls()).toEqual([])
  })

  it('gives up on a client that never answers instead of hanging', async () => {
    const { wechat, fake } = createTestWeChat({ timeoutMs: 20 })
    fake.hold()
    await expect(wechat.ready()).rejects.toMatchObject({ errMsg: 'config:timeout' })
  })

  it('re-signs on Android when the URL changed, and only then', async () => {
    const { wechat, fake, location } = createTestWeChat({ ua: ANDROID_UA, landingUrl: 'https://h5.example.com/' })
    await wechat.configure()
    await wechat.configure()
    location.href = 'https://h5.example.com/polls/weekly'
    await wechat.configure()
    location.href = 'https://h5.example.com/polls/weekly#results'
    await wechat.configure()
    expect(fake.signedUrls()).toEqual(['https://h5.example.com/', 'https://h5.example.com/polls/weekly'])
  })

  it('never re-signs on iOS, where the landing URL stays the signed one', async () => {
    const { wechat, fake, location } = createTestWeChat({ ua: IOS_UA, landingUrl: 'https://h5.example.com/' })
    await wechat.configure()
    location.href = 'https://h5.example.com/polls/weekly'
    await wechat.configure()
    expect(fake.signedUrls()).toEqual(['https://h5.example.com/'])
  })

  it('waits for the client to answer a re-config before sharing (wx.ready does not fire twice)', async () => {
    const { wechat, fake, location } = createTestWeChat({ ua: ANDROID_UA })
    await wechat.ready()
    location.href = 'https://h5.example.com/polls/weekly'
    fake.hold()
    void wechat.configure()
    const shared = wechat.share({ title: 't', desc: 'd', link: 'https://h5.example.com/polls/weekly', imgUrl: 'https://h5.example.com/i.png' })
    await new Promise(resolve => setTimeout(resolve, 20))
    expect(fake.named('updateAppMessageShareData')).toEqual([])
    fake.release()
    await shared
    const order = fake.calls.map(c => c[0])
    expect(order.lastIndexOf('config')).toBeLessThan(order.indexOf('updateAppMessageShareData'))
  })

  it('treats a failed re-config as failure even though wx.ready has fired before', async () => {
    let ok = true
    const { wechat, location } = createTestWeChat({ ua: ANDROID_UA, verdict: () => ok ? 'config:ok' : 'config:invalid signature' })
    await wechat.ready()
    ok = false
    location.href = 'https://h5.example.com/polls/weekly'
    await expect(wechat.configure()).rejects.toBeInstanceOf(WeChatError)
    await expect(wechat.share({ title: 't', desc: 'd', link: 'l', imgUrl: 'i' })).rejects.toMatchObject({ errMsg: 'config:invalid signature' })
  })
})

describe('re-configuring when the bridge cannot be wrapped (frozen)', () => {
  const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))
  /** Settles with what happened within `ms`: 'pending' when it has not settled yet. */
  const within = <T>(p: Promise<T>, ms: number) => Promise.race([p.then(() => 'resolved', () => 'rejected'), sleep(ms).then(() => 'pending')])

  async function frozenAfterFirstConfig(opts: { quietWindowMs: number, verdict?: (url: string) => string }) {
    const t = createTestWeChat({ ua: ANDROID_UA, ...opts })
    await t.wechat.ready()
    Object.freeze(t.fake.bridge)
    t.location.href = 'https://h5.example.com/polls/weekly'
    return t
  }

  it('counts a re-config as done once wx.error stayed silent for the quiet window', async () => {
    const { wechat, fake } = await frozenAfterFirstConfig({ quietWindowMs: 60 })
    const configured = wechat.configure()
    expect(await within(configured, 20)).toBe('pending')
    await configured
    expect(fake.signedUrls()).toEqual(['https://h5.example.com/', 'https://h5.example.com/polls/weekly'])
    expect(wechat.status).toMatchObject({ configured: true, signedUrl: 'https://h5.example.com/polls/weekly', lastError: null })
  })

  it('fails a re-config as soon as wx.error reports it, without waiting for the window', async () => {
    let verdict = 'config:ok'
    const { wechat } = await frozenAfterFirstConfig({ quietWindowMs: 5000, verdict: () => verdict })
    verdict = 'config:invalid url domain'
    const configured = wechat.configure()
    expect(await within(configured, 200)).toBe('rejected')
    await expect(configured).rejects.toMatchObject({ errMsg: 'config:invalid url domain' })
    expect(wechat.status.configured).toBe(false)
  })

  it('takes back a re-config whose failure arrives after the window, and configures again on the next ready()', async () => {
    let verdict = 'config:ok'
    const { wechat, fake } = await frozenAfterFirstConfig({ quietWindowMs: 10, verdict: () => verdict })
    fake.hold()
    await wechat.configure()
    expect(wechat.status.configured).toBe(true)
    verdict = 'config:invalid signature'
    fake.release()
    await sleep(5)
    expect(wechat.status.configured).toBe(false)
    expect(wechat.lastError).toContain('config:invalid signature')
    verdict = 'config:ok'
    await wechat.ready()
    expect(fake.signedUrls()).toHaveLength(3)
    expect(wechat.status.configured).toBe(true)
  })

  it('shares after a re-config on a frozen bridge', async () => {
    const { wechat, fake } = await frozenAfterFirstConfig({ quietWindowMs: 10 })
    void wechat.configure()
    await wechat.share({ title: 't', desc: 'd', link: 'https://h5.example.com/polls/weekly', imgUrl: 'https://h5.example.com/i.png' })
    const order = fake.calls.map(c => c[0])
    expect(order.lastIndexOf('config')).toBeLessThan(order.indexOf('updateAppMessageShareData'))
  })
})

describe('weCom and mini-program web-views', () => {
  it('treats WeCom as outside WeChat: no wx.config with the Official Account appId', async () => {
    const loadSdk = vi.fn()
    const { wechat } = createTestWeChat({ ua: WECOM_UA, loadSdk })
    expect(wechat.isSupported).toBe(false)
    expect(wechat.environment).toMatchObject({ isWeChat: true, isWeCom: true, canPay: false })
    await expect(wechat.configure()).rejects.toMatchObject({ errMsg: NOT_IN_WECHAT })
    await expect(wechat.pay(PAY)).rejects.toMatchObject({ errMsg: NOT_IN_WECHAT })
    expect(loadSdk).not.toHaveBeenCalled()
  })

  it('configures and shares in a mini-program web-view, but refuses to pay', async () => {
    const { wechat, fake } = createTestWeChat({ ua: MINI_PROGRAM_UA })
    expect(wechat.isSupported).toBe(true)
    await wechat.share({ title: 't', desc: 'd', link: 'l', imgUrl: 'i' })
    await expect(wechat.pay(PAY)).rejects.toMatchObject({ errMsg: PAY_NOT_SUPPORTED })
    expect(fake.named('chooseWXPay')).toEqual([])
  })

  it('notices a web-view that only says so through window.__wxjs_environment, once set', async () => {
    let wxjsEnvironment: string | undefined
    const { wechat, fake } = createTestWeChat({ ua: ANDROID_UA, wxjsEnvironment: () => wxjsEnvironment })
    expect(wechat.environment.canPay).toBe(true)
    wxjsEnvironment = 'miniprogram'
    expect(wechat.environment).toMatchObject({ isMiniProgram: true, canPay: false })
    expect(wechat.isSupported).toBe(true)
    await expect(wechat.pay(PAY)).rejects.toMatchObject({ errMsg: PAY_NOT_SUPPORTED })
    expect(fake.named('chooseWXPay')).toEqual([])
  })
})

describe('outside WeChat', () => {
  it('is not supported, never loads the SDK and refuses at once instead of hanging', async () => {
    const loadSdk = vi.fn()
    const { wechat } = createTestWeChat({ ua: DESKTOP_UA, loadSdk })
    expect(wechat.isSupported).toBe(false)
    const refusal = { errMsg: NOT_IN_WECHAT }
    await expect(wechat.ready()).rejects.toMatchObject(refusal)
    await expect(wechat.configure()).rejects.toMatchObject(refusal)
    await expect(wechat.share({ title: 't', desc: 'd', link: 'l', imgUrl: 'i' })).rejects.toMatchObject(refusal)
    await expect(wechat.pay(PAY)).rejects.toMatchObject(refusal)
    await expect(wechat.checkJsApi()).rejects.toMatchObject(refusal)
    expect(loadSdk).not.toHaveBeenCalled()
  })
})

describe('share, pay and checkJsApi', () => {
  it('sets both the friends and the Moments share data', async () => {
    const { wechat, fake } = createTestWeChat()
    const data = { title: '本周投票', desc: '来投一票', link: 'https://h5.example.com/polls/weekly?sh=me01', imgUrl: 'https://h5.example.com/share-cover.png' }
    await wechat.share(data)
    expect(fake.named('updateAppMessageShareData')[0]).toMatchObject(data)
    expect(fake.named('updateTimelineShareData')[0]).toMatchObject({ title: data.title, link: data.link, imgUrl: data.imgUrl })
  })

  it('maps the canonical pay payload (timeStamp) to chooseWXPay (timestamp)', async () => {
    const { wechat, fake } = createTestWeChat()
    await expect(wechat.pay(PAY)).resolves.toBe('ok')
    const args = fake.named('chooseWXPay')[0]!
    expect(args).toMatchObject({ timestamp: '1414561699', nonceStr: 'n0nce', package: 'prepay_id=wx1', signType: 'RSA', paySign: 'c2ln' })
    expect(args).not.toHaveProperty('timeStamp')
    expect(args).not.toHaveProperty('appId')
  })

  it.each([
    ['cancel', 'resolves', 'cancel'],
    ['fail', 'rejects', undefined],
  ] as const)('reports a %s payment', async (reply, how, value) => {
    const { wechat, fake } = createTestWeChat()
    fake.sdk.payReply = reply
    if (how === 'resolves')
      await expect(wechat.pay(PAY)).resolves.toBe(value)
    else
      await expect(wechat.pay(PAY)).rejects.toMatchObject({ errMsg: 'chooseWXPay:fail' })
  })

  it('refuses a payment signed for another appId than wx.config', async () => {
    const { wechat, fake } = createTestWeChat()
    await expect(wechat.pay({ ...PAY, appId: 'wxOTHER' })).rejects.toThrow(/differs/)
    expect(fake.named('chooseWXPay')).toEqual([])
  })

  it('checks JS APIs after config', async () => {
    const { wechat } = createTestWeChat()
    await expect(wechat.checkJsApi(['chooseWXPay'])).resolves.toEqual({ chooseWXPay: true })
  })
})
