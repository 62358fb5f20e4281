// @vitest-environment happy-dom
import type { CommentView } from '../../../../../src/shared/schemas/comments.ts'
import type { Me } from '../../../../../src/shared/schemas/me.ts'
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import CommentsSection from '../../../../../src/app/features/comments/CommentsSection.vue'
import { commentSegments, commentTime } from '../../../../../src/app/features/comments/index.ts'
import { HttpError } from '../../../../../src/app/platform/http.ts'
import { fakePageLoad } from '../../helpers/fake-platform.ts'

const OWN = 'https://h5.example.com'

describe('comment text', () => {
  it.each([
    ['plain words', '写得真好', [{ kind: 'text', text: '写得真好' }]],
    ['a link on the account\'s own host', '见 https://h5.example.com/articles/a2。', [{ kind: 'text', text: '见 ' }, { kind: 'link', text: 'https://h5.example.com/articles/a2', href: 'https://h5.example.com/articles/a2' }, { kind: 'text', text: '。' }]],
    ['a link elsewhere stays text', '点 https://evil.example/login 领奖', [{ kind: 'text', text: '点 https://evil.example/login 领奖' }]],
    ['a look-alike host stays text', 'https://h5.example.com.evil.example/x', [{ kind: 'text', text: 'https://h5.example.com.evil.example/x' }]],
    ['userinfo tricks stay text', 'https://h5.example.com@evil.example/', [{ kind: 'text', text: 'https://h5.example.com@evil.example/' }]],
    ['javascript: is never a link', 'javascript:alert(1)', [{ kind: 'text', text: 'javascript:alert(1)' }]],
  ])('%s', (_name, text, segments) => {
    expect(commentSegments(text, OWN)).toEqual(segments)
  })

  it.each([
    [30_000, '刚刚'],
    [5 * 60_000, '5分钟前'],
    [3 * 3600_000, '3小时前'],
    [30 * 3600_000, '昨天'],
  ])('shows a comment %i ms old as %s', (age, text) => {
    const now = Date.parse('2025-04-10T12:00:00Z')
    expect(commentTime(new Date(now - age).toISOString(), now)).toBe(text)
  })
})

const me: Me = { id: 1, nickname: '林晓', avatarUrl: '', isSnapshot: false } as Me
const comment = (over: Partial<CommentView>): CommentView => ({ id: 1, nickname: '周小舟', avatarUrl: '', text: '好文', likes: 0, likedByMe: false, createdAt: new Date().toISOString(), mine: false, featured: false, ...over })

async function render(o: { me: Me | null, comments: CommentView[], tab?: Map<string, string>, post?: (body: any) => unknown }) {
  const load = fakePageLoad({
    me: o.me,
    tab: o.tab,
    routes: {
      'GET /api/articles/a1/comments': () => ({ comments: o.comments }),
      'POST /api/articles/a1/comments': body => o.post ? o.post(body) : { comment: comment({ id: 99, text: (body as { text: string }).text, mine: true, status: 'pending' }) },
      'POST /api/comments/1/likes': () => ({ likes: 4, likedByMe: true }),
    },
  })
  const wrapper = mount(CommentsSection, { props: { articleId: 'a1' }, global: load.mountOptions, attachTo: document.body })
  await flushPromises()
  return { wrapper, load }
}

describe('the comments section', () => {
  it('renders comments as text, links only on the own host, with the reply and 精选', async () => {
    const { wrapper } = await render({ me: null, comments: [
      comment({ id: 1, featured: true, likes: 3, text: '<img src=x onerror="alert(1)"> 看 https://evil.example/ 和 https://h5.example.com/articles/a2', reply: { text: '谢谢！', at: new Date().toISOString() } }),
    ] })
    const item = wrapper.get('[data-testid="comment"]')
    expect(item.find('img[src="x"]').exists()).toBe(false)
    expect(item.get('[data-testid="comment-text"]').text()).toContain('<img src=x onerror="alert(1)">')
    expect(item.findAll('a').map(a => a.attributes('href'))).toEqual(['https://h5.example.com/articles/a2'])
    expect(item.get('[data-testid="comment-reply"]').text()).toContain('谢谢！')
    expect(item.text()).toContain('精选')
    expect(item.get('[data-testid="comment-likes"]').text()).toBe('3')
    wrapper.unmount()
  })

  it('marks the reader\'s own waiting comment 审核中 / 仅自己可见 and offers to delete it', async () => {
    const { wrapper } = await render({ me, comments: [comment({ id: 2, mine: true, status: 'pending' }), comment({ id: 3, mine: true, status: 'blocked' })] })
    const [pending, blocked] = wrapper.findAll('[data-testid="comment"]')
    expect(pending!.get('[data-testid="comment-status"]').text()).toBe('审核中 / 仅自己可见')
    expect(pending!.find('[data-testid="comment-like"]').exists()).toBe(false)
    expect(pending!.find('[data-testid="comment-delete"]').exists()).toBe(true)
    expect(blocked!.get('[data-testid="comment-status"]').text()).toBe('未通过审核')
    wrapper.unmount()
  })

  it('keeps a signed-out reader\'s draft through sign-in and sends it on return', async () => {
    const tab = new Map<string, string>()
    const first = await render({ me: null, comments: [], tab })
    await first.wrapper.get('textarea').setValue('登录前写的留言')
    await first.wrapper.get('[data-testid="comment-send"]').trigger('click')
    await flushPromises()
    expect(first.load.location.assign).toHaveBeenCalledWith(expect.stringContaining('/auth/login'))
    first.wrapper.unmount()

    const posted: unknown[] = []
    const back = await render({ me, comments: [], tab, post: (body) => {
      posted.push(body)
      return { comment: comment({ id: 7, text: '登录前写的留言', mine: true, status: 'pending' }) }
    } })
    expect(posted).toEqual([{ text: '登录前写的留言' }])
    expect(back.wrapper.get('[data-testid="comment-status"]').text()).toBe('审核中 / 仅自己可见')
    back.wrapper.unmount()
  })

  it('keeps the draft when the server refuses it', async () => {
    const { wrapper } = await render({ me, comments: [], post: () => {
      throw new HttpError(429, 'COMMENT_LIMIT_HOUR', 'too many')
    } })
    await wrapper.get('textarea').setValue('被限流的留言')
    await wrapper.get('[data-testid="comment-send"]').trigger('click')
    await flushPromises()
    expect((wrapper.get('textarea').element as HTMLTextAreaElement).value).toBe('被限流的留言')
    expect(document.body.textContent).toContain('留言太频繁了')
    wrapper.unmount()
  })

  it('likes with the count the server confirms', async () => {
    const { wrapper } = await render({ me, comments: [comment({ id: 1, likes: 3 })] })
    await wrapper.get('[data-testid="comment-like"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="comment-likes"]').text()).toBe('4')
    expect(wrapper.get('[data-testid="comment-like"]').attributes('aria-pressed')).toBe('true')
    wrapper.unmount()
  })
})
