// Every piece of client UI lives in its own open shadow root so app CSS (Vant themes, resets,
// postcss px→vw) cannot restyle it and ours cannot leak into the app. Open, so Playwright's
// locators (which pierce open roots) can reach the data-testid hooks.

export interface ShadowHost {
  host: HTMLElement
  root: ShadowRoot
  remove: () => void
}

/** WeUI palette and the system font stack, so the simulator's UI reads as WeChat's own. */
export const BASE_CSS = `
:host { all: initial; }
* { box-sizing: border-box; margin: 0; padding: 0; }
.wx { font: 14px/1.4 -apple-system, BlinkMacSystemFont, "PingFang SC", "Helvetica Neue", "Microsoft YaHei", sans-serif;
  color: rgba(0,0,0,.9); -webkit-font-smoothing: antialiased; }
button { font: inherit; cursor: pointer; border: 0; background: none; color: inherit; }
.btn-primary { background: #07C160; color: #fff; border-radius: 8px; font-weight: 600; }
.btn-primary:active { background: #06AD56; }
.muted { color: rgba(0,0,0,.5); }
@media (prefers-color-scheme: dark) {
  .wx { color: rgba(255,255,255,.8); }
  .muted { color: rgba(255,255,255,.5); }
}
`

export function createShadowHost(doc: Document, name: string, hostCss: string, css: string): ShadowHost {
  const host = doc.createElement('div')
  host.setAttribute('data-wxsim', name)
  // Inline, so no app stylesheet rule can outrank it.
  host.style.cssText = `all: initial; ${hostCss}`
  const root = host.attachShadow({ mode: 'open' })
  const style = doc.createElement('style')
  style.textContent = BASE_CSS + css
  root.append(style)
  // On <html>, not <body>: frameworks that replace body content leave it alone.
  doc.documentElement.append(host)
  return { host, root, remove: () => host.remove() }
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
}

/** Fen → "12.34" without floating point. */
export function formatFen(total: number): string {
  const fen = Math.round(total)
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}
