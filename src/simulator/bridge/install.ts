// Turns an ordinary browser tab into "a page opened inside WeChat": persona UA, the
// WeixinJSBridge global and its ready event, the client's pay sheet, and a dev panel.
// Must run before any page script (Playwright addInitScript, or the first <script> in <head>).
import type { Device, InstallOptions, KeyValueStorage, WeixinJSBridgeLike, WxSimInspector } from './types'
import { createBridgeState } from './bridge-state'
import { showClosedOverlay } from './closed-overlay'
import { mountDevPanel } from './dev-panel'
import { applyFontSize, FONT_SIZE_STORAGE_KEY, FONT_SIZES, storedFontSize } from './font-size'
import { stripHash } from './handler-context'
import { createInspector } from './inspector'
import { showRealWeChatNotice } from './mode-notice'
import { watchOpenTags } from './open-subscribe'
import { showPaySheet } from './pay-sheet'
import { neutraliseSdkReport } from './report-guard'
import { linkAsOpenedFrom } from './share-visit'
import { createSimClient } from './sim-client'
import { showSubscribeSheet } from './subscribe-sheet'
import { isRealWeChat, overrideUserAgent } from './user-agent'
import { createWeixinBridge } from './weixin-bridge'

export const DEVICE_STORAGE_KEY = 'wxsim_device'
/** When the persona was last chosen (ms): the panel's switch or the consent page, whichever is newer wins. */
export const DEVICE_CHOSEN_AT_KEY = 'wxsim_device_at'

type SimWindow = Window & typeof globalThis & { __wxsim?: WxSimInspector, WeixinJSBridge?: WeixinJSBridgeLike }

export function installWeChatBridge(options: InstallOptions): WxSimInspector | null {
  if (typeof window === 'undefined')
    return null
  const win = window as SimWindow
  if (win.__wxsim)
    return win.__wxsim
  // Inside real WeChat the real client is in charge; the page says so (mode-notice.ts).
  if (isRealWeChat(win)) {
    whenDomReady(win.document, () => showRealWeChatNotice(win.document, win))
    return null
  }

  const storage = options.storage ?? localStorageOf(win)
  const device = options.device ?? storedDevice(storage) ?? 'ios'
  overrideUserAgent(win.navigator, device)

  // §3.2: iOS signs the landing URL, the URL of this (re)load; captured before any router runs.
  const fontSize = options.fontSize ?? storedFontSize(storage) ?? 100
  const state = createBridgeState({ device, devicePinned: options.device !== undefined, landingUrl: stripHash(win.location.href), fontSize })
  neutraliseSdkReport(win, state)

  const doc = win.document
  if (doc.documentElement)
    applyFontSize(doc, state)
  const reload = () => win.location.reload()
  const client = createSimClient(options.simulatorOrigin, options.fetch ?? win.fetch.bind(win))
  const bridge = createWeixinBridge({
    state,
    win,
    client,
    ui: {
      showPaySheet: order => showPaySheet(doc, order),
      showClosed: () => showClosedOverlay(doc, reload),
      applyFontSize: () => applyFontSize(doc, state),
    },
  })

  // The reader changes 字体大小: the client applies it to the page and tells it (menu:setfont).
  const setFontSize = (percent: number) => {
    if (!(FONT_SIZES as readonly number[]).includes(percent))
      throw new TypeError(`font size must be one of ${FONT_SIZES.join(', ')}`)
    storage?.setItem(FONT_SIZE_STORAGE_KEY, String(percent))
    state.fontSize = percent
    state.fontSizePinned = false
    applyFontSize(doc, state)
    state.changed()
    for (const handler of state.handlers.get('menu:setfont') ?? [])
      win.setTimeout(() => handler({ fontSize: percent }), 0)
  }

  const setDevice = (d: Device) => {
    if (d !== 'ios' && d !== 'android')
      throw new TypeError(`unknown device ${String(d)}`)
    storage?.setItem(DEVICE_STORAGE_KEY, d)
    storage?.setItem(DEVICE_CHOSEN_AT_KEY, String(Date.now()))
    // The UA is read by the SDK at load, so a device switch is a real reload, as on a phone.
    reload()
  }
  // Back from the consent page as 安卓用户 (or 苹果用户): become that phone, unless the panel chose later.
  if (options.device === undefined && storage) {
    void client.lastDevice().then((last) => {
      if (!last || last.at <= Number(storage.getItem(DEVICE_CHOSEN_AT_KEY) ?? 0))
        return
      storage.setItem(DEVICE_CHOSEN_AT_KEY, String(last.at))
      if (last.device !== device) {
        storage.setItem(DEVICE_STORAGE_KEY, last.device)
        reload()
      }
    }).catch(() => {})
  }
  // Open tags: rendered by the client once a config declared them (§4.9).
  if (win.customElements)
    watchOpenTags(win, { state, client, showSheet: ids => showSubscribeSheet(doc, ids) })
  const inspector = createInspector(state, setDevice, setFontSize)
  Object.defineProperty(win, '__wxsim', { value: inspector, enumerable: false })

  whenDomReady(doc, () => {
    applyFontSize(doc, state)
    // One panel per tab: iframes get the bridge but not a second panel.
    if (win.top === win) {
      mountDevPanel(doc, win, state, {
        setDevice,
        setFontSize,
        reload,
        openShare: (kind) => {
          const rec = state.share[kind]
          // A friend tapping the card: a fresh page load of the link, WeChat's params appended.
          if (rec)
            win.location.href = linkAsOpenedFrom(rec.link, kind)
        },
      })
    }
    // §4.2: the global first, then the event, and only after install returned, like the client.
    win.setTimeout(() => {
      Object.defineProperty(win, 'WeixinJSBridge', { value: bridge, configurable: true, writable: true, enumerable: true })
      doc.dispatchEvent(new Event('WeixinJSBridgeReady'))
    }, 0)
  })
  return inspector
}

function whenDomReady(doc: Document, fn: () => void): void {
  if (doc.readyState === 'loading')
    doc.addEventListener('DOMContentLoaded', fn, { once: true })
  else
    fn()
}

function storedDevice(storage: KeyValueStorage | undefined): Device | undefined {
  const v = storage?.getItem(DEVICE_STORAGE_KEY)
  return v === 'ios' || v === 'android' ? v : undefined
}

function localStorageOf(win: Window): KeyValueStorage | undefined {
  try {
    return win.localStorage
  }
  catch {
    // Opaque origins and some privacy modes throw on access.
    return undefined
  }
}
