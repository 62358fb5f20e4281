// What every bridge API handler gets: state, the simulator server and the client's own UI.
import type { BridgeState } from './bridge-state'
import type { PayOrder, SimClient } from './sim-client'
import type { BridgeArgs, BridgeReply } from './types'

export interface ClientUi {
  /** WeChat's pay sheet; resolves with what the user tapped. */
  showPaySheet: (order: PayOrder) => Promise<'confirm' | 'cancel'>
  /** What the user sees after closeWindow: the page is gone. */
  showClosed: () => void
  /** Applies the reader's font size, or the standard one once the page pinned it. */
  applyFontSize: () => void
}

export interface HandlerContext {
  state: BridgeState
  client: SimClient
  ui: ClientUi
  win: Window
  /** Whether this emulator implements a bridge API (checkJsApi answers from it). */
  supports: (bridgeName: string) => boolean
}

export interface HandlerResult {
  reply: BridgeReply
  /** Why, for the dev panel and the calls log; never sent to the page. */
  reason?: string
}

export type Handler = (args: BridgeArgs, ctx: HandlerContext) => HandlerResult | Promise<HandlerResult>

export function ok(errMsg: string, extra: Record<string, unknown> = {}): HandlerResult {
  return { reply: { ...extra, err_msg: errMsg } }
}

export function fail(errMsg: string, reason: string): HandlerResult {
  return { reply: { err_msg: errMsg }, reason }
}

export function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0
}

export function stripHash(url: string): string {
  const i = url.indexOf('#')
  return i < 0 ? url : url.slice(0, i)
}
