// The SPA's analytics as a follower's webview sends them: the page view with its source, how far
// the reader scrolled, the paywall shown, and the last events beaconed when the page goes away.
import type { Browser } from 'playwright-core'
import type { KitStack } from './helpers/kit-stack.ts'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from './helpers/chromium.ts'
import { startKitStack } from './helpers/kit-stack.ts'

let stack: KitStack
let browser: Browser

beforeAll(async () => {
  [stack, browser] = await Promise.all([startKitStack(), launchChromium()])
})
afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

async function events(): Promise<{ type: string, article_id: string | null, channel: string | null, depth_pct: number | null }[]> {
  const result = await stack.database.db.execute(sql`SELECT type, article_id, channel, depth_pct FROM analytics_events ORDER BY at, type`)
  return (result as unknown as { rows: never[] }).rows
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const v = await read()
    if (ok(v))
      return v
    await new Promise(r => setTimeout(r, 100))
  }
  return read()
}

describe('analytics in the webview', () => {
  it('records the page view from the menu, the depth reached and the paywall, beaconed on leaving', async () => {
    const context = await stack.wechatContext(browser, 'android')
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', e => errors.push(e.message))
    await page.goto(`${stack.origin}/articles/paywall-design?ch=menu`)
    await page.getByTestId('paywall').waitFor()
    // The tracker loads when the page is idle and sends every few seconds once the landing's
    // share visit has given the visitor cookie.
    const first = await until(events, rows => rows.some(r => r.type === 'page_view'))
    expect(first).toContainEqual({ type: 'page_view', article_id: 'paywall-design', channel: 'menu', depth_pct: null })
    await page.mouse.wheel(0, 20_000)
    await page.waitForTimeout(600)
    await page.goto('about:blank') // pagehide: the rest goes out as a beacon
    const seen = await until(events, rows => rows.some(r => r.type === 'read_progress') && rows.some(r => r.type === 'paywall_view'))
    expect(seen).toContainEqual(expect.objectContaining({ type: 'paywall_view', article_id: 'paywall-design' }))
    expect(Math.max(...seen.filter(r => r.type === 'read_progress').map(r => r.depth_pct!))).toBeGreaterThanOrEqual(90)
    expect(errors).toEqual([])
    await context.close()
  })
})
