import { aesKeyFrom } from '../wechat-events/message-crypto.ts'

/** What a template field is filled with when a series part is published. */
export type FieldSource = 'series' | 'part' | 'published' | 'position'
export interface TemplateField { key: string, source: FieldSource }

/** The Official Account message endpoint and the series "更新提醒" template. */
export interface WeChatEventsConfig {
  /** Token (令牌) from 基本配置 → 服务器配置; null: /wechat/events answers 503. */
  token: string | null
  /** EncodingAESKey (43 characters) for safe/compat mode; null: plain mode only. */
  encodingAesKey: string | null
  /** The 订阅通知 template the series page asks consent for; null: no subscribe offer, no sending. */
  seriesTemplateId: string | null
  /** Which template keys get what (SERIES_SUBSCRIBE_FIELDS). */
  seriesFields: TemplateField[]
}

export const DEFAULT_SERIES_FIELDS = 'thing1:series,thing2:part,time3:published'
const SOURCES: FieldSource[] = ['series', 'part', 'published', 'position']

export const checkToken = (v: string) => /^[A-Z0-9]{3,32}$/i.test(v) ? null : 'must be 3-32 letters or digits, as the MP console requires'
export const checkAesKey = (v: string) => aesKeyFrom(v) ? null : 'must be the 43-character EncodingAESKey (letters and digits)'
export const checkTemplateId = (v: string) => /^[\w-]{1,128}$/.test(v) ? null : 'must be a template id (letters, digits, _ and -)'
export function checkFields(v: string): string | null {
  return parseFields(v) ? null : `must be key:source pairs separated by commas, sources ${SOURCES.join('|')}, keys like thing1 or time3`
}

export function parseFields(v: string): TemplateField[] | null {
  const out: TemplateField[] = []
  for (const pair of v.split(',').map(s => s.trim()).filter(Boolean)) {
    const m = /^([a-z_]+\d+):([a-z]+)$/.exec(pair)
    if (!m || !SOURCES.includes(m[2] as FieldSource) || out.some(f => f.key === m[1]))
      return null
    out.push({ key: m[1]!, source: m[2] as FieldSource })
  }
  return out.length > 0 ? out : null
}

export function loadEventsConfig(get: (name: string) => string | undefined): WeChatEventsConfig {
  return {
    token: get('WECHAT_TOKEN') ?? null,
    encodingAesKey: get('WECHAT_ENCODING_AES_KEY') ?? null,
    seriesTemplateId: get('SERIES_SUBSCRIBE_TEMPLATE_ID') ?? null,
    seriesFields: parseFields(get('SERIES_SUBSCRIBE_FIELDS') ?? DEFAULT_SERIES_FIELDS) ?? parseFields(DEFAULT_SERIES_FIELDS)!,
  }
}
