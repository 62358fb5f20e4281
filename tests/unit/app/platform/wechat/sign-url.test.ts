import { describe, expect, it } from 'vitest'
import { detectEnvironment } from '../../../../../src/app/platform/wechat/environment.ts'
import { defaultStrategy, stripHash, urlToSign } from '../../../../../src/app/platform/wechat/sign-url.ts'
import { ANDROID_UA, DESKTOP_UA, IOS_UA, MINI_PROGRAM_UA, PHONE_BROWSER_UA, WECOM_UA } from '../../helpers/fake-wechat.ts'

const landing = 'https://h5.example.com/polls/weekly?code=abc&state=s1&sh=Ab12#top'
const current = 'https://h5.example.com/articles/1?from=singlemessage&isappinstalled=0#comments'

describe('the URL a wx.config signature is made for', () => {
  it.each([
    ['iOS', IOS_UA, 'https://h5.example.com/polls/weekly?code=abc&state=s1&sh=Ab12'],
    ['Android', ANDROID_UA, 'https://h5.example.com/articles/1?from=singlemessage&isappinstalled=0'],
  ])('on %s is chosen by the landing-URL rule, without the hash', (_name, ua, expected) => {
    const { device } = detectEnvironment(ua)
    expect(urlToSign(defaultStrategy(device), { landing, current })).toBe(expected)
  })

  it.each([
    ['https://a.example/p?q=1#x', 'https://a.example/p?q=1'],
    ['https://a.example/p#', 'https://a.example/p'],
    ['https://a.example/p?q=#a#b', 'https://a.example/p?q='],
    ['https://a.example/p', 'https://a.example/p'],
  ])('strips the fragment of %s', (url, expected) => {
    expect(stripHash(url)).toBe(expected)
  })
})

describe('the environment read from the user agent', () => {
  it.each([
    ['iPhone WeChat', IOS_UA, { isWeChat: true, isWeCom: false, isMiniProgram: false, device: 'ios', isMobile: true, isSupported: true, canPay: true }],
    ['Android WeChat', ANDROID_UA, { isWeChat: true, isWeCom: false, isMiniProgram: false, device: 'android', isMobile: true, isSupported: true, canPay: true }],
    ['a desktop browser', DESKTOP_UA, { isWeChat: false, isWeCom: false, isMiniProgram: false, device: 'other', isMobile: false, isSupported: false, canPay: false }],
    ['a phone browser', PHONE_BROWSER_UA, { isWeChat: false, isWeCom: false, isMiniProgram: false, device: 'ios', isMobile: true, isSupported: false, canPay: false }],
    // WeCom says MicroMessenger too, but the Official Account's wx.config, OAuth and pay are not for it.
    ['WeCom', WECOM_UA, { isWeChat: true, isWeCom: true, isMiniProgram: false, device: 'android', isMobile: true, isSupported: false, canPay: false }],
    // A mini-program web-view can be configured, but pays only through the mini-program.
    ['a mini-program web-view', MINI_PROGRAM_UA, { isWeChat: true, isWeCom: false, isMiniProgram: true, device: 'ios', isMobile: true, isSupported: true, canPay: false }],
  ])('recognises %s', (_name, ua, expected) => {
    expect(detectEnvironment(ua)).toEqual(expected)
  })

  it('recognises a mini-program web-view by window.__wxjs_environment when the UA does not say', () => {
    expect(detectEnvironment(ANDROID_UA, 'miniprogram')).toMatchObject({ isMiniProgram: true, isSupported: true, canPay: false })
    expect(detectEnvironment(ANDROID_UA, 'browser')).toMatchObject({ isMiniProgram: false, canPay: true })
  })
})
