// The simulator's dev panel: a "WX" pill that opens a card showing what the WeChat client knows
// (persona, wx.config result and signed URL, share data, recent bridge calls) and the actions a
// WeChat user has (switch phone, font size, reload, open the shared link as a friend would).
// Chinese, like the kit's pages; API names and results stay as WeChat spells them.
import type { BridgeState } from './bridge-state'
import type { BridgeCall, Device, ShareRecord } from './types'
import { FONT_SIZES } from './font-size'
import { appErrMsg } from './sdk-names'
import { createShadowHost, escapeHtml } from './shadow-host'

export interface DevPanelActions {
  setDevice: (d: Device) => void
  setFontSize: (percent: number) => void
  reload: () => void
  openShare: (kind: 'appMessage' | 'timeline') => void
}

// Left edge, clear of the home indicator and of fixed bottom bars (pay, tip: up to ~110px).
// Above the page but below its sheets and dialogs (Vant's popups start at z-index 2000), so it
// never covers a button of an open sheet; WeChat's own pay sheet is above everything.
const HOST_CSS = 'position: fixed; left: 12px; bottom: calc(140px + env(safe-area-inset-bottom)); z-index: 1999;'

const CSS = `
.pill { width: 44px; height: 44px; border-radius: 22px; background: #067F40; color: #fff; font-weight: 700;
  font-size: 13px; box-shadow: 0 2px 8px rgba(0,0,0,.25); opacity: .85; }
.card { width: min(340px, calc(100vw - 24px)); max-height: 70vh; overflow: auto; background: #fff; border-radius: 12px;
  box-shadow: 0 4px 24px rgba(0,0,0,.25); padding: 12px; font-size: 12px; }
.top { display: flex; justify-content: space-between; align-items: center; margin-bottom: 8px; }
.top b { font-size: 14px; }
h2 { font-size: 12px; font-weight: 600; margin: 10px 0 4px; }
.kv { display: grid; grid-template-columns: 64px 1fr; gap: 2px 8px; word-break: break-all; }
.ok { color: #07C160; } .bad { color: #FA5151; }
.row { display: flex; gap: 6px; flex-wrap: wrap; margin-top: 6px; }
.btn { border: 1px solid rgba(0,0,0,.15); border-radius: 6px; padding: 4px 8px; font-size: 12px; min-height: 32px; }
.btn[aria-pressed="true"] { background: #067F40; border-color: #067F40; color: #fff; }
.count { color: rgba(0,0,0,.55); }
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
      : '<button class="pill" type="button" data-action="open" data-testid="wxsim-pill" aria-label="WX 微信模拟器">WX</button>'
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
    else if (action?.startsWith('font-')) {
      actions.setFontSize(Number(action.slice(5)))
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
    : '<span class="muted" data-testid="wxsim-config-result">尚未调用 wx.config</span>'
  const device = (d: Device, label: string) =>
    `<button class="btn" type="button" data-action="device-${d}" data-testid="wxsim-device-${d}" aria-pressed="${state.device === d}"${
      state.devicePinned ? ' disabled title="由 __WXSIM_CONFIG__.device 固定"' : ''}>${label}</button>`
  const font = (p: number) =>
    `<button class="btn" type="button" data-action="font-${p}" data-testid="wxsim-font-${p}" aria-pressed="${state.fontSize === p}">${p === 100 ? '标准' : `${p}%`}</button>`
  return `
  <div class="card" data-testid="wxsim-panel">
    <div class="top"><b>微信模拟器</b>
      <button class="btn" type="button" data-action="close" data-testid="wxsim-panel-close" aria-label="关闭">✕</button></div>
    <h2>设备</h2>
    <div class="row">${device('ios', 'iPhone')}${device('android', 'Android')}
      <button class="btn" type="button" data-action="reload" data-testid="wxsim-reload">像微信一样重新加载</button></div>
    <h2>字体大小${state.fontSizePinned ? '（页面已固定为标准）' : ''}</h2>
    <div class="row">${FONT_SIZES.filter(p => p >= 100).map(font).join('')}</div>
    <h2>wx.config</h2>
    <div class="kv">
      <span class="muted">结果</span>${configLine}
      ${c?.reason ? `<span class="muted">原因</span><span>${e(c.reason)}</span>` : ''}
      <span class="muted">签名 URL</span><span data-testid="wxsim-signed-url">${e(c?.signedUrl ?? '—')}</span>
      <span class="muted">落地页</span><span data-testid="wxsim-landing-url">${e(state.landingUrl)}</span>
      <span class="muted">当前页</span><span data-testid="wxsim-current-url">${e(currentUrl)}</span>
    </div>
    <h2>分享给朋友</h2>${shareHtml(state.share.appMessage, 'appmessage')}
    <h2>分享到朋友圈</h2>${shareHtml(state.share.timeline, 'timeline')}
    <div class="row">
      <button class="btn" type="button" data-action="share-friend" data-testid="wxsim-share-friend"${state.share.appMessage ? '' : ' disabled'}>以朋友身份打开分享链接</button>
      <button class="btn" type="button" data-action="share-timeline" data-testid="wxsim-share-timeline"${state.share.timeline ? '' : ' disabled'}>从朋友圈打开</button>
    </div>
    <h2>最近的 bridge 调用</h2>
    <ol data-testid="wxsim-calls">${collapseRepeats(state.calls).slice(-15).reverse().map(callHtml).join('')}</ol>
  </div>`
}

function shareHtml(s: ShareRecord | null, id: string): string {
  const e = escapeHtml
  if (!s)
    return `<p class="muted" data-testid="wxsim-share-${id}">未设置</p>`
  return `<div class="kv" data-testid="wxsim-share-${id}">
    <span class="muted">标题</span><span>${e(s.title)}</span>
    ${s.desc !== undefined ? `<span class="muted">描述</span><span>${e(s.desc)}</span>` : ''}
    <span class="muted">链接</span><span>${e(s.link)}</span>
    <span class="muted">图片</span><span>${e(s.imgUrl)}</span></div>`
}

type ShownCall = BridgeCall & { times: number }

/**
 * One line for a run of identical calls (same API, arguments and reply): the kit sets the same
 * share data for friends and Moments after every navigation, which otherwise fills the list.
 */
export function collapseRepeats(calls: readonly BridgeCall[]): ShownCall[] {
  const shown: ShownCall[] = []
  for (const c of calls) {
    const last = shown.at(-1)
    if (last && last.kind === c.kind && last.name === c.name && last.reply === c.reply && last.reason === c.reason
      && JSON.stringify(last.args) === JSON.stringify(c.args)) {
      last.times++
    }
    else {
      shown.push({ ...c, times: 1 })
    }
  }
  return shown
}

function callHtml(c: ShownCall): string {
  const shown = c.kind === 'invoke' && c.reply ? appErrMsg(c.name, c.reply) : c.reply || (c.kind === 'invoke' ? '等待中…' : c.kind)
  const cls = c.kind !== 'invoke' ? 'muted' : shown.endsWith(':ok') ? 'ok' : c.reply ? 'bad' : 'muted'
  return `<li><b>${escapeHtml(c.name)}</b> → <span class="${cls}">${escapeHtml(shown)}</span>${
    c.times > 1 ? ` <span class="count">×${c.times}</span>` : ''}${
    c.reason ? ` <span class="muted">(${escapeHtml(c.reason)})</span>` : ''}</li>`
}
