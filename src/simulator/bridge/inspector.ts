// `window.__wxsim`: a read-only window on the emulator for tests and the dev panel.
// Getters hand out copies so a test cannot change what the bridge believes.
import type { BridgeState } from './bridge-state'
import type { Device, WxSimInspector } from './types'

export function createInspector(state: BridgeState, setDevice: (d: Device) => void, setFontSize: (percent: number) => void): WxSimInspector {
  return Object.freeze({
    get persona() { return state.device },
    get devicePinned() { return state.devicePinned },
    get landingUrl() { return state.landingUrl },
    get lastConfig() {
      const c = state.lastConfig
      return c ? Object.freeze({ ...c, jsApiList: [...c.jsApiList] }) : null
    },
    get shareData() {
      const { appMessage, timeline } = state.share
      return Object.freeze({
        appMessage: appMessage ? Object.freeze({ ...appMessage }) : null,
        timeline: timeline ? Object.freeze({ ...timeline }) : null,
      })
    },
    get calls() { return Object.freeze(state.calls.map(c => Object.freeze({ ...c, args: { ...c.args } }))) },
    get closed() { return state.closed },
    get fontSize() { return state.fontSize },
    get fontSizePinned() { return state.fontSizePinned },
    setDevice,
    setFontSize,
  })
}
