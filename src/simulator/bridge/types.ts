// Shapes shared by the bridge emulator's files. Browser-only; no runtime code here.

export type Device = 'ios' | 'android'

/** Arguments as the SDK (or an app calling the bridge directly) passes them to `invoke`. */
export type BridgeArgs = Record<string, unknown>

/** What the real client answers: legacy `err_msg` (snake case), sometimes extra fields (§4.6). */
export interface BridgeReply {
  err_msg: string
  [key: string]: unknown
}

export type BridgeCallback = (res: BridgeReply) => void
export type BridgeEventHandler = (res: Record<string, unknown>) => void

/** The global the SDK talks to (§4.8). */
export interface WeixinJSBridgeLike {
  invoke: (name: string, args?: BridgeArgs, cb?: BridgeCallback) => void
  on: (event: string, handler: BridgeEventHandler) => void
  call: (name: string) => void
}

/** One entry of the calls log shown in the dev panel and on `window.__wxsim.calls`. */
export interface BridgeCall {
  at: number
  kind: 'invoke' | 'call' | 'on' | 'report'
  name: string
  args: BridgeArgs
  /** The bridge's wire reply (`err_msg`), or '' while pending / for `on` and `call`. */
  reply: string
  /** Why the bridge refused, for humans (never sent to the page). */
  reason?: string
}

export interface ConfigRecord {
  /** What the app sees through the SDK, e.g. `config:ok`, `config:invalid signature`. */
  result: string
  /** The bridge's wire reply, e.g. `preVerifyJSAPI:fail_invalid signature`. */
  errMsg: string
  /** The URL this persona's client would have signed (§3.2). */
  signedUrl: string
  reason?: string
  appId: string
  jsApiList: string[]
}

export interface ShareRecord {
  title: string
  desc?: string
  link: string
  imgUrl: string
  at: number
}

export interface ShareData {
  appMessage: ShareRecord | null
  timeline: ShareRecord | null
}

/** Read-only view exposed as `window.__wxsim`. */
export interface WxSimInspector {
  readonly persona: Device
  readonly devicePinned: boolean
  readonly landingUrl: string
  readonly lastConfig: Readonly<ConfigRecord> | null
  readonly shareData: Readonly<ShareData>
  readonly calls: readonly Readonly<BridgeCall>[]
  readonly closed: boolean
  /** The reader's WeChat font size, in percent (100 = 标准). */
  readonly fontSize: number
  readonly fontSizePinned: boolean
  setDevice: (device: Device) => void
  /** The reader changes WeChat's 字体大小 (one of FONT_SIZES): applied at once, `menu:setfont` fires. */
  setFontSize: (percent: number) => void
}

/** Minimal Storage surface so tests can inject one. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>

export interface InstallOptions {
  /** Origin of the simulator server, e.g. `http://127.0.0.1:8787` (CORS enabled there). */
  simulatorOrigin: string
  /** Pin the persona; otherwise `localStorage.wxsim_device`, otherwise iPhone. */
  device?: Device
  /** The reader's WeChat font size in percent; otherwise `localStorage.wxsim_font_size`, otherwise 100. */
  fontSize?: number
  fetch?: FetchLike
  storage?: KeyValueStorage
}
