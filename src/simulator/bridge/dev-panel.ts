// The simulator's dev panel: a "WX" pill that opens a card showing what the WeChat client knows
// (persona, wx.config result and signed URL, share data, recent bridge calls) and the actions a
// WeChat user has (switch phone, reload, open the shared link as a friend would).
import type { BridgeState } from './bridge-state'
import type { BridgeCall, Device, ShareRecord } from './types'
import { appErrMsg } from './sdk-names'
import { createShadowHost, escapeHtml } from './shadow-host'

export interface DevPanelActions {
  setDevice: (d: Device) => void
  reload: () => void
  openShare: (kind: 'appMessage' | 'timeline') => void
}

// Left edge, clear of the home indicator and of fixed bottom bars (pay, tip: up to ~110px).
const HOST_CSS = 'position: fixed; left: 12px; bottom: calc(140px + env(safe-area-inset-bottom)); z-index: 2147483645;'

const CSS = `
.pill { width: 40px; height: 40px; border-radius: 20px; background: #07C160; color: #fff; font-weight: 700;
  font-size: 13px; box-shadow: 0 2px 8px rgba(0,0,0,.25); opacity: .85; }
.card { width: min(340px, calc(100vw - 24px)); max-height: 70vh; overflow: auto; background: #fff; border-radius: 12px;
  box-shadow: 0 4px 24px rgba(0,0,0,.25); padding: 12px; font-size: 12px; }
.top { display: flex; justify-content: space-between; align-items: center; margin-bottom: 8px; }
.top b { font-size: 14px; }
h2 { font-size: 12px; font-weight: 600; margin: 10px 0 4px; }
.kv { display: grid; grid-template-columns: 64px 1fr; gap: 2px 8px; word-break: break-all; }
.ok { color: #07C160; } .bad { color: #FA5151; }
.row { display: flex; gap: 6px; flex-wrap: wrap; margin-top: 6px; }
.btn { border: 1px solid rgba(0,0,0,.15); border-radius: 6px; padding: 4px 8px; font-size: 12px; }
.btn[aria-pressed="true"] { background: #07C160; border-color: #07C160; color: #fff; }
.btn:disabled { opacity: .4; cursor: default; }
ol { list-style: none; max-height: 160px; overflow: auto; }
li { padding: 2px 0; border-bottom: 1px solid rgba(0,0,0,.06); word-break: break-all; }
@media (prefers-color-scheme: dark) { .card { background: #2C2C2C; } .btn { border-color: rgba(255,255,255,.2); } }
`

export function mountDevPanel(doc: Document, win: Window, state: BridgeState, actions: DevPanelActions): () => void {
  const { root, remove } = createShadowHost(doc, 'dev-panel', HOST_CSS, CSS)
  const wrap = doc.createElement('div')
  wrap.className = 'wx'
  root.append(wrap)
  let open = false
  let shownUrl = ''

  const render = () => {
    shownUrl = win.location.href
    wrap.innerHTML = open
      ? cardHtml(state, win.location.href)
      : '<button class="pill" type="button" data-action="open" data-testid="wxsim-pill" aria-label="WeChat simulator">WX</button>'
  }

  wrap.addEventListener('click', (e) => {
    const el = (e.target as Element | null)?.closest('[data-action]')
    const action = el?.getAttribute('data-action')
    if (action === 'open' || action === 'close') {
      open = action === 'open'
      render()
    }
    else if (action === 'device-ios' || action === 'device-android') {
      actions.setDevice(action === 'device-ios' ? 'ios' : 'android')
    }
    else if (action === 'reload') {
      actions.reload()
    }
    else if (action === 'share-friend' || action === 'share-timeline') {
      actions.openShare(action === 'share-friend' ? 'appMessage' : 'timeline')
    }
  })

  const unsubscribe = state.subscribe(() => open && render())
  // history.pushState changes the URL without any event we could hear; poll while open.
  const timer = win.setInterval(() => open && win.location.href !== shownUrl && render(), 500)
  render()
  return () => {
    unsubscribe()
    win.clearInterval(timer)
    remove()
  }
}

