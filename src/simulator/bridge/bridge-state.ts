// The emulator's memory for one page load: what was verified, what was shared, what was called.
// A real reload builds a fresh state, as the WeChat client forgets wx.config on reload.
import type { BridgeCall, ConfigRecord, Device, ShareData, ShareRecord } from './types'

const MAX_CALLS = 50

/** The last successful preVerifyJSAPI: later invokes must carry these credentials (§4.3 step 3). */
export interface VerifiedConfig {
  appId: string
  signature: string
  timestamp: string
  nonceStr: string
  granted: ReadonlySet<string>
  /** Open tags the page declared in `openTagList` (§4.9): the client renders only these. */
  openTags: ReadonlySet<string>
}

export interface BridgeState {
  readonly device: Device
  readonly devicePinned: boolean
  readonly landingUrl: string
  verified: VerifiedConfig | null
  lastConfig: ConfigRecord | null
  share: ShareData
  calls: BridgeCall[]
  closed: boolean
  payInProgress: boolean
  /** The reader's WeChat font size in percent (font-size.ts). */
  fontSize: number
  /** The page asked for the standard size (`setFontSizeCallback {fontSize: 0}`). */
  fontSizePinned: boolean
  /** Legacy `WeixinJSBridge.on` handlers (menu:share:* and friends, §4.8). */
  handlers: Map<string, Array<(res: Record<string, unknown>) => void>>
  /** Records a call and returns it so the reply can be filled in later. */
  log: (entry: Omit<BridgeCall, 'at' | 'reply'> & { reply?: string }) => BridgeCall
  recordShare: (kind: keyof ShareData, rec: Omit<ShareRecord, 'at'>) => void
  changed: () => void
  subscribe: (fn: () => void) => () => void
}

export function createBridgeState(init: { device: Device, devicePinned: boolean, landingUrl: string, fontSize?: number }): BridgeState {
  const listeners = new Set<() => void>()
  const state: BridgeState = {
    ...init,
    verified: null,
    lastConfig: null,
    share: { appMessage: null, timeline: null },
    calls: [],
    closed: false,
    payInProgress: false,
    fontSize: init.fontSize ?? 100,
    fontSizePinned: false,
    handlers: new Map(),
    log(entry) {
      const call: BridgeCall = { at: Date.now(), reply: '', ...entry }
      state.calls.push(call)
      if (state.calls.length > MAX_CALLS)
        state.calls.splice(0, state.calls.length - MAX_CALLS)
      state.changed()
      return call
    },
    recordShare(kind, rec) {
      state.share = { ...state.share, [kind]: { ...rec, at: Date.now() } }
      state.changed()
    },
    changed() {
      for (const fn of listeners) fn()
    },
    subscribe(fn) {
      listeners.add(fn)
      return () => listeners.delete(fn)
    },
  }
  return state
}
