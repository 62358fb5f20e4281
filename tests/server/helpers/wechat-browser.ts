import type { LightMyRequestResponse } from 'fastify'
import type { App } from '../../../src/server/app.ts'
import type { RunningSimulator } from '../../../src/simulator/start.ts'
import { IPHONE_UA } from '../../../src/simulator/personas.ts'

const unescapeHtml = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, '\'').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')

/**
 * A follower's WeChat webview, for server tests: a cookie jar for our API
 * (driven with `inject`) and real HTTP to the simulator's OAuth pages.
 */
export function wechatBrowser(app: App, sim: RunningSimulator, userAgent = IPHONE_UA) {
  const jar = new Map<string, string>()

  function remember(res: LightMyRequestResponse) {
    for (const c of res.cookies) {
      if (c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === '')
        jar.delete(c.name)
      else
        jar.set(c.name, c.value)
    }
  }

  async function request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) {
    const res = await app.inject({
      method,
      url,
      payload: payload as never,
      headers: {
        'user-agent': userAgent,
        'cookie': [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        // A browser sends Origin with every POST; the API checks it where it matters (share visits).
        ...(method !== 'GET' ? { origin: app.config.publicOrigin } : {}),
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
    })
    remember(res)
    return res
  }

  /** Opens WeChat's authorize URL and answers the consent page; returns where WeChat redirects. */
  async function consent(authorizeUrl: string, choice: { persona: string } | 'refuse'): Promise<string> {
    if (!authorizeUrl.endsWith('#wechat_redirect'))
      throw new Error(`authorize URL lacks #wechat_redirect: ${authorizeUrl}`)
    const page = await fetch(authorizeUrl.replace(/#.*$/, ''), { headers: { 'user-agent': userAgent } })
    const html = await page.text()
    if (page.status !== 200)
      throw new Error(`authorize page refused (${page.status}): ${html.slice(0, 300)}`)
    const fields = new URLSearchParams()
    for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
      fields.set(unescapeHtml(m[1]!), unescapeHtml(m[2]!))
    if (choice === 'refuse') {
      fields.set('action', 'refuse')
    }
    else {
      fields.set('action', 'allow')
      fields.set('persona', choice.persona)
    }
    const res = await fetch(`${sim.origin}/connect/oauth2/authorize/confirm?${fields}`, { redirect: 'manual', headers: { 'user-agent': userAgent } })
    const location = res.headers.get('location')
    if (res.status !== 302 || !location)
      throw new Error(`consent did not redirect (${res.status})`)
    return location
  }

  /** The path part of an absolute URL on our public origin. */
  const pathOf = (absolute: string) => {
    const u = new URL(absolute)
    return u.pathname + u.search
  }

  return {
    jar,
    request,
    consent,
    pathOf,
    /** The whole sign-in: /auth/login → consent → /auth/callback. Returns the callback's response. */
    async signIn(opts: { persona?: string, returnTo?: string } = {}) {
      const login = await request('GET', `/auth/login?returnTo=${encodeURIComponent(opts.returnTo ?? '/')}`)
      if (login.statusCode !== 302)
        throw new Error(`login answered ${login.statusCode}`)
      const back = await consent(login.headers.location as string, { persona: opts.persona ?? 'iphone' })
      return request('GET', pathOf(back))
    },
  }
}
