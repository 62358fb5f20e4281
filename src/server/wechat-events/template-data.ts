// The 订阅通知 body for a published part (docs/wechat-protocol.md §10.5): each template key
// gets a value of the kind its prefix names, within WeChat's length rules, else 47003.
import type { TemplateField } from '../config/events-config.ts'
import type { PartPublished } from '../content/publish-hooks.ts'
import type { TemplateData } from '../db/tables/wechat-events.ts'

/** thing: 20 characters, phrase: 5, character_string: 32, number: 32 digits. */
const LIMITS: Record<string, number> = { thing: 20, phrase: 5, character_string: 32, number: 32, name: 10 }

function clip(value: string, max: number): string {
  const chars = [...value.replace(/\s+/g, ' ').trim()]
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`
}

/** `2026年12月02日 10:30` in China time, the form WeChat's time fields show. */
export function chinaTime(d: Date): string {
  const c = new Date(d.getTime() + 8 * 3600_000)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${c.getUTCFullYear()}年${p(c.getUTCMonth() + 1)}月${p(c.getUTCDate())}日 ${p(c.getUTCHours())}:${p(c.getUTCMinutes())}`
}

export function partTemplateData(fields: TemplateField[], part: PartPublished): TemplateData {
  const data: TemplateData = {}
  for (const { key, source } of fields) {
    const raw = source === 'series'
      ? part.seriesTitle
      : source === 'part'
        ? part.articleTitle
        : source === 'position' ? String(part.position) : chinaTime(part.publishedAt)
    const kind = key.replace(/\d+$/, '')
    const limit = LIMITS[kind]
    data[key] = { value: limit ? clip(raw, limit) : raw }
  }
  return data
}
