// https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html (protocol.md §3, §4)
import type { JsSdkConfigResponse } from '@shared/schemas/jssdk'
import type { WeChatEnvironment } from './environment.ts'
import type { SignStrategy } from './sign-url.ts'
import type { PayPayload, PayResult, ShareData, WeixinJSBridgeLike, WxResult, WxSdk } from './types.ts'
import { reactive, readonly } from 'vue'
import { onNextConfigReply } from './config-reply.ts'
import { detectEnvironment } from './environment.ts'
import { isInvalidSignature, NOT_IN_WECHAT, WeChatError } from './errors.ts'
import { defaultStrategy, otherStrategy, stripHash, urlToSign } from './sign-url.ts'
import { callWx } from './wx-call.ts'

export const JS_API_LIST = ['updateAppMessageShareData', 'updateTimelineShareData', 'chooseWXPay', 'checkJsApi', 'getNetworkType', 'closeWindow', 'hideMenuItems', 'showMenuItems'] as const
export const OPEN_TAG_LIST = ['wx-open-launch-weapp', 'wx-open-subscribe'] as const

export interface WeChatDeps {
  loadSdk: () => Promise<WxSdk>
  fetchSignature: (url: string) => Promise<JsSdkConfigResponse>
  location: { readonly href: string }
  ua: string
  /** location.href when the page loaded, captured before the router started. */
  landingUrl: string
  /** The client's WeixinJSBridge, once injected: tells when a re-config is answered. */
  bridge?: () => WeixinJSBridgeLike | undefined
  /** Give up on a client that never answers wx.config (no bridge injected). */
  timeoutMs?: number
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
}

export function createWeChat(deps: WeChatDeps): WeChat {
  const environment = detectEnvironment(deps.ua)
  const logger = deps.logger ?? console
  const timeoutMs = deps.timeoutMs ?? 10_000
  const status = reactive<WeChatStatus>({ configured: false, signedUrl: null, strategy: defaultStrategy(environment.device), lastError: null })
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
      wx.error(res => onConfigError?.(res))
      return wx
    })
    return sdkPromise
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
      const timer = setTimeout(() => {
        onConfigError = undefined
        reject(new WeChatError('config:timeout', 'WeChat did not answer wx.config'))
      }, timeoutMs)
      onConfigError = (res) => {
        failure = res
      }
      const settle = () => {
        firstConfigAnswered = true
        clearTimeout(timer)
        onConfigError = undefined
        // wx.ready also runs after a failed config: the error seen first decides.
        if (failure)
          reject(new WeChatError(failure.errMsg))
        else
          resolve()
      }
      // wx.ready fires once per page; later configs are observed on the bridge (config-reply.ts).
      const observed = firstConfigAnswered && onNextConfigReply(deps.bridge?.(), settle)
      if (!observed)
        wx.ready(settle)
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
    if (!environment.isSupported)
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
    if (!environment.isSupported)
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

  return {
    environment,
    isSupported: environment.isSupported,
    status: readonly(status),
    get lastError() { return status.lastError },
    ready,
    configure,
    share,
    pay,
    checkJsApi,
  }
}
