import { describe, expect, it } from 'vitest'
import { absoluteUrl, buildShareLink, resolveShareData } from '../../../../../src/app/features/share/share-data.ts'

const origin = 'https://h5.example.com'
const defaults = { title: '公众号示例', desc: '默认描述', imgUrl: '/share-cover.png' }

describe('share links', () => {
  it.each([
    ['/polls/weekly', 'me01', 'https://h5.example.com/polls/weekly?sh=me01'],
    ['/polls/weekly?sh=Someone1', 'me01', 'https://h5.example.com/polls/weekly?sh=me01'],
    ['/articles/1?from=singlemessage&isappinstalled=0&page=2#c', 'me01', 'https://h5.example.com/articles/1?page=2&sh=me01'],
    ['/?code=abc&state=xyz', null, 'https://h5.example.com/'],
    ['/polls/weekly?sh=Someone1', null, 'https://h5.example.com/polls/weekly'],
  ])('%s shared by %s links to %s', (fullPath, code, expected) => {
    expect(buildShareLink(origin, fullPath, code)).toBe(expected)
  })

  it.each([
    ['/share-cover.png', 'https://h5.example.com/share-cover.png'],
    ['https://cdn.example.com/a.png', 'https://cdn.example.com/a.png'],
  ])('makes the image URL %s absolute', (url, expected) => {
    expect(absoluteUrl(url, origin)).toBe(expected)
  })
})

describe('the share card of a page', () => {
  it('falls back to the site defaults, with an absolute image', () => {
    expect(resolveShareData({ defaults, origin, fullPath: '/', shareCode: 'me01' })).toEqual({
      title: '公众号示例',
      desc: '默认描述',
      link: 'https://h5.example.com/?sh=me01',
      imgUrl: 'https://h5.example.com/share-cover.png',
    })
  })

  it('takes the route meta, then the page override, field by field', () => {
    const data = resolveShareData({
      defaults,
      meta: { title: '本周投票', desc: '来投一票', imgUrl: '/poll.png' },
      override: { title: '你更喜欢哪个？' },
      origin,
      fullPath: '/polls/weekly',
      shareCode: 'me01',
    })
    expect(data).toEqual({ title: '你更喜欢哪个？', desc: '来投一票', link: 'https://h5.example.com/polls/weekly?sh=me01', imgUrl: 'https://h5.example.com/poll.png' })
  })

  it('links elsewhere when the meta says so (an error page shares the home page)', () => {
    expect(resolveShareData({ defaults, meta: { path: '/' }, origin, fullPath: '/signin/error?reason=refused', shareCode: 'me01' }).link).toBe('https://h5.example.com/?sh=me01')
  })
})
