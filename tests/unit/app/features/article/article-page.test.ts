// @vitest-environment happy-dom
import type { ArticleView } from '../../../../../src/shared/schemas/articles.ts'
import type { Block } from '../../../../../src/shared/schemas/blocks.ts'
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import ArticlePage from '../../../../../src/app/pages/ArticlePage.vue'
import { fakePageLoad } from '../../helpers/fake-platform.ts'

const PREMIUM = '【会员全文】只有付费读者能看到这一段。'
const text = (t: string): Block => ({ type: 'paragraph', runs: [{ text: t }] })
const base: ArticleView = {
  id: 'a1',
  title: '付费墙设计',
  summary: '试读多长、价格怎么标',
  author: '编辑部',
  series: { id: 'wechat-dev-notes', title: '公众号开发手记', position: 3 },
  premium: true,
  locked: true,
  publishedAt: '2025-03-22T02:00:00.000Z',
  blocks: [text('第一段试读。'), text('第二段 <b>不是 HTML</b>。'), { type: 'paywall' }],
}
const locked: ArticleView = {
  ...base,
  paywall: {
    memberships: [
      { id: 'membership-monthly', kind: 'membership', title: '月度会员', description: '30 天畅读', priceFen: 1800, durationDays: 30 },
      { id: 'membership-yearly', kind: 'membership', title: '年度会员', description: '365 天畅读', priceFen: 16800, durationDays: 365 },
    ],
    unlock: { id: 'unlock-a1', kind: 'unlock', title: '单篇解锁', description: '永久阅读这一篇', priceFen: 600, articleId: 'a1' },
  },
}
const entitled: ArticleView = { ...base, locked: false, blocks: [...base.blocks, text(PREMIUM), text('第二段会员内容。')] }

async function render(article: ArticleView) {
  const load = fakePageLoad({
    me: null,
    routes: {
      'GET /api/articles/a1': () => article,
      'GET /api/articles/a1/tips': () => ({ count: 2, tippers: [{ nickname: 'A', avatarUrl: '/a.png' }, { nickname: 'B', avatarUrl: '/b.png' }], tippedByMe: false }),
    },
  })
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/articles/:id', component: ArticlePage }, { path: '/articles', component: { render: () => null } }, { path: '/series/:id', component: { render: () => null } }] })
  await router.push('/articles/a1')
  const Root = defineComponent({ render: () => h(RouterView) })
  const wrapper = mount(Root, { global: { ...load.mountOptions, plugins: [...load.mountOptions.plugins, router] } })
  await flushPromises()
  return wrapper
}

describe('the article page', () => {
  it('shows the preview and the paywall with server prices, and no premium body, when locked', async () => {
    const wrapper = await render(locked)
    const preview = wrapper.get('[data-testid="article-preview"]')
    expect(preview.findAll('p').map(p => p.text())).toEqual(['第一段试读。', '第二段 <b>不是 HTML</b>。'])
    expect(preview.find('b').exists()).toBe(false)
    expect(wrapper.find('[data-testid="article-premium"]').exists()).toBe(false)
    expect(wrapper.html()).not.toContain('会员全文')
    const paywall = wrapper.get('[data-testid="paywall"]')
    expect(paywall.get('[data-testid="paywall-buy-membership-monthly"]').text()).toBe('¥18/月')
    expect(paywall.get('[data-testid="paywall-buy-membership-yearly"]').text()).toBe('¥168/年')
    expect(paywall.get('[data-testid="paywall-buy-unlock"]').text()).toBe('¥6')
    expect(wrapper.get('[data-testid="article-series"]').text()).toBe('公众号开发手记第 3 篇')
    expect(wrapper.get('[data-testid="tip-count"]').text()).toBe('2 人赞赏')
    expect(wrapper.findAll('[data-testid="tipper"]')).toHaveLength(2)
  })

  it('shows the premium body after the preview, and no paywall, for an entitled reader', async () => {
    const wrapper = await render(entitled)
    expect(wrapper.find('[data-testid="paywall"]').exists()).toBe(false)
    const premium = wrapper.get('[data-testid="article-premium"]')
    expect(premium.findAll('p').map(p => p.text())).toEqual([PREMIUM, '第二段会员内容。'])
    expect(premium.get('[data-testid="premium-divider"]').text()).toBe('以下为付费内容')
    expect(premium.get('[data-block-index="3"]').text()).toBe(PREMIUM)
  })
})
