// Development only (the emulator never ships): when the browser's user agent is a real WeChat
// one, the emulator stands aside for the real client. Say so on the page instead of letting
// payments and shares time out silently, and say how to get the simulator back.
import { createShadowHost, escapeHtml } from './shadow-host'

const HOST_CSS = 'position: fixed; left: 8px; right: 8px; top: 8px; z-index: 2147483646;'
const CSS = `
.note { background: #fff; color: rgba(0,0,0,.9); border-radius: 8px; padding: 10px 36px 10px 12px; font-size: 13px;
  line-height: 1.5; box-shadow: 0 2px 12px rgba(0,0,0,.2); border-left: 4px solid #067F40; position: relative; }
.note.warn { border-left-color: #C87D0A; }
.note b { display: block; margin-bottom: 2px; }
.close { position: absolute; top: 0; right: 0; width: 36px; height: 36px; font-size: 16px; }
@media (prefers-color-scheme: dark) { .note { background: #2C2C2C; color: rgba(255,255,255,.85); } }
`

/** Waits `graceMs` for the real client's WeixinJSBridge, then shows which mode is active. */
export function showRealWeChatNotice(doc: Document, win: Window & { WeixinJSBridge?: unknown }, graceMs = 2500): void {
  win.setTimeout(() => {
    const real = Boolean(win.WeixinJSBridge)
    const { root, remove } = createShadowHost(doc, 'mode-notice', HOST_CSS, CSS)
    const e = escapeHtml
    root.innerHTML = real
      ? `<div class="wx"><p class="note" role="status" data-testid="wxsim-mode-notice" data-mode="real">
          <b>开发模式 · 真实微信客户端</b>页面运行在真实微信里，模拟器已关闭；支付和分享由真实客户端处理。
          <button class="close" type="button" aria-label="关闭">✕</button></p></div>`
      : `<div class="wx"><p class="note warn" role="alert" data-testid="wxsim-mode-notice" data-mode="none">
          <b>模拟器未启用，也没有微信客户端</b>User-Agent 声称是微信（${e(/MicroMessenger\/[\d.]+/i.exec(win.navigator.userAgent)?.[0] ?? 'MicroMessenger')}），
          模拟器因此让位于真实客户端，但页面里没有 WeixinJSBridge：wx.config、支付和分享都不会有回应。
          去掉浏览器的自定义 User-Agent 即可让模拟器接管（或在 UA 中加入 <code>wxsim</code>）。
          <button class="close" type="button" aria-label="关闭">✕</button></p></div>`
    root.querySelector('.close')?.addEventListener('click', remove)
  }, graceMs)
}
