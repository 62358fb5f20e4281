import type { Http } from '../../../../../src/app/platform/http.ts'
import type { Me } from '../../../../../src/shared/schemas/me.ts'
import { createPinia } from 'pinia'
import { describe, expect, it, vi } from 'vitest'
import { createApp } from 'vue'
import { useRequireSignIn } from '../../../../../src/app/features/auth/index.ts'
import { HttpError } from '../../../../../src/app/platform/http.ts'
import { PLATFORM } from '../../../../../src/app/platform/services.ts'
import { createJsonStorage } from '../../../../../src/app/platform/storage.ts'
import { WECHAT } from '../../../../../src/app/platform/wechat/index.ts'
import { useOpenInWeChatGuideStore } from '../../../../../src/app/stores/open-in-wechat-guide.ts'
import { useSessionStore } from '../../../../../src/app/stores/session.ts'
import { createTestWeChat, DESKTOP_UA, IOS_UA } from '../../helpers/fake-wechat.ts'

const ALICE: Me = { id: 7, nickname: 'Alice', avatarUrl: 'https://thirdwx.example/a.png', isSnapshot: false }

/** One page load: a fresh app, Pinia and services over a shared per-tab storage. */
function pageLoad(opts: { me: Me | null, path?: string, ua?: string, tab?: Map<string, string> }) {
  const tab = opts.tab ?? new Map<string, string>()
  const area = { getItem: (k: string) => tab.get(k) ?? null, setItem: (k: string, v: string) => void tab.set(k, v), removeItem: (k: string) => void tab.delete(k) }
  const [pathname, search = ''] = (opts.path ?? '/polls/weekly').split('?')
  const location = { href: `https://h5.example.com${opts.path}`, origin: 'https://h5.example.com', pathname: pathname!, fullPath: pathname! + (search ? `?${search}` : ''), assign: vi.fn() }
  const get = vi.fn(async () => {
    if (!opts.me)
      throw new HttpError(401, 'UNAUTHORIZED', 'Sign in first')
    return opts.me
  })
  const app = createApp({})
  app.provide(PLATFORM, { http: { get: get as unknown as Http['get'], post: vi.fn(), delete: vi.fn(), put: vi.fn() }, location, session: createJsonStorage(area), local: createJsonStorage(undefined), userAgent: opts.ua ?? IOS_UA })
  app.provide(WECHAT, createTestWeChat({ ua: opts.ua ?? IOS_UA }).wechat)
  app.use(createPinia())
  const signIn = app.runWithContext(() => useRequireSignIn<{ option: string }>('poll:vote'))
  return { app, signIn, location, tab, get, session: app.runWithContext(() => useSessionStore()) }
}

describe('lazy sign-in', () => {
  it('runs the action at once for a signed-in follower', async () => {
    const { signIn } = pageLoad({ me: ALICE })
    const action = vi.fn()
    await expect(signIn.run({ option: 'B' }, action)).resolves.toBe('ran')
    expect(action).toHaveBeenCalledWith({ option: 'B' })
  })

  it('saves the action and signs in back to the same page, then resumes it with its state', async () => {
    const before = pageLoad({ me: null, path: '/polls/weekly?from=timeline' })
    const action = vi.fn()
    await expect(before.signIn.run({ option: 'B' }, action)).resolves.toBe('redirecting')
    expect(action).not.toHaveBeenCalled()
    expect(before.location.assign).toHaveBeenCalledWith(`/auth/login?returnTo=${encodeURIComponent('/polls/weekly?from=timeline')}`)

    // WeChat OAuth brings the follower back, signed in, to a fresh page load in the same tab.
    const after = pageLoad({ me: ALICE, path: '/polls/weekly?from=timeline', tab: before.tab })
    await expect(after.signIn.resume(action)).resolves.toEqual({ option: 'B' })
    expect(action).toHaveBeenCalledExactlyOnceWith({ option: 'B' })
    // Consumed: a reload does not vote again.
    await expect(after.signIn.resume(action)).resolves.toBeUndefined()
  })

  it('gives the state back without running the action when sign-in did not complete', async () => {
    const before = pageLoad({ me: null })
    await before.signIn.run({ option: 'C' }, vi.fn())
    const after = pageLoad({ me: null, tab: before.tab })
    const action = vi.fn()
    await expect(after.signIn.resume(action)).resolves.toEqual({ option: 'C' })
    expect(action).not.toHaveBeenCalled()
    expect(after.location.assign).not.toHaveBeenCalled()
  })

  it('does not resume an action saved on another page', async () => {
    const before = pageLoad({ me: null, path: '/polls/weekly' })
    await before.signIn.run({ option: 'A' }, vi.fn())
    const elsewhere = pageLoad({ me: ALICE, path: '/polls/other', tab: before.tab })
    await expect(elsewhere.signIn.resume(vi.fn())).resolves.toBeUndefined()
  })

  it('refuses snapshot-mode visitors with the notice, both at once and on resume', async () => {
    const snapshot = { ...ALICE, isSnapshot: true }
    const page = pageLoad({ me: snapshot })
    const action = vi.fn()
    await expect(page.signIn.run({ option: 'A' }, action)).resolves.toBe('refused')
    expect(page.session.snapshotNoticeOpen).toBe(true)
    expect(page.location.assign).not.toHaveBeenCalled()

    const before = pageLoad({ me: null })
    await before.signIn.run({ option: 'A' }, vi.fn())
    const after = pageLoad({ me: snapshot, tab: before.tab })
    await after.signIn.resume(action)
    expect(action).not.toHaveBeenCalled()
    expect(after.session.snapshotNoticeOpen).toBe(true)
  })

  it('shows the open-in-WeChat guide instead of a sign-in that cannot work outside WeChat', async () => {
    const page = pageLoad({ me: null, ua: DESKTOP_UA })
    await expect(page.signIn.run({ option: 'A' }, vi.fn())).resolves.toBe('needs-wechat')
    expect(page.app.runWithContext(() => useOpenInWeChatGuideStore()).visible).toBe(true)
    expect(page.location.assign).not.toHaveBeenCalled()
  })

  it('asks the server who is signed in only once per page load', async () => {
    const page = pageLoad({ me: ALICE })
    await page.signIn.run({ option: 'A' }, vi.fn())
    await page.signIn.run({ option: 'B' }, vi.fn())
    expect(page.get).toHaveBeenCalledTimes(1)
  })
})
