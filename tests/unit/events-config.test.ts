import type { ConfigError } from '../../src/server/config/load-config.ts'
// WECHAT_TOKEN, WECHAT_ENCODING_AES_KEY and the series template settings (src/server/config/events-config.ts).
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/server/config/load-config.ts'

const minimal = {
  PUBLIC_ORIGIN: 'https://h5.example.com',
  WECHAT_APPID: 'wx0123456789abcdef',
  WECHAT_APPSECRET: '0123456789abcdef0123456789abcdef',
  SESSION_SECRET: 'x'.repeat(32),
}
function problems(env: Record<string, string>) {
  try {
    loadConfig({ ...minimal, ...env })
    return []
  }
  catch (e) {
    return (e as ConfigError).problems
  }
}

describe('account events configuration', () => {
  it('is off by default, with the default field mapping', () => {
    expect(loadConfig(minimal).wechatEvents).toEqual({
      token: null,
      encodingAesKey: null,
      seriesTemplateId: null,
      seriesFields: [{ key: 'thing1', source: 'series' }, { key: 'thing2', source: 'part' }, { key: 'time3', source: 'published' }],
    })
  })

  it('reads a full setup', () => {
    const c = loadConfig({ ...minimal, WECHAT_TOKEN: 'abc123', WECHAT_ENCODING_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', SERIES_SUBSCRIBE_TEMPLATE_ID: 'tpl_1-x', SERIES_SUBSCRIBE_FIELDS: 'thing2:series, thing5:part, character_string7:position' })
    expect(c.wechatEvents).toMatchObject({ token: 'abc123', seriesTemplateId: 'tpl_1-x', seriesFields: [{ key: 'thing2', source: 'series' }, { key: 'thing5', source: 'part' }, { key: 'character_string7', source: 'position' }] })
  })

  it.each([
    ['WECHAT_TOKEN', 'to'],
    ['WECHAT_TOKEN', 'with space'],
    ['WECHAT_ENCODING_AES_KEY', 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEF'],
    ['WECHAT_ENCODING_AES_KEY', 'abcdefghijklmnopqrstuvwxyz0123456789ABCDE+/'],
    ['SERIES_SUBSCRIBE_TEMPLATE_ID', 'has space'],
    ['SERIES_SUBSCRIBE_FIELDS', 'thing1:title'],
    ['SERIES_SUBSCRIBE_FIELDS', 'thing1:series,thing1:part'],
  ])('refuses %s=%s with one line naming it', (name, value) => {
    const p = problems({ [name]: value })
    expect(p).toHaveLength(1)
    expect(p[0]).toContain(name)
  })
})
