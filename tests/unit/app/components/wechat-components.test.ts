// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { describe, expect, it, vi } from 'vitest'
import { h, nextTick } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import WxOpenLaunchWeapp from '../../../../src/app/features/open-tags/WxOpenLaunchWeapp.vue'
import WxOpenSubscribe from '../../../../src/app/features/open-tags/WxOpenSubscribe.vue'
import ShareGuideOverlay from '../../../../src/app/features/share/ShareGuideOverlay.vue'
import SignInErrorPage from '../../../../src/app/pages/SignInErrorPage.vue'
import { PLATFORM } from '../../../../src/app/platform/services.ts'
import { createJsonStorage } from '../../../../src/app/platform/storage.ts'

describe('open tags as Vue components', () => {
  it('renders wx-open-launch-weapp with its slot inside a wxtag template and forwards its events', async () => {
    const wrapper = mount(WxOpenLaunchWeapp, {
      props: { username: 'gh_abc123', path: 'pages/index?x=1' },
      slots: { default: () => h('button', { style: 'width:100%' }, '打开小程序') },
    })
    const tag = wrapper.element as HTMLElement
    expect(tag.tagName.toLowerCase()).toBe('wx-open-launch-weapp')
    expect(tag.getAttribute('username')).toBe('gh_abc123')
    expect(tag.getAttribute('path')).toBe('pages/index?x=1')
    const template = tag.querySelector('script[type="text/wxtag-template"]')!
    expect(template.innerHTML).toContain('打开小程序')
    tag.dispatchEvent(new CustomEvent('launch', { detail: { errMsg: 'launch:ok' } }))
    tag.dispatchEvent(new CustomEvent('error', { detail: { errMsg: 'launch:fail' } }))
    tag.dispatchEvent(new Event('ready'))
    expect(wrapper.emitted('launch')).toEqual([[{ errMsg: 'launch:ok' }]])
    expect(wrapper.emitted('error')).toEqual([[{ errMsg: 'launch:fail' }]])
    expect(wrapper.emitted('ready')).toHaveLength(1)
  })

  it('joins wx-open-subscribe template ids', () => {
    const wrapper = mount(WxOpenSubscribe, { props: { template: ['t1', 't2'] }, slots: { default: () => '订阅' } })
    expect(wrapper.element.getAttribute('template')).toBe('t1,t2')
  })
})

describe('the share guide overlay', () => {
  it('points at the ··· menu and closes on a tap anywhere', async () => {
    const wrapper = mount(ShareGuideOverlay, { props: { 'show': true, 'onUpdate:show': (v: boolean) => wrapper.setProps({ show: v }) }, attachTo: document.body })
    await nextTick()
    const overlay = document.querySelector('[data-testid="share-guide"]') as HTMLElement
    expect(overlay.textContent).toContain('点击右上角')
    expect(overlay.textContent).toContain('分享给朋友 / 朋友圈')
    overlay.click()
    await nextTick()
    expect(wrapper.emitted('update:show')).toEqual([[false]])
    wrapper.unmount()
  })
})

describe('the sign-in error page', () => {
  async function open(query: string) {
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/signin/error', component: SignInErrorPage }, { path: '/', component: { render: () => null } }] })
    await router.push(`/signin/error?${query}`)
    const assign = vi.fn()
    const location = { href: '', origin: 'https://h5.example.com', pathname: '/signin/error', fullPath: `/signin/error?${query}`, assign }
    const wrapper = mount(SignInErrorPage, {
      global: {
        plugins: [router, createPinia()],
        provide: { [PLATFORM as symbol]: { http: { get: vi.fn(), post: vi.fn() }, location, session: createJsonStorage(undefined), local: createJsonStorage(undefined), userAgent: '' } },
      },
    })
    return { wrapper, assign }
  }

  it.each([
    ['refused', '你已取消授权'],
    ['state_mismatch', '登录已过期'],
    ['code_invalid', '登录未完成'],
    ['upstream', '微信服务暂时不可用'],
    ['something_new', '登录失败'],
  ])('explains %s calmly in Chinese', async (reason, title) => {
    const { wrapper } = await open(`reason=${reason}&returnTo=%2Fpolls%2Fweekly`)
    expect(wrapper.find('h1').text()).toBe(title)
    expect(wrapper.text()).toContain('返回首页')
  })

  it('signs in again back to the same returnTo', async () => {
    const { wrapper, assign } = await open('reason=code_invalid&returnTo=%2Fpolls%2Fweekly%3Ffrom%3Dtimeline')
    await wrapper.findAll('button').find(b => b.text() === '重新登录')!.trigger('click')
    expect(assign).toHaveBeenCalledWith(`/auth/login?returnTo=${encodeURIComponent('/polls/weekly?from=timeline')}`)
  })

  it('never returns to another origin', async () => {
    const { wrapper, assign } = await open('reason=refused&returnTo=%2F%2Fevil.example%2F')
    await wrapper.findAll('button').find(b => b.text() === '重新登录')!.trigger('click')
    expect(assign).toHaveBeenCalledWith('/auth/login?returnTo=%2F')
  })
})
