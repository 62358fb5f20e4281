// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import ArticlesPage from '../../../../../src/app/pages/ArticlesPage.vue'
import { fakePageLoad } from '../../helpers/fake-platform.ts'

// A production database starts without articles (demo content is a seed, not a migration).
async function render(path: string) {
  const load = fakePageLoad({ me: null, routes: { 'GET /api/articles': () => ({ articles: [] }) } })
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/articles', component: ArticlesPage }] })
  await router.push(path)
  const Root = defineComponent({ render: () => h(RouterView) })
  const wrapper = mount(Root, { global: { ...load.mountOptions, plugins: [...load.mountOptions.plugins, router] } })
  await flushPromises()
  return wrapper
}

describe('the article list without any content', () => {
  it('says that nothing is published yet, with no skeleton or error', async () => {
    const wrapper = await render('/articles')
    expect(wrapper.get('[data-testid="article-list-empty"]').text()).toContain('还没有发布文章')
    expect(wrapper.find('[aria-busy="true"]').exists()).toBe(false)
    expect(wrapper.findAll('[data-testid="article-list-item"]')).toHaveLength(0)
  })

  it('offers the whole list when a series has nothing', async () => {
    const wrapper = await render('/articles?series=nope')
    expect(wrapper.get('[data-testid="article-list-empty"]').text()).toContain('查看全部文章')
  })
})
