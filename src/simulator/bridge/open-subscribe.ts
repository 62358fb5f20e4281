// <wx-open-subscribe>: the client renders open tags, not the SDK (protocol §4.9, §10.6). Defined
// once a wx.config that listed it in openTagList succeeded; until then the tag stays inert, as on a
// phone. The tag shows its `<script type="text/wxtag-template">` (or `<template>`) content in its
// own shadow root; a tap opens the 订阅通知 sheet, the simulator records the answer and pushes the
// popup event to the account server, and the tag fires `success` with `detail.subscribeDetails`
// (a JSON string of JSON strings) or `error` with `detail.errCode`.
import type { BridgeState } from './bridge-state'
import type { SimClient } from './sim-client'

export const OPEN_SUBSCRIBE = 'wx-open-subscribe'

export interface OpenSubscribeDeps {
  state: BridgeState
  client: SimClient
  showSheet: (templateIds: string[]) => Promise<'accept' | 'reject'>
}

function templateMarkup(el: Element): string {
  const parts: string[] = []
  for (const child of Array.from(el.children)) {
    // innerHTML, not textContent: a page written as HTML holds the markup as the script's text,
    // but a framework (Vue, React) appends real elements to the script, and both must render.
    if (child.tagName === 'SCRIPT' && child.getAttribute('type') === 'text/wxtag-template')
      parts.push(child.innerHTML)
    else if (child.tagName === 'TEMPLATE')
      parts.push((child as HTMLTemplateElement).innerHTML)
  }
  return parts.join('\n')
}

export function defineOpenSubscribe(win: Window & typeof globalThis, deps: OpenSubscribeDeps): void {
  if (win.customElements.get(OPEN_SUBSCRIBE))
    return
  const { state, client } = deps
  const fire = (el: HTMLElement, type: string, detail: Record<string, unknown>) =>
    el.dispatchEvent(new win.CustomEvent(type, { detail }))

  class WxOpenSubscribe extends win.HTMLElement {
    private busy = false

    connectedCallback(): void {
      const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' })
      // The page's own markup, isolated like the client's rendering (its CSS does not reach in).
      root.innerHTML = templateMarkup(this)
      if (!this.hasAttribute('data-wxsim-bound')) {
        this.setAttribute('data-wxsim-bound', '')
        this.addEventListener('click', () => void this.open())
      }
      win.setTimeout(() => fire(this, 'ready', {}), 0)
    }

    private async open(): Promise<void> {
      if (this.busy)
        return
      const templateIds = (this.getAttribute('template') ?? '').split(',').map(s => s.trim()).filter(Boolean)
      if (templateIds.length === 0) {
        fire(this, 'error', { errMsg: 'subscribe:fail', errCode: 10001 })
        return
      }
      this.busy = true
      try {
        const choice = await deps.showSheet(templateIds)
        const decisions = Object.fromEntries(templateIds.map(id => [id, choice]))
        const res = await client.subscribe({ persona: state.device === 'android' ? 'android' : 'iphone', decisions })
        state.log({ kind: 'invoke', name: 'wx-open-subscribe', args: { template: templateIds.join(','), choice }, reply: res.ok ? 'subscribe:ok' : res.errMsg })
        if (res.ok)
          fire(this, 'success', { errMsg: 'subscribe:ok', subscribeDetails: JSON.stringify(res.subscribeDetails) })
        else
          fire(this, 'error', { errMsg: res.errMsg, errCode: 20001 })
      }
      catch (err) {
        fire(this, 'error', { errMsg: `subscribe:fail ${String(err)}`, errCode: 10003 })
      }
      finally {
        this.busy = false
      }
    }
  }
  win.customElements.define(OPEN_SUBSCRIBE, WxOpenSubscribe)
}

/** Defines the tags once a verified config declared them. */
export function watchOpenTags(win: Window & typeof globalThis, deps: OpenSubscribeDeps): void {
  const check = () => {
    if (deps.state.verified?.openTags.has(OPEN_SUBSCRIBE))
      defineOpenSubscribe(win, deps)
  }
  deps.state.subscribe(check)
}
