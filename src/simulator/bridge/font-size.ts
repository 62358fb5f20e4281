// The reader's WeChat font size (我 → 设置 → 通用 → 字体大小). The client enlarges the text of every
// web page by that setting (the text size adjustment of the webview), unless the page opts out
// with `setFontSizeCallback {fontSize: 0}`; changing the setting fires `menu:setfont` and applies
// it again, which is why pages that opt out re-pin on that event.
import type { BridgeState } from './bridge-state'
import type { KeyValueStorage } from './types'

export const FONT_SIZE_STORAGE_KEY = 'wxsim_font_size'
/** The sizes WeChat's slider offers, in percent of the standard size (标准 = 100). */
export const FONT_SIZES = [90, 100, 110, 125, 140, 155, 170] as const

export function storedFontSize(storage: KeyValueStorage | undefined): number | undefined {
  const v = Number(storage?.getItem(FONT_SIZE_STORAGE_KEY))
  return (FONT_SIZES as readonly number[]).includes(v) ? v : undefined
}

/** What the page shows: the reader's size, or the standard size once the page pinned it. */
export function applyFontSize(doc: Document, state: BridgeState): void {
  const percent = `${state.fontSizePinned ? 100 : state.fontSize}%`
  const style = doc.documentElement.style as CSSStyleDeclaration & { webkitTextSizeAdjust?: string }
  style.setProperty('-webkit-text-size-adjust', percent)
  style.setProperty('text-size-adjust', percent)
}
