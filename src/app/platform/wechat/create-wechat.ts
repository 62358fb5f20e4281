// https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html (protocol.md §3, §4)
import type { JsSdkConfigResponse } from '@shared/schemas/jssdk.ts'
import type { WeChatEnvironment } from './environment.ts'
import type { SignStrategy } from './sign-url.ts'
import type { PayPayload, PayResult, ShareData, WeixinJSBridgeLike, WxResult, WxSdk } from './types.ts'
import { reactive, readonly } from 'vue'
import { onNextConfigReply } from './config-reply.ts'
import { detectEnvironment } from './environment.ts'
import { isInvalidSignature, NOT_IN_WECHAT, PAY_NOT_SUPPORTED, WeChatError } from './errors.ts'
import { defaultStrategy, otherStrategy, stripHash, urlToSign } from './sign-url.ts'
import { callWx } from './wx-call.ts'

export const JS_API_LIST = ['updateAppMessageShareData', 'updateTimelineShareData', 'chooseWXPay', 'checkJsApi', 'getNetworkType', 'closeWindow', 'hideMenuItems', 'showMenuItems', 'previewImage'] as const
export const OPEN_TAG_LIST = ['wx-open-launch-weapp', 'wx-open-subscribe'] as const

export interface WeChatDeps {
  loadSdk: () => Promise<WxSdk>
  fetchSignature: (url: string) => Promise<JsSdkConfigResponse>
  location: { readonly href: string }
  ua: string
  /** `window.__wxjs_environment`: a mini-program web-view sets it once the bridge is ready. */
  wxjsEnvironment?: () => string | undefined
  /** location.href when the page loaded, captured before the router started. */
  landingUrl: string
  /** The client's WeixinJSBridge, once injected: tells when a re-config is answered. */
  bridge?: () => WeixinJSBridgeLike | undefined
  /** Give up on a client that never answers wx.config (no bridge injected). */
  timeoutMs?: number
  /**
   * A re-config whose reply cannot be watched on the bridge (config-reply.ts) counts as done
   * when `wx.error` stays silent this long.
   */
  quietWindowMs?: number
  logger?: Pick<Console, 'warn' | 'error'>
}

export interface WeChatStatus {
  configured: boolean
  /** The URL of the last successful wx.config. */
  signedUrl: string | null
  strategy: SignStrategy
  /** The last wx.config failure (`config:invalid signature (signed …)`), for the dev panel and tests. */
  lastError: string | null
}

export interface WeChat {
  /** From the UA, updated when a mini-program web-view makes itself known later. */
  readonly environment: WeChatEnvironment
  readonly isSupported: boolean
  readonly status: Readonly<WeChatStatus>
  readonly lastError: string | null
  /** Resolves once wx.config succeeded for the current page (configuring if needed). */
  ready: () => Promise<void>
  /** Signs and configures; a no-op when the URL to sign is the one already configured. */
  configure: (url?: string) => Promise<void>
  /** Sets both the friends (AppMessage) and the Moments (Timeline) share data. */
  share: (data: ShareData) => Promise<void>
  pay: (payload: PayPayload) => Promise<PayResult>
  checkJsApi: (apis?: readonly string[]) => Promise<Record<string, boolean>>
  /** WeChat's full-screen image viewer; `urls` must be absolute (the client fetches them itself). */
  previewImage: (current: string, urls: readonly string[]) => Promise<void>
}

