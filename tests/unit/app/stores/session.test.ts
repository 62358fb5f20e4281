// @vitest-environment happy-dom
import type { Me } from '../../../../src/shared/schemas/me.ts'
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import App from '../../../../src/app/App.vue'
import { install } from '../../../../src/app/modules/session.ts'
import { whenIdle } from '../../../../src/app/platform/idle.ts'
import { useSessionStore } from '../../../../src/app/stores/session.ts'
import { fakePageLoad } from '../helpers/fake-platform.ts'

const ALICE: Me = { id: 7, nickname: 'Alice', avatarUrl: 'https://thirdwx.example/a.png', isSnapshot: false }
const SNAPSHOT: Me = { ...ALICE, id: 9, nickname: '微信用户', isSnapshot: true }
const HINT = 'kit:has-session'

function landing(me: Me | null, device?: Map<string, string>) {
  const load = fakePageLoad({ me, device })
  const session = load.run(useSessionStore)
  const meRequests = () => load.http.get.mock.calls.filter(([p]) => p === '/api/me').length
  return { ...load, session, meRequests }
}

describe('loading the session on landing', () => {
  it('asks nothing for a visitor this device never saw signed in (no 401 in the console)', async () => {
    const page = landing(null)
    await expect(page.session.loadKnownSession()).resolves.toBeNull()
    expect(page.meRequests()).toBe(0)
    expect(page.session.status).toBe('unknown')
  })

  it('remembers that a sign-in started, then loads the session on every later landing', async () => {
    const before = landing(null)
    before.session.signIn('/articles/a1')
    expect(before.device.get(HINT)).toBe('true')

    const back = landing(SNAPSHOT, before.device)
    await back.session.loadKnownSession()
    expect(back.meRequests()).toBe(1)
    expect(back.session.isSnapshot).toBe(true)
    // Later, on another article: asked once per landing, not again by actions.
    const later = landing(SNAPSHOT, before.device)
    await later.session.loadKnownSession()
    await later.session.ensureMe()
    expect(later.meRequests()).toBe(1)
  })

  it('remembers a session /api/me confirmed (e.g. from the home page badge)', async () => {
    const home = landing(ALICE)
    await home.session.ensureMe()
    expect(home.device.get(HINT)).toBe('true')
  })

  it('forgets the hint on a 401 (expired session) and on sign-out, but not on a network error', async () => {
    const device = new Map([[HINT, 'true']])
    const offline = landing(ALICE, device)
    offline.http.get.mockRejectedValueOnce(Object.assign(new Error('offline'), { status: 0 }))
    await offline.session.loadKnownSession()
    expect(device.has(HINT)).toBe(true)

    const expired = landing(null, device)
    await expired.session.loadKnownSession()
    expect(expired.session.status).toBe('signed-out')
    expect(device.has(HINT)).toBe(false)
    const next = landing(null, device)
    await next.session.loadKnownSession()
    expect(next.meRequests()).toBe(0)

    device.set(HINT, 'true')
    const signedIn = landing(ALICE, device)
    signedIn.http.post.mockResolvedValueOnce(undefined)
    await signedIn.session.signOut()
    expect(device.has(HINT)).toBe(false)
  })
})

describe('the snapshot notice on any page', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('shows on an article a snapshot visitor lands on, after first paint, without any action', async () => {
    const idle: Array<() => void> = []
    vi.stubGlobal('requestIdleCallback', (fn: () => void) => idle.push(fn))
    const page = landing(SNAPSHOT, new Map([[HINT, 'true']]))
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/articles/:id', component: { render: () => null } }] })
    install({ app: page.app, router })
    await router.push('/articles/a1')
    const wrapper = mount(App, { global: { ...page.mountOptions, plugins: [...page.mountOptions.plugins, router] } })
    await flushPromises()
    // The first render does not wait for /api/me.
    expect(page.meRequests()).toBe(0)
    expect(wrapper.find('.snapshot-notice').exists()).toBe(false)
    expect(idle).toHaveLength(1)
    idle[0]!()
    await flushPromises()
    await vi.dynamicImportSettled()
    await flushPromises()
    expect(page.meRequests()).toBe(1)
    expect(wrapper.find('.snapshot-notice').text()).toContain('使用完整服务')
    wrapper.unmount()
  })
})

describe('running after first paint', () => {
  it('uses requestIdleCallback with a deadline where there is one', () => {
    const fn = vi.fn()
    const requestIdleCallback = vi.fn((cb: () => void) => cb())
    whenIdle(fn, { requestIdleCallback, setTimeout: vi.fn() }, 1500)
    expect(requestIdleCallback).toHaveBeenCalledWith(expect.any(Function), { timeout: 1500 })
    expect(fn).toHaveBeenCalledOnce()
  })

  it('waits for the next frame, then a task, where requestIdleCallback is missing (iOS WeChat)', () => {
    const fn = vi.fn()
    const frames: Array<() => void> = []
    const tasks: Array<() => void> = []
    whenIdle(fn, { requestAnimationFrame: cb => frames.push(cb), setTimeout: cb => tasks.push(cb) })
    expect(fn).not.toHaveBeenCalled()
    frames[0]!()
    expect(fn).not.toHaveBeenCalled()
    tasks[0]!()
    expect(fn).toHaveBeenCalledOnce()
  })
})
