import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { KitStack } from './helpers/kit-stack.ts'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from './helpers/chromium.ts'
import { startKitStack } from './helpers/kit-stack.ts'

/** The share card WeChat's client holds for the page (set through wx.updateAppMessageShareData). */
function shareCard(page: Page): Promise<{ title: string, link: string } | null> {
  return page.evaluate(() => (window as unknown as { __wxsim: { shareData: { appMessage: { title: string, link: string } | null } } }).__wxsim.shareData.appMessage)
}

async function expectShare(page: Page, title: string | RegExp, path: string) {
  await expect.poll(async () => {
    const card = await shareCard(page)
    return !!card && new URL(card.link).pathname === path && (typeof title === 'string' ? card.title === title : title.test(card.title))
  }, { timeout: 10_000 }).toBe(true)
}

const votersOf = async (page: Page) => Number((await page.getByTestId('poll-voters').textContent())?.match(/\d+/)?.[0])

describe.each([
  ['ios', 'iphone'],
  ['android', 'android'],
] as const)('polls and quizzes in WeChat on %s', (device, persona) => {
  let browser: Browser
  let stack: KitStack
  const contexts: BrowserContext[] = []
  const errors: string[] = []
  beforeAll(async () => {
    stack = await startKitStack()
    browser = await launchChromium()
  })
  afterAll(async () => {
    for (const c of contexts) await c.close()
    await browser?.close()
    await stack?.close()
  })

  async function openPage(path: string): Promise<Page> {
    const context = await stack.wechatContext(browser, device)
    contexts.push(context)
    const page = await context.newPage()
    page.on('pageerror', e => errors.push(e.message))
    await page.goto(`${stack.origin}${path}`)
    return page
  }

  it('votes after lazy sign-in, sees results update live when another follower votes, and shares "我投了「X」"', async () => {
    const me = await openPage('/polls/weekly')
    await me.getByTestId('poll-title').waitFor()
    await expectShare(me, '本周投票：你最想读哪个主题？', '/polls/weekly')
    await me.locator('[data-testid="poll-option"][data-option="jssdk"]').click()
    await me.getByTestId('poll-vote').click()
    await stack.consent(me, persona)
    // Back on the poll, the choice made before signing in was counted.
    await me.locator('[data-testid="poll-results"] [data-option="jssdk"].is-mine').waitFor()
    expect(await votersOf(me)).toBe(1)
    await expectShare(me, '我投了「JS-SDK 踩坑记」，你呢？', '/polls/weekly')

    // Another follower (the simulator's other person) votes from their phone.
    const friend = await openPage('/polls/weekly')
    await friend.locator('[data-testid="poll-option"][data-option="pay"]').click()
    await friend.getByTestId('poll-vote').click()
    await stack.consent(friend, persona === 'iphone' ? 'android' : 'iphone')
    await friend.locator('[data-testid="poll-results"] [data-option="pay"].is-mine').waitFor()
    // The first follower's page follows without a reload.
    await expect.poll(() => votersOf(me), { timeout: 10_000 }).toBe(2)
    expect(await me.locator('[data-testid="poll-results"] [data-option="pay"] [data-testid="poll-option-votes"]').textContent()).toContain('1 票')
    expect(errors).toEqual([])
  })

  it('takes the scored quiz: result with explanations, and a share card with the score that links to the quiz', async () => {
    const page = await openPage('/quizzes/intro')
    await page.getByTestId('quiz-start').click()
    const pick = async (option: string) => page.locator(`[data-testid="quiz-option"][data-option="${option}"]`).click()
    await pick('a')
    await page.getByTestId('quiz-next').click()
    await pick('b')
    await page.getByTestId('quiz-next').click()
    await pick('a')
    await pick('b')
    await page.getByTestId('quiz-submit').click()
    await stack.consent(page, persona)
    await page.getByTestId('quiz-result').waitFor()
    expect(await page.getByTestId('quiz-score').textContent()).toContain('2 / 4')
    expect(await page.getByTestId('quiz-review-item').count()).toBe(3)
    expect(await page.getByTestId('quiz-result').textContent()).toContain('appId 不参与')
    await expectShare(page, /^我在「公众号开发小测验」中得了 2\/4 分/, '/quizzes/intro')
    expect(errors).toEqual([])
  })

  it('takes the outcome quiz and shares the outcome', async () => {
    const page = await openPage('/quizzes/reader-type')
    await page.getByTestId('quiz-start').click()
    for (let i = 0; i < 4; i++) {
      await page.locator('[data-testid="quiz-option"][data-option="c"]').click()
      if (i < 3)
        await page.getByTestId('quiz-next').click()
    }
    await page.getByTestId('quiz-submit').click()
    await stack.consent(page, persona)
    expect(await page.getByTestId('quiz-outcome').textContent()).toContain('分享型读者')
    await expectShare(page, '我是「分享型读者」，测测你是哪种？', '/quizzes/reader-type')
    expect(errors).toEqual([])
  })

  it('works embedded in a post: vote and take the quiz without leaving the article', async () => {
    // A new week: the simulator has only two people, and both voted above.
    await stack.database.db.execute(sql`DELETE FROM poll_ballots`)
    const page = await openPage('/articles/reader-voices')
    const poll = page.locator('[data-testid="poll-card"][data-poll="weekly"]')
    await poll.locator('[data-testid="poll-option"][data-option="growth"]').click()
    await poll.getByTestId('poll-vote').click()
    await stack.consent(page, persona)
    expect(new URL(page.url()).pathname).toBe('/articles/reader-voices')
    await poll.locator('[data-testid="poll-results"] [data-option="growth"].is-mine').waitFor()

    const quiz = page.locator('[data-testid="quiz-card"][data-quiz="reader-type"]')
    await quiz.getByTestId('quiz-start').click()
    for (let i = 0; i < 4; i++) {
      await quiz.locator('[data-testid="quiz-option"][data-option="a"]').click()
      if (i < 3)
        await quiz.getByTestId('quiz-next').click()
    }
    await quiz.getByTestId('quiz-submit').click()
    expect(await quiz.getByTestId('quiz-outcome').textContent()).toContain('深度读者')
    expect(errors).toEqual([])
  })
})
