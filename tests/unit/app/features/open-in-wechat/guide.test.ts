// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import OpenInWeChatGuide from '../../../../../src/app/features/open-in-wechat/OpenInWeChatGuide.vue'
import { useOpenInWeChatGuideStore } from '../../../../../src/app/stores/open-in-wechat-guide.ts'
import { fakePageLoad } from '../../helpers/fake-platform.ts'
import { MINI_PROGRAM_UA, PHONE_BROWSER_UA, WECOM_UA } from '../../helpers/fake-wechat.ts'

async function openGuide(ua: string) {
  const load = fakePageLoad({ me: null, ua })
  load.run(useOpenInWeChatGuideStore).open()
  const wrapper = mount(OpenInWeChatGuide, { global: load.mountOptions, attachTo: document.body })
  await flushPromises()
  const popup = document.querySelector('[data-testid="open-in-wechat"]') as HTMLElement
  return { wrapper, popup }
}

describe('the open-in-WeChat guide', () => {
  it.each([
    ['a phone browser', PHONE_BROWSER_UA],
    ['WeCom', WECOM_UA],
  ])('in %s, asks to open the page in WeChat', async (_where, ua) => {
    const { wrapper, popup } = await openGuide(ua)
    expect(popup.querySelector('h2')!.textContent!.trim()).toBe('请在微信中打开')
    expect(popup.textContent).toContain('此功能需要在微信中使用')
    expect(popup.textContent).toContain('复制链接')
    wrapper.unmount()
  })

  it('in a mini-program web-view, asks to open this page in WeChat itself', async () => {
    const { wrapper, popup } = await openGuide(MINI_PROGRAM_UA)
    expect(popup.querySelector('h2')!.textContent!.trim()).toBe('请在微信中打开本页面')
    expect(popup.textContent).toContain('小程序中无法使用此功能')
    wrapper.unmount()
  })
})