export function createWeChat(deps: WeChatDeps): WeChat {
  let env = detectEnvironment(deps.ua, deps.wxjsEnvironment?.())
  /** Only `isMiniProgram`/`canPay` can change, and only one way (isSupported stays as it started). */
  function environment(): WeChatEnvironment {
    if (env.canPay && deps.wxjsEnvironment?.() === 'miniprogram')
      env = detectEnvironment(deps.ua, 'miniprogram')
    return env
  }
  const isSupported = env.isSupported
  const logger = deps.logger ?? console
  // The client answers wx.config within a second (the signature fetch is not timed here); a
  // reader waiting on a spinning pay button should hear sooner that WeChat is not answering.
  const timeoutMs = deps.timeoutMs ?? 5_000
  const quietWindowMs = deps.quietWindowMs ?? 1500
  const status = reactive<WeChatStatus>({ configured: false, signedUrl: null, strategy: defaultStrategy(env.device), lastError: null })
  let sdkPromise: Promise<WxSdk> | undefined
  let onConfigError: ((res: WxResult) => void) | undefined
  let firstConfigAnswered = false
  let appId: string | undefined
  let queue: Promise<unknown> = Promise.resolve()
  let inflight: Promise<void> | undefined

  const unsupported = () => Promise.reject(new WeChatError(NOT_IN_WECHAT, 'Not inside WeChat: the JS-SDK cannot work here'))

  function sdk(): Promise<WxSdk> {
    sdkPromise ??= deps.loadSdk().then((wx) => {
      // Registered once, before any wx.ready: the SDK keeps the last handler and calls it for
      // every failed config, before it runs the ready callbacks (§4.3).
      wx.error(res => onConfigError ? onConfigError(res) : lateConfigError(res))
      return wx
    })
    return sdkPromise
  }

  /**
   * A failure for a config no longer waited for (it timed out, or its quiet window passed):
   * the page is not configured after all, so the next ready() configures again.
   */
  function lateConfigError(res: WxResult): void {
    status.configured = false
    status.lastError = `${res.errMsg} (signed ${status.signedUrl ?? '?'}, reported late)`
    logger.error(`[wechat] wx.config failed: ${status.lastError}`)
  }

  async function configOnce(wx: WxSdk, url: string): Promise<void> {
    let sig: JsSdkConfigResponse
    try {
      sig = await deps.fetchSignature(url)
    }
    catch (err) {
      throw new WeChatError('config:signature unavailable', `Could not get a JS-SDK signature: ${err instanceof Error ? err.message : String(err)}`)
    }
    status.configured = false
    await new Promise<void>((resolve, reject) => {
      let failure: WxResult | undefined
      let quietTimer: ReturnType<typeof setTimeout> | undefined
      const timer = setTimeout(() => {
        clearTimeout(quietTimer)
        onConfigError = undefined
        reject(new WeChatError('config:timeout', 'WeChat did not answer wx.config'))
      }, timeoutMs)
      const settle = () => {
        firstConfigAnswered = true
        clearTimeout(timer)
        clearTimeout(quietTimer)
        onConfigError = undefined
        // wx.ready also runs after a failed config: the error seen first decides.
        if (failure)
          reject(new WeChatError(failure.errMsg))
        else
          resolve()
      }
      onConfigError = (res) => {
        failure = res
        // Without a reply to wait for, the error is the only answer that comes.
        if (quietTimer !== undefined)
          settle()
      }
      // wx.ready fires once per page; later configs are observed on the bridge (config-reply.ts).
      if (!firstConfigAnswered) {
        wx.ready(settle)
      }
      else if (!onNextConfigReply(deps.bridge?.(), settle)) {
        // The bridge cannot be wrapped (frozen, non-writable…): jweixin reports a failed config
        // to the wx.error handler (§4.3 step 5), so silence for a while means it verified.
        // Not a checkJsApi round trip: jweixin hands every invoke straight to the client, with
        // no queue of its own, so nothing orders its reply after preVerifyJSAPI's (§4.2), and
        // calls made while a config is verifying may be refused with "offline verifying".
        quietTimer = setTimeout(settle, quietWindowMs)
      }
      wx.config({
        appId: sig.appId,
        timestamp: sig.timestamp,
        nonceStr: sig.nonceStr,
        signature: sig.signature,
        // Copies: the SDK renames entries of these arrays in place (§4.3 step 4).
        jsApiList: [...JS_API_LIST],
        openTagList: [...OPEN_TAG_LIST],
      })
    })
    appId = sig.appId
  }

  async function runConfigure(explicitUrl?: string): Promise<void> {
    const wx = await sdk()
    const urls = { landing: deps.landingUrl, current: deps.location.href }
    const preferred = explicitUrl ? stripHash(explicitUrl) : urlToSign(status.strategy, urls)
    if (status.configured && status.signedUrl === preferred)
      return
    const attempts: Array<[string, SignStrategy]> = [[preferred, status.strategy]]
    const fallback = otherStrategy(status.strategy)
    if (!explicitUrl && urlToSign(fallback, urls) !== preferred)
      attempts.push([urlToSign(fallback, urls), fallback])
    let lastErr: unknown
    for (const [url, strategy] of attempts) {
      try {
        await configOnce(wx, url)
        Object.assign(status, { configured: true, signedUrl: url, strategy, lastError: null })
        return
      }
      catch (err) {
        lastErr = err
        const errMsg = err instanceof WeChatError ? err.errMsg : String(err)
        status.lastError = `${errMsg} (signed ${url})`
        if (!isInvalidSignature(err))
          break
        logger.warn(`[wechat] ${status.lastError}; retrying with the ${otherStrategy(strategy)} URL`)
      }
    }
    logger.error(`[wechat] wx.config failed: ${status.lastError}`)
    throw lastErr
  }

  function configure(url?: string): Promise<void> {
    if (!isSupported)
      return unsupported()
    // One wx.config at a time: a second one replaces the first's credentials (§4.3).
    const run = queue.then(() => runConfigure(url))
    queue = run.catch(() => {})
    inflight = run
    void run.finally(() => {
      if (inflight === run)
        inflight = undefined
    }).catch(() => {})
    return run
  }

  function ready(): Promise<void> {
    if (!isSupported)
      return unsupported()
    return inflight ?? (status.configured ? Promise.resolve() : configure())
  }

  async function share(data: ShareData): Promise<void> {
    await ready()
    const wx = await sdk()
    await Promise.all([
      callWx(wx.updateAppMessageShareData, { title: data.title, desc: data.desc, link: data.link, imgUrl: data.imgUrl }),
      callWx(wx.updateTimelineShareData, { title: data.title, link: data.link, imgUrl: data.imgUrl }),
    ])
  }

  async function pay(payload: PayPayload): Promise<PayResult> {
    if (isSupported && !environment().canPay)
      throw new WeChatError(PAY_NOT_SUPPORTED, 'chooseWXPay does not open in a mini-program web-view')
    await ready()
    const wx = await sdk()
    // chooseWXPay takes no appId: the SDK sends wx.config's, so the paySign must be made with it (§4.5).
    if (payload.appId !== appId)
      throw new WeChatError('chooseWXPay:fail', `Pay appId ${payload.appId} differs from the wx.config appId ${appId}`)
    const outcome = await callWx(wx.chooseWXPay, {
      // The pay backend signs `timeStamp`; jweixin's parameter is `timestamp` (lower-case s).
      timestamp: payload.timeStamp,
      nonceStr: payload.nonceStr,
      package: payload.package,
      signType: payload.signType,
      paySign: payload.paySign,
    })
    return outcome.kind
  }

  async function checkJsApi(apis: readonly string[] = JS_API_LIST): Promise<Record<string, boolean>> {
    await ready()
    const wx = await sdk()
    const outcome = await callWx(wx.checkJsApi, { jsApiList: [...apis] })
    if (outcome.kind === 'cancel')
      throw new WeChatError(outcome.res.errMsg)
    return outcome.res.checkResult
  }

  async function previewImage(current: string, urls: readonly string[]): Promise<void> {
    await ready()
    const wx = await sdk()
    await callWx(wx.previewImage, { current, urls: [...urls] })
  }

  return {
    get environment() { return environment() },
    isSupported,
    status: readonly(status),
    get lastError() { return status.lastError },
    ready,
    configure,
    share,
    pay,
    checkJsApi,
    previewImage,
  }
}
