import type { Http } from '../../../../../src/app/platform/http.ts'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { createCurrentShareData, recordLanding, syncWeChatWithRouter, useShareStore } from '../../../../../src/app/features/share/index.ts'
import { ANDROID_UA, createTestWeChat, IOS_UA } from '../../helpers/fake-wechat.ts'

const ORIGIN = 'https://h5.example.com'
const Page = { render: () => null }

async function land(ua: string, path: string) {
  setActivePinia(createPinia())
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: Page, meta: { share: { title: '首页' } } },
      { path: '/polls/:id', component: Page, meta: { share: { title: '本周投票', desc: '来投一票' } } },
    ],
  })
  // What the address bar shows: Android signs it.
  const location = { get href() { return ORIGIN + router.currentRoute.value.fullPath } }
  const { wechat, fake } = createTestWeChat({ ua, landingUrl: ORIGIN + path, location })
  const post = vi.fn(async () => ({ shareCode: 'me01', attributed: true }))
  const http = { get: vi.fn(), post } as unknown as Http
  syncWeChatWithRouter(router, wechat, createCurrentShareData(router, ORIGIN))
  await router.push(path)
  const lastShare = () => fake.named('updateAppMessageShareData').at(-1)
  return { router, wechat, fake, post, http, lastShare }
}

describe('share data after navigations', () => {
  it('sets each route\'s share card after every navigation', async () => {
    const { router, lastShare } = await land(IOS_UA, '/')
    await vi.waitFor(() => expect(lastShare()).toMatchObject({ title: '首页', link: `${ORIGIN}/`, imgUrl: `${ORIGIN}/share-cover.png` }))
    await router.push('/polls/weekly')
    await vi.waitFor(() => expect(lastShare()).toMatchObject({ title: '本周投票', desc: '来投一票', link: `${ORIGIN}/polls/weekly` }))
  })

  it('re-configures after a route change on Android', async () => {
    const { router, fake, lastShare } = await land(ANDROID_UA, '/')
    await vi.waitFor(() => expect(lastShare()).toBeDefined())
    await router.push('/polls/weekly')
    await vi.waitFor(() => expect(lastShare()).toMatchObject({ title: '本周投票' }))
    expect(fake.signedUrls()).toEqual([`${ORIGIN}/`, `${ORIGIN}/polls/weekly`])
  })

  it('keeps the landing signature after a route change on iOS', async () => {
    const { router, fake, lastShare } = await land(IOS_UA, '/')
    await vi.waitFor(() => expect(lastShare()).toBeDefined())
    await router.push('/polls/weekly')
    await vi.waitFor(() => expect(lastShare()).toMatchObject({ title: '本周投票' }))
    expect(fake.signedUrls()).toEqual([`${ORIGIN}/`])
  })
})

describe('share attribution on landing', () => {
  it('records the sharer, strips sh from the address bar and re-signs the new URL on Android', async () => {
    const { router, http, post, fake, lastShare } = await land(ANDROID_UA, '/polls/weekly?sh=Ab12cd&from=singlemessage')
    await recordLanding(router, http)
    expect(post).toHaveBeenCalledExactlyOnceWith('/api/share/visits', { path: '/polls/weekly', sharer: 'Ab12cd' })
    expect(router.currentRoute.value.fullPath).toBe('/polls/weekly?from=singlemessage')
    expect(useShareStore().shareCode).toBe('me01')
    await vi.waitFor(() => expect(lastShare()).toMatchObject({ link: `${ORIGIN}/polls/weekly?sh=me01` }))
    expect(fake.signedUrls()).toEqual([`${ORIGIN}/polls/weekly?sh=Ab12cd&from=singlemessage`, `${ORIGIN}/polls/weekly?from=singlemessage`])
  })

  it('strips sh on iOS too but keeps signing the landing URL, which still has it', async () => {
    const { router, http, fake, lastShare } = await land(IOS_UA, '/polls/weekly?sh=Ab12cd')
    await recordLanding(router, http)
    expect(router.currentRoute.value.fullPath).toBe('/polls/weekly')
    await vi.waitFor(() => expect(lastShare()).toMatchObject({ link: `${ORIGIN}/polls/weekly?sh=me01` }))
    expect(fake.signedUrls()).toEqual([`${ORIGIN}/polls/weekly?sh=Ab12cd`])
  })

  it('records a plain visit (to learn the visitor\'s share code) when the link had no sharer', async () => {
    const { router, http, post } = await land(ANDROID_UA, '/')
    const replace = vi.spyOn(router, 'replace')
    await recordLanding(router, http)
    expect(post).toHaveBeenCalledExactlyOnceWith('/api/share/visits', { path: '/' })
    expect(replace).not.toHaveBeenCalled()
  })

  it('ignores a malformed sharer code but still strips it', async () => {
    const { router, http, post } = await land(IOS_UA, '/?sh=%3Cscript%3E')
    await recordLanding(router, http)
    expect(post).toHaveBeenCalledExactlyOnceWith('/api/share/visits', { path: '/' })
    expect(router.currentRoute.value.fullPath).toBe('/')
  })
})
