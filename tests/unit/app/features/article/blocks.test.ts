// @vitest-environment happy-dom
import type { Block } from '../../../../../src/shared/schemas/blocks.ts'
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { BlockList, createPlaybackPosition, linkTarget, resumePointMs, splitAtPaywall } from '../../../../../src/app/features/article/index.ts'
import { createJsonStorage } from '../../../../../src/app/platform/storage.ts'
import { fakePageLoad, mapArea } from '../../helpers/fake-platform.ts'
import { PHONE_BROWSER_UA } from '../../helpers/fake-wechat.ts'

const photo = (id: string, width = 1200, height = 800) => ({ mediaId: id, src: `/media/${id}`, width, height, alt: `图 ${id}` })

async function renderBlocks(blocks: Block[], opts: { ua?: string, device?: Map<string, string> } = {}) {
  const load = fakePageLoad({ me: null, ua: opts.ua, device: opts.device })
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] })
  await router.push('/articles/a1')
  const wrapper = mount(BlockList, { props: { blocks, articleId: 'a1' }, attachTo: document.body, global: { ...load.mountOptions, plugins: [...load.mountOptions.plugins, router] } })
  await flushPromises()
  return { wrapper, load }
}

describe('inline runs', () => {
  it('renders bold, italic and line breaks as elements, and markup in text as text', async () => {
    const { wrapper } = await renderBlocks([{ type: 'paragraph', runs: [
      { text: '普通 <b>不是标签</b> ' },
      { text: '加粗', bold: true },
      { text: '斜体', italic: true },
      { text: '两者', bold: true, italic: true },
      { text: '第一行\n第二行' },
    ] }])
    const p = wrapper.get('p.block-paragraph')
    expect(p.find('b').exists()).toBe(false)
    expect(p.text()).toContain('<b>不是标签</b>')
    expect(p.findAll('strong').map(s => s.text())).toEqual(['加粗', '两者'])
    expect(p.findAll('em').map(s => s.text())).toEqual(['斜体', '两者'])
    expect(p.get('strong em').text()).toBe('两者')
    expect(p.findAll('br')).toHaveLength(1)
  })

  it('links in-site paths through the router and https pages with rel=noopener', async () => {
    const { wrapper } = await renderBlocks([{ type: 'paragraph', runs: [
      { text: '投票', href: '/polls/weekly' },
      { text: '文档', href: 'https://developers.weixin.qq.com/doc/' },
    ] }])
    const links = wrapper.findAll('a')
    expect(links.map(a => a.attributes('href'))).toEqual(['/polls/weekly', 'https://developers.weixin.qq.com/doc/'])
    expect(links[0]!.attributes('rel')).toBeUndefined()
    expect(links[1]!.attributes('rel')).toContain('noopener')
  })

  it('never renders an unsafe href as a link, even if it reached the data (defence in depth)', async () => {
    const bad = ['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>1</script>', '//evil.example/x', '/\\evil.example', 'http://plain.example', 'vbscript:x', 'https://']
    const { wrapper } = await renderBlocks([{ type: 'paragraph', runs: bad.map(href => ({ text: 'x', href })) }])
    expect(wrapper.findAll('a')).toHaveLength(0)
    expect(wrapper.html()).not.toMatch(/javascript|data:|evil/i)
    for (const href of bad)
      expect(linkTarget(href)).toBeNull()
  })
})

describe('text blocks', () => {
  it('renders headings, quotes, lists, callouts and dividers as their elements', async () => {
    const { wrapper } = await renderBlocks([
      { type: 'heading', level: 2, text: '二级' },
      { type: 'heading', level: 3, text: '三级' },
      { type: 'quote', runs: [{ text: '引文' }], cite: '某人' },
      { type: 'list', ordered: true, items: [[{ text: '一' }], [{ text: '二', bold: true }]] },
      { type: 'list', ordered: false, items: [[{ text: '点' }]] },
      { type: 'callout', tone: 'warning', runs: [{ text: '小心' }] },
      { type: 'divider' },
    ])
    expect(wrapper.get('h2').text()).toBe('二级')
    expect(wrapper.get('h3').text()).toBe('三级')
    expect(wrapper.get('blockquote').text()).toContain('引文')
    expect(wrapper.get('blockquote cite').text()).toBe('某人')
    expect(wrapper.get('ol').findAll('li').map(li => li.text())).toEqual(['一', '二'])
    expect(wrapper.get('ul li').text()).toBe('点')
    expect(wrapper.get('aside.block-callout').attributes('aria-label')).toBe('注意')
    expect(wrapper.find('hr').exists()).toBe(true)
    expect(wrapper.findAll('[data-block-index]').map(e => e.attributes('data-block-type'))).toEqual(['heading', 'heading', 'quote', 'list', 'list', 'callout', 'divider'])
  })
})

