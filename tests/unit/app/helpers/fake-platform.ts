import type { Http } from '../../../../src/app/platform/http.ts'
import type { Me } from '../../../../src/shared/schemas/me.ts'
import { createPinia } from 'pinia'
import { vi } from 'vitest'
import { createApp } from 'vue'
import { HttpError } from '../../../../src/app/platform/http.ts'
import { PLATFORM } from '../../../../src/app/platform/services.ts'
import { createJsonStorage } from '../../../../src/app/platform/storage.ts'
import { WECHAT } from '../../../../src/app/platform/wechat/index.ts'
import { createTestWeChat, IOS_UA } from './fake-wechat.ts'

export type Route = (body?: unknown) => unknown

/**
 * One page load of the SPA with fake platform services: `routes` answer `GET /path` and
 * `POST /path`, `PUT /path`, `DELETE /path` (return a value, or throw an HttpError); `/api/me` answers `me` (401 when null).
 * Pass the same `tab` to a later load to keep per-tab storage (sessionStorage) across reloads,
 * and the same `device` to keep device storage (localStorage), which outlives the tab.
 */
export function fakePageLoad(opts: { me: Me | null, path?: string, ua?: string, tab?: Map<string, string>, device?: Map<string, string>, routes?: Record<string, Route> }) {
  const tab = opts.tab ?? new Map<string, string>()
  const device = opts.device ?? new Map<string, string>()
  const path = opts.path ?? '/articles/a1'
  const [pathname, search = ''] = path.split('?')
  const location = { href: `https://h5.example.com${path}`, origin: 'https://h5.example.com', pathname: pathname!, fullPath: pathname! + (search ? `?${search}` : ''), assign: vi.fn() }
  const routes: Record<string, Route> = {
    'GET /api/me': () => {
      if (!opts.me)
        throw new HttpError(401, 'UNAUTHORIZED', 'Sign in first')
      return opts.me
    },
    ...opts.routes,
  }
  const handle = (method: string) => vi.fn(async (p: string, body?: unknown) => {
    const route = routes[`${method} ${p}`]
    if (!route)
      throw new HttpError(404, 'NOT_FOUND', `no fake for ${method} ${p}`)
    return route(body)
  })
  const http = { get: handle('GET'), post: handle('POST'), delete: handle('DELETE'), put: handle('PUT') }
  const { wechat, fake } = createTestWeChat({ ua: opts.ua ?? IOS_UA })
  const provide = {
    [PLATFORM as symbol]: { http: http as unknown as Http, location, session: createJsonStorage(mapArea(tab)), local: createJsonStorage(mapArea(device)), userAgent: opts.ua ?? IOS_UA },
    [WECHAT as symbol]: wechat,
  }
  const pinia = createPinia()
  const app = createApp({})
  for (const key of Object.getOwnPropertySymbols(provide))
    app.provide(key, provide[key])
  app.use(pinia)
  /** `global` options to mount a component on this page load with @vue/test-utils. */
  const mountOptions = { plugins: [pinia], provide }
  return { app, http, tab, device, location, wechat, fake, mountOptions, run: <T>(fn: () => T) => app.runWithContext(fn) }
}

/** A Web Storage area over a Map, to look into in tests. */
export function mapArea(map: Map<string, string>): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  return { getItem: k => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: k => void map.delete(k) }
}
