// @vitest-environment happy-dom
import type { SeriesDetail } from '../../../../../src/shared/schemas/series.ts'
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import SeriesPage from '../../../../../src/app/pages/SeriesPage.vue'
import { fakePageLoad } from '../../helpers/fake-platform.ts'
import { IOS_UA, PHONE_BROWSER_UA } from '../../helpers/fake-wechat.ts'

const at = (iso: string, depthPct: number, finished = false) => ({ blockIndex: 3, depthPct, finished, updatedAt: iso })
const SERIES: SeriesDetail = {
  id: 'slow-reading',
  title: '慢读三章',
  description: '三篇连载',
  parts: [
    { id: 'p1', title: '第一章', position: 1, publishedAt: '2026-11-20T02:00:00.000Z', premium: false, locked: false, progress: at('2026-11-21T02:00:00.000Z', 100, true) },
    { id: 'p2', title: '第二章', position: 2, publishedAt: '2026-11-27T02:00:00.000Z', premium: true, locked: true, progress: at('2026-11-28T02:00:00.000Z', 42.5) },
    { id: 'p3', title: '第三章', position: 3, publishedAt: null, scheduledAt: new Date(2026, 11, 5, 10).toISOString(), premium: true, locked: true },
  ],
  product: { id: 'series-slow-reading', kind: 'series', title: '整套解锁', description: '全部三章，含之后更新', priceFen: 1200 },
  subscribeTemplateId: 'TPL-1',
}

async function render(ua: string, series: SeriesDetail = SERIES) {
  const load = fakePageLoad({ me: null, ua, path: '/series/slow-reading', routes: { 'GET /api/series/slow-reading': () => series } })
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/series/:id', component: SeriesPage }, { path: '/articles/:id', component: { render: () => null } }] })
  await router.push('/series/slow-reading')
  const Root = defineComponent({ render: () => h(RouterView) })
  const wrapper = mount(Root, { global: { ...load.mountOptions, plugins: [...load.mountOptions.plugins, router] } })
  await flushPromises()
  return wrapper
}

describe('the series page', () => {
  it('lists published parts with their read state and a scheduled one as coming, not tappable', async () => {
    const wrapper = await render(IOS_UA)
    expect(wrapper.get('[data-testid="series-title"]').text()).toBe('慢读三章')
    const parts = wrapper.findAll('[data-testid="series-part"]')
    expect(parts.map(p => p.attributes('href'))).toEqual(['/articles/p1', '/articles/p2'])
    expect(parts.map(p => p.get('[data-testid="read-state"]').text())).toEqual(['已读', '读到 42%'])
    expect(parts[1]!.get('[data-testid="series-part-badge"]').text()).toBe('会员')
    const coming = wrapper.get('[data-testid="series-part-scheduled"]')
    expect(coming.element.tagName).not.toBe('A')
    expect(coming.text()).toContain('即将更新 · 12月5日')
    expect(wrapper.get('[data-testid="series-buy"]').text()).toBe('¥12')
  })

  it('offers 更新提醒 through wx-open-subscribe inside WeChat, with the series\' template', async () => {
    const wrapper = await render(IOS_UA)
    const tag = wrapper.get('wx-open-subscribe')
    expect(tag.attributes('template')).toBe('TPL-1')
    expect(wrapper.find('[data-testid="series-subscribe-hint"]').exists()).toBe(false)
  })

  it('hides the tag outside WeChat, and without a template', async () => {
    const outside = await render(PHONE_BROWSER_UA)
    expect(outside.find('wx-open-subscribe').exists()).toBe(false)
    expect(outside.get('[data-testid="series-subscribe-hint"]').text()).toContain('在微信中打开')
    const unconfigured = await render(IOS_UA, { ...SERIES, subscribeTemplateId: undefined })
    expect(unconfigured.find('[data-testid="series-subscribe"]').exists()).toBe(false)
  })
})