describe('media blocks', () => {
  it('reserves each image\'s box from its size and loads later images lazily', async () => {
    const blocks: Block[] = [
      { type: 'image', ...photo('top'), caption: '题图' },
      { type: 'paragraph', runs: [{ text: '正文' }] },
      { type: 'paragraph', runs: [{ text: '正文' }] },
      { type: 'image', ...photo('below', 800, 1200) },
    ]
    const { wrapper } = await renderBlocks(blocks)
    const [top, below] = wrapper.findAll('img.block-image-img')
    expect(top!.attributes()).toMatchObject({ width: '1200', height: '800', alt: '图 top', loading: 'eager' })
    expect(top!.attributes('style')).toContain('aspect-ratio: 1200 / 800')
    expect(below!.attributes()).toMatchObject({ width: '800', height: '1200', loading: 'lazy' })
    expect(below!.attributes('style')).toContain('aspect-ratio: 800 / 1200')
    expect(wrapper.get('figcaption').text()).toBe('题图')
  })

  it('gives the video inline-playback attributes for iOS and Android WeChat, its poster and size', async () => {
    const { wrapper } = await renderBlocks([{ type: 'video', mediaId: 'v', src: '/media/v', width: 640, height: 360, poster: photo('p', 640, 360), title: '演示' }])
    const video = wrapper.get('video')
    expect(video.attributes()).toMatchObject({ 'poster': '/media/p', 'width': '640', 'height': '360', 'preload': 'metadata', 'x5-playsinline': 'true', 'webkit-playsinline': 'true' })
    expect(video.attributes('playsinline')).toBeDefined()
    expect(video.attributes('controls')).toBeDefined()
    expect(video.attributes('style')).toContain('aspect-ratio: 640 / 360')
  })

  it('previews a gallery with wx.previewImage inside WeChat, with absolute URLs', async () => {
    const { wrapper, load } = await renderBlocks([{ type: 'gallery', images: [photo('g1'), photo('g2'), photo('g3', 800, 1200)] }])
    const slides = wrapper.findAll('[data-testid="gallery-slide"]')
    expect(slides).toHaveLength(3)
    expect(slides[0]!.attributes('style')).toContain('aspect-ratio: 1.5')
    await slides[1]!.trigger('click')
    await flushPromises()
    await new Promise(r => setTimeout(r, 5))
    expect(load.fake.named('previewImage')).toEqual([expect.objectContaining({
      current: 'https://h5.example.com/media/g2',
      urls: ['https://h5.example.com/media/g1', 'https://h5.example.com/media/g2', 'https://h5.example.com/media/g3'],
    })])
  })
})

describe('mini-program card', () => {
  const card: Block = { type: 'miniprogram', username: 'gh_0123456789ab', path: 'pages/index?from=h5', title: '示例小程序', fallbackUrl: 'https://example.com/app' }

  it('is the open tag inside WeChat', async () => {
    const { wrapper } = await renderBlocks([card])
    const tag = wrapper.get('wx-open-launch-weapp')
    expect(tag.attributes()).toMatchObject({ username: 'gh_0123456789ab', path: 'pages/index?from=h5' })
    expect(tag.find('script[type="text/wxtag-template"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="miniprogram-fallback"]').exists()).toBe(false)
  })

  it('is the fallback link outside WeChat, or a notice when there is none or it is unsafe', async () => {
    const { wrapper } = await renderBlocks([card], { ua: PHONE_BROWSER_UA })
    expect(wrapper.find('wx-open-launch-weapp').exists()).toBe(false)
    expect(wrapper.get('[data-testid="miniprogram-fallback"]').attributes('href')).toBe('https://example.com/app')
    const unsafe = await renderBlocks([{ ...card, fallbackUrl: 'javascript:alert(1)' }], { ua: PHONE_BROWSER_UA })
    expect(unsafe.wrapper.find('a').exists()).toBe(false)
    expect(unsafe.wrapper.text()).toContain('请在微信中打开')
  })
})

describe('audio position', () => {
  it('resumes from a saved position, but not from the very start or the very end', () => {
    expect(resumePointMs(undefined, 20_000)).toBe(0)
    expect(resumePointMs(500, 20_000)).toBe(0)
    expect(resumePointMs(8_400, 20_000)).toBe(8_400)
    expect(resumePointMs(19_000, 20_000)).toBe(0)
    expect(resumePointMs(8_400, 0)).toBe(8_400)
    expect(resumePointMs(Number.NaN, 20_000)).toBe(0)
  })

  it('keeps the position per article and media on the device, writing once per second', () => {
    const device = new Map<string, string>()
    const local = createJsonStorage(mapArea(device))
    const a = createPlaybackPosition(local, 'a1', 'demo-audio')
    expect(a.save(3_100)).toBe(true)
    expect(a.save(3_900)).toBe(false)
    expect(a.save(4_000)).toBe(true)
    expect(createPlaybackPosition(local, 'a1', 'demo-audio').resumeAt(20_000)).toBe(4_000)
    expect(createPlaybackPosition(local, 'a2', 'demo-audio').resumeAt(20_000)).toBe(0)
    a.clear()
    expect(device.size).toBe(0)
  })

  it('shows where the reader stopped and reports seeks', async () => {
    const device = new Map<string, string>([['kit:media-position:a1:demo-audio', '12000']])
    const { wrapper } = await renderBlocks([{ type: 'audio', mediaId: 'demo-audio', src: '/media/demo-audio', title: '播客', durationMs: 20_000 }], { device })
    expect(wrapper.get('[data-testid="audio-position"]').text()).toBe('0:12')
    expect(wrapper.get('audio').attributes('preload')).toBe('metadata')
    const seek = wrapper.get('[data-testid="audio-seek"]')
    await seek.setValue('15000')
    expect(device.get('kit:media-position:a1:demo-audio')).toBe('15000')
    expect(wrapper.emitted('mediaPosition')).toEqual([[{ blockIndex: 0, mediaId: 'demo-audio', positionMs: 15_000 }]])
  })
})

describe('the paywall break', () => {
  it('splits free blocks from premium ones', () => {
    const blocks: Block[] = [{ type: 'divider' }, { type: 'paywall' }, { type: 'heading', level: 2, text: 'x' }]
    expect(splitAtPaywall(blocks)).toEqual({ free: [blocks[0]], premium: [blocks[2]], premiumStart: 2, hasBreak: true })
    expect(splitAtPaywall(blocks.slice(0, 1))).toMatchObject({ premium: [], hasBreak: false })
  })
})
