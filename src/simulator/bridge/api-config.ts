// preVerifyJSAPI (wx.config) and checkJsApi.
// https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html (protocol.md §3, §4.3)
import type { Handler } from './handler-context'
import { fail, isNonEmptyString, ok, stripHash } from './handler-context'
import { appErrMsg } from './sdk-names'

const PREFIX = 'preVerifyJSAPI'

export const preVerifyJSAPI: Handler = async (args, ctx) => {
  const { state } = ctx
  // §3.2 (community rule, Tencent/weui#580): on iOS the client signs the landing URL — the
  // first load or last real reload — even after history.pushState; Android signs the current URL.
  const url = state.device === 'ios' ? state.landingUrl : stripHash(ctx.win.location.href)
  const jsApiList = stringList(args.verifyJsApiList)
  const openTagList = stringList(args.verifyOpenTagList) ?? []
  const timestamp = args.verifyTimestamp

  const done = (errMsg: string, signedUrl: string, reason?: string) => {
    state.lastConfig = {
      result: appErrMsg(PREFIX, errMsg),
      errMsg,
      signedUrl,
      reason,
      appId: typeof args.appId === 'string' ? args.appId : '',
      jsApiList: jsApiList ?? [],
    }
    state.changed()
    return reason ? fail(errMsg, reason) : ok(errMsg)
  }

  // Any new config replaces the trust in the old one until it verifies (§4.3 step 6: config is
  // not idempotent). A failed re-config leaves no API usable; assumption, see protocol.md §8.
  state.verified = null

  // §3.3 `config:fail`: incomplete config params. The SDK stringifies a missing timestamp to
  // "undefined" (§4.3 step 3), so that counts as missing.
  const missing = [
    isNonEmptyString(args.verifyAppId) ? '' : 'appId',
    isNonEmptyString(timestamp) && timestamp !== 'undefined' ? '' : 'timestamp',
    isNonEmptyString(args.verifyNonceStr) ? '' : 'nonceStr',
    isNonEmptyString(args.verifySignature) ? '' : 'signature',
    jsApiList ? '' : 'jsApiList',
  ].filter(Boolean)
  if (missing.length > 0)
    return done(`${PREFIX}:fail`, url, `wx.config is missing ${missing.join(', ')}`)
  // §4.9 (community): Android fails a config that lists only open tags.
  if (state.device === 'android' && jsApiList?.length === 0 && openTagList.length > 0)
    return done(`${PREFIX}:fail`, url, 'Android rejects an empty jsApiList (pass at least one API with openTagList)')

  try {
    const res = await ctx.client.preverify({
      appId: String(args.verifyAppId),
      url,
      timestamp: String(timestamp),
      nonceStr: String(args.verifyNonceStr),
      signature: String(args.verifySignature),
      jsApiList: jsApiList ?? [],
      openTagList,
    })
    if (res.err_msg === `${PREFIX}:ok`) {
      state.verified = {
        appId: String(args.verifyAppId),
        signature: String(args.verifySignature),
        timestamp: String(timestamp),
        nonceStr: String(args.verifyNonceStr),
        granted: new Set(jsApiList),
        openTags: new Set(openTagList),
      }
      return done(res.err_msg, res.signedUrl ?? url)
    }
    return done(res.err_msg, res.signedUrl ?? url, res.reason ?? res.err_msg)
  }
  catch (err) {
    return done(`${PREFIX}:fail`, url, `simulator unreachable: ${String(err)}`)
  }
}

export const checkJsApi: Handler = (args, ctx) => {
  const names = stringList(args.jsApiList)
  if (!names)
    return fail('checkJsApi:fail', 'jsApiList must be an array of API names')
  const result: Record<string, boolean> = {}
  for (const n of names) result[n] = ctx.supports(n)
  // The Android client sends checkResult as a JSON string; the SDK parses it only when the UA
  // says Android (SDK checkJsApi `_complete`, §4.1 `l`). iOS sends an object.
  const checkResult = ctx.state.device === 'android' ? JSON.stringify(result) : result
  return ok('checkJsApi:ok', { checkResult })
}

function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every(x => typeof x === 'string') ? [...v] : undefined
}
