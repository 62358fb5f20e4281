import type { WeChatDeps } from '../../../../src/app/platform/wechat/create-wechat.ts'
import type { WeixinJSBridgeLike, WxConfig, WxResult, WxSdk } from '../../../../src/app/platform/wechat/types.ts'
import type { JsSdkConfigResponse } from '../../../../src/shared/schemas/jssdk.ts'
import { createWeChat } from '../../../../src/app/platform/wechat/create-wechat.ts'

export const IOS_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800323d) NetType/WIFI Language/zh_CN'
export const ANDROID_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240805.005; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.188 Mobile Safari/537.36 MicroMessenger/8.0.50.2701(0x28003253) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN'
/** WeCom (企业微信) on Android: MicroMessenger too, plus `wxwork`. */
export const WECOM_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240805.005; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.188 Mobile Safari/537.36 wxwork/4.1.22 MicroMessenger/7.0.1 NetType/WIFI Language/zh ColorScheme/Light'
/** A mini-program's web-view on iOS (`miniProgram` in the UA since WeChat 7.0.0). */
export const MINI_PROGRAM_UA = `${IOS_UA} miniProgram/wxe5f52902cf4de896`
export const DESKTOP_UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'
export const PHONE_BROWSER_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'

export const APP_ID = 'wxd678efh567hg6787'
/** The fake server "signs" a URL by naming it, so the fake client can tell which URL was signed. */
export const fakeSignature = (url: string): JsSdkConfigResponse => ({ appId: APP_ID, timestamp: 1414587457, nonceStr: 'Wm3WZYTPz0wzccnW', signature: `sig:${url}` })

type Call = [name: string, args: Record<string, unknown>]

/**
 * A stand-in for jweixin 1.6 with the behaviour protocol.md §4.3 documents: wx.ready callbacks run
 * once, after the first config is answered (also when it failed, after wx.error), and at once
 * afterwards; the last wx.error handler is called for every failed config. Configs are answered
 * through the bridge by `verdict(signedUrl)`, on a later task, like the real client.
 */
export function createFakeSdk(verdict: (signedUrl: string) => string = () => 'config:ok') {
  const calls: Call[] = []
  let state = 0
  let data: WxResult = { errMsg: '' }
  let readyQueue: Array<() => void> = []
  let failHandler: ((res: WxResult) => void) | undefined
  let answering = true
  const unanswered: Array<() => void> = []
  const bridge: WeixinJSBridgeLike = {
    invoke(name, args, cb) {
      calls.push([`bridge:${name}`, args])
      const answer = () => cb?.({ errMsg: verdict(String(args.signedUrl)) })
      if (answering)
        setTimeout(answer, 0)
      else
        unanswered.push(answer)
    },
    on() {},
  }
  const record = (name: string, args: object) => calls.push([name, { ...args }])
  const respond = (args: { success?: (r: any) => void }, res: Record<string, unknown> = {}) => setTimeout(() => args.success?.({ errMsg: 'ok', ...res }), 0)
  const sdk: WxSdk & { payReply: 'ok' | 'cancel' | 'fail' } = {
    payReply: 'ok',
    config(cfg: WxConfig) {
      record('config', { ...cfg, jsApiList: [...cfg.jsApiList], openTagList: [...(cfg.openTagList ?? [])] })
      // Like the SDK (§4.3 step 4), rename in place: callers must pass copies.
      cfg.jsApiList.forEach((n, i) => n === 'chooseWXPay' && (cfg.jsApiList[i] = 'getBrandWCPayRequest'))
      bridge.invoke('preVerifyJSAPI', { signedUrl: cfg.signature.slice(4) }, (res) => {
        state = 1
        data = res as WxResult
        if (data.errMsg !== 'config:ok') {
          if (failHandler)
            failHandler(data)
          else state = -1
        }
        const queue = readyQueue
        readyQueue = []
        queue.forEach(fn => fn())
      })
    },
    ready(fn) {
      if (state !== 0)
        fn()
      else readyQueue.push(fn)
    },
    error(fn) {
      if (state === -1)
        fn(data)
      else failHandler = fn
    },
    updateAppMessageShareData(args) {
      record('updateAppMessageShareData', args)
      respond(args)
    },
    updateTimelineShareData(args) {
      record('updateTimelineShareData', args)
      respond(args)
    },
    chooseWXPay(args) {
      record('chooseWXPay', args)
      setTimeout(() => {
        if (sdk.payReply === 'ok')
          args.success?.({ errMsg: 'chooseWXPay:ok' })
        else if (sdk.payReply === 'cancel')
          args.cancel?.({ errMsg: 'chooseWXPay:cancel' })
        else args.fail?.({ errMsg: 'chooseWXPay:fail' })
      }, 0)
    },
    checkJsApi(args) {
      record('checkJsApi', args)
      respond(args, { checkResult: Object.fromEntries(args.jsApiList.map(n => [n, true])) })
    },
    previewImage(args) {
      record('previewImage', args)
      respond(args)
    },
  }
  return {
    sdk,
    bridge,
    calls,
    named: (name: string) => calls.filter(c => c[0] === name).map(c => c[1]),
    /** URLs the client was asked to verify, in order. */
    signedUrls: () => calls.filter(c => c[0] === 'config').map(c => String(c[1].signature).slice(4)),
    hold() {
      answering = false
    },
    release() {
      answering = true
      unanswered.splice(0).forEach(a => setTimeout(a, 0))
    },
  }
}

export interface FakeWeChatOptions extends Partial<WeChatDeps> {
  verdict?: (signedUrl: string) => string
}

/** createWeChat over the fake SDK, a mutable fake location and a silent logger. */
export function createTestWeChat({ verdict, ...deps }: FakeWeChatOptions = {}) {
  const fake = createFakeSdk(verdict)
  const location = { href: deps.landingUrl ?? 'https://h5.example.com/' }
  const logger = { warn: () => {}, error: () => {} }
  const loadSdk = deps.loadSdk ?? (() => Promise.resolve(fake.sdk))
  const fetchSignature = deps.fetchSignature ?? ((url: string) => Promise.resolve(fakeSignature(url)))
  const wechat = createWeChat({
    ua: IOS_UA,
    landingUrl: location.href,
    location,
    bridge: () => fake.bridge,
    logger,
    timeoutMs: 1000,
    ...deps,
    loadSdk,
    fetchSignature,
  })
  return { wechat, fake, location, logger }
}