function cardHtml(state: BridgeState, currentUrl: string): string {
  const c = state.lastConfig
  const e = escapeHtml
  const configLine = c
    ? `<span class="${c.result === 'config:ok' ? 'ok' : 'bad'}" data-testid="wxsim-config-result">${e(c.result)}</span>`
    : '<span class="muted" data-testid="wxsim-config-result">wx.config not called yet</span>'
  const device = (d: Device, label: string) =>
    `<button class="btn" type="button" data-action="device-${d}" data-testid="wxsim-device-${d}" aria-pressed="${state.device === d}"${
      state.devicePinned ? ' disabled title="pinned by __WXSIM_CONFIG__.device"' : ''}>${label}</button>`
  return `
  <div class="card" data-testid="wxsim-panel">
    <div class="top"><b>WeChat simulator</b>
      <button class="btn" type="button" data-action="close" data-testid="wxsim-panel-close" aria-label="close">✕</button></div>
    <h2>Device</h2>
    <div class="row">${device('ios', 'iPhone')}${device('android', 'Android')}
      <button class="btn" type="button" data-action="reload" data-testid="wxsim-reload">Reload as WeChat would</button></div>
    <h2>wx.config</h2>
    <div class="kv">
      <span class="muted">result</span>${configLine}
      ${c?.reason ? `<span class="muted">why</span><span>${e(c.reason)}</span>` : ''}
      <span class="muted">signed</span><span data-testid="wxsim-signed-url">${e(c?.signedUrl ?? '—')}</span>
      <span class="muted">landing</span><span data-testid="wxsim-landing-url">${e(state.landingUrl)}</span>
      <span class="muted">current</span><span data-testid="wxsim-current-url">${e(currentUrl)}</span>
    </div>
    <h2>Share (friends)</h2>${shareHtml(state.share.appMessage, 'appmessage')}
    <h2>Share (Moments)</h2>${shareHtml(state.share.timeline, 'timeline')}
    <div class="row">
      <button class="btn" type="button" data-action="share-friend" data-testid="wxsim-share-friend"${state.share.appMessage ? '' : ' disabled'}>Share to a friend</button>
      <button class="btn" type="button" data-action="share-timeline" data-testid="wxsim-share-timeline"${state.share.timeline ? '' : ' disabled'}>Open from Moments</button>
    </div>
    <h2>Recent bridge calls</h2>
    <ol data-testid="wxsim-calls">${state.calls.slice(-15).reverse().map(callHtml).join('')}</ol>
  </div>`
}

function shareHtml(s: ShareRecord | null, id: string): string {
  const e = escapeHtml
  if (!s)
    return `<p class="muted" data-testid="wxsim-share-${id}">not set</p>`
  return `<div class="kv" data-testid="wxsim-share-${id}">
    <span class="muted">title</span><span>${e(s.title)}</span>
    ${s.desc !== undefined ? `<span class="muted">desc</span><span>${e(s.desc)}</span>` : ''}
    <span class="muted">link</span><span>${e(s.link)}</span>
    <span class="muted">image</span><span>${e(s.imgUrl)}</span></div>`
}

function callHtml(c: BridgeCall): string {
  const shown = c.kind === 'invoke' && c.reply ? appErrMsg(c.name, c.reply) : c.reply || (c.kind === 'invoke' ? 'pending…' : c.kind)
  const cls = c.kind !== 'invoke' ? 'muted' : shown.endsWith(':ok') ? 'ok' : c.reply ? 'bad' : 'muted'
  return `<li><b>${escapeHtml(c.name)}</b> → <span class="${cls}">${escapeHtml(shown)}</span>${
    c.reason ? ` <span class="muted">(${escapeHtml(c.reason)})</span>` : ''}</li>`
}
