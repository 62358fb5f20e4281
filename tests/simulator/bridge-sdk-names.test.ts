// The emulator's port of the SDK's reply normalisation (protocol.md §4.6 table) and the shared
// link WeChat opens for a friend (§3.2). Pure functions, so they are checked without a browser.
import { describe, expect, it } from 'vitest'
import { appErrMsg } from '../../src/simulator/bridge/sdk-names'
import { linkAsOpenedFrom } from '../../src/simulator/bridge/share-visit'

describe('appErrMsg mirrors weixin-js-sdk V()', () => {
  it.each([
    ['updateAppMessageShareData', 'updateAppMessageShareData:ok', 'updateAppMessageShareData:ok'],
    ['checkJsApi', 'checkJsApi:confirm', 'checkJsApi:ok'],
    ['checkJsApi', 'checkJsApi:cancel', 'checkJsApi:cancel'],
    ['checkJsApi', 'checkJsApi:failed', 'checkJsApi:fail'],
    ['checkJsApi', 'checkJsApi:fail_access denied', 'checkJsApi:permission denied'],
    ['checkJsApi', 'checkJsApi:fail, the permission value is offline verifying', 'checkJsApi:fail, the permission value is offline verifying'],
    ['getBrandWCPayRequest', 'get_brand_wcpay_request:fail_no permission to execute', 'chooseWXPay:permission denied'],
    ['getBrandWCPayRequest', 'get_brand_wcpay_request:cancel', 'chooseWXPay:cancel'],
    ['scanQRCode', 'scanQRCode:function_not_exist', 'scanQRCode:function not exist'],
    ['preVerifyJSAPI', 'preVerifyJSAPI:function_not_exist', 'config:ok'],
    ['preVerifyJSAPI', 'preVerifyJSAPI:fail_invalid signature', 'config:invalid signature'],
    ['preVerifyJSAPI', 'preVerifyJSAPI:fail_invalid url domain', 'config:invalid url domain'],
    ['checkJsApi', 'x:', 'checkJsApi:fail'],
    ['checkJsApi', '', 'checkJsApi:ok'],
  ])('%s + %j → %j', (name, wire, expected) => {
    expect(appErrMsg(name, wire)).toBe(expected)
  })
})

describe('linkAsOpenedFrom', () => {
  it.each([
    ['https://a.cn/p', 'appMessage', 'https://a.cn/p?from=singlemessage&isappinstalled=0'],
    ['https://a.cn/p?x=%20y#h', 'timeline', 'https://a.cn/p?x=%20y&from=timeline&isappinstalled=0#h'],
    ['https://a.cn/p?', 'appMessage', 'https://a.cn/p?from=singlemessage&isappinstalled=0'],
  ] as const)('%s from %s → %s', (link, kind, expected) => {
    expect(linkAsOpenedFrom(link, kind)).toBe(expected)
  })
})
