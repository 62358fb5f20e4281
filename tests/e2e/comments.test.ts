import type { Browser } from 'playwright-core'
import type { KitStack } from './helpers/kit-stack.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from './helpers/chromium.ts'
import { startKitStack } from './helpers/kit-stack.ts'

const ARTICLE = '/articles/reading-habits'

describe('留言 with review, in WeChat\'s webview', () => {
  let browser: Browser
  let stack: KitStack
  beforeAll(async () => {
    stack = await startKitStack()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await stack?.close()
  })

  async function operator(method: string, path: string, body?: unknown) {
    const res = await fetch(`${stack.origin}${path}`, {
      method,
      headers: { 'authorization': 'Bearer test-admin-token-0123456789', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    expect(res.status).toBe(200)
    return res.json()
  }

  it('a follower comments (审核中), the operator features and replies, another follower sees it and likes it', async () => {
    // The writer starts signed out: the draft survives the OAuth round trip and is sent on return.
    const writerContext = await stack.wechatContext(browser, 'ios')
    const writer = await writerContext.newPage()
    const errors: string[] = []
    writer.on('pageerror', e => errors.push(e.message))
    await writer.goto(`${stack.origin}${ARTICLE}`)
    await writer.getByTestId('comment-input').locator('textarea').fill('读完马上关了通知，专心多了。')
    await writer.getByTestId('comment-send').click()
    await stack.consent(writer, 'iphone')
    expect(new URL(writer.url()).pathname).toBe(ARTICLE)
    const own = writer.getByTestId('comment').filter({ hasText: '读完马上关了通知' })
    await expect.poll(() => own.getByTestId('comment-status').textContent()).toBe('审核中 / 仅自己可见')

    // Nobody else sees it yet.
    const readerContext = await stack.wechatContext(browser, 'android')
    const reader = await readerContext.newPage()
    reader.on('pageerror', e => errors.push(e.message))
    await reader.goto(`${stack.origin}${ARTICLE}`)
    await reader.getByTestId('comments-empty').waitFor()

    // The operator works the queue through the admin API.
    const queue = await operator('POST', '/api/admin/comments/claim', { moderator: 'editor' })
    expect(queue.comments).toHaveLength(1)
    const id = queue.comments[0].id
    await operator('POST', `/api/admin/comments/${id}/decide`, { action: 'feature', moderator: 'editor' })
    await operator('POST', `/api/admin/comments/${id}/reply`, { text: '谢谢分享，慢慢读才有收获。', moderator: 'editor' })

    await reader.reload()
    const featured = reader.getByTestId('comment').filter({ hasText: '读完马上关了通知' })
    await featured.waitFor()
    expect(await featured.textContent()).toContain('精选')
    expect(await featured.getByTestId('comment-reply').textContent()).toContain('谢谢分享，慢慢读才有收获。')
    expect(await featured.getByTestId('comment-status').count()).toBe(0)

    // Liking signs the reader in lazily, then the like lands.
    await featured.getByTestId('comment-like').click()
    await stack.consent(reader, 'android')
    const liked = reader.getByTestId('comment').filter({ hasText: '读完马上关了通知' })
    await expect.poll(() => liked.getByTestId('comment-likes').textContent()).toBe('1')
    expect(await liked.getByTestId('comment-like').getAttribute('aria-pressed')).toBe('true')

    // The writer now sees it as approved, with the like and the reply.
    await writer.reload()
    const mine = writer.getByTestId('comment').filter({ hasText: '读完马上关了通知' })
    await expect.poll(() => mine.getByTestId('comment-likes').textContent()).toBe('1')
    expect(await mine.getByTestId('comment-status').count()).toBe(0)
    expect(errors).toEqual([])
    await writerContext.close()
    await readerContext.close()
  })
})
