import type { WeixinJSBridgeLike } from '../../../../../src/app/platform/wechat/types.ts'
import { describe, expect, it, vi } from 'vitest'
import { isInvokeWritable, onNextConfigReply } from '../../../../../src/app/platform/wechat/config-reply.ts'

type Reply = (res: Record<string, unknown>) => void

/** A bridge that answers every invoke on a later task. */
function answeringBridge() {
  const replies: string[] = []
  const bridge: WeixinJSBridgeLike = {
    invoke: (name, _args, cb) => void setTimeout(() => {
      replies.push(name)
      cb?.({ err_msg: `${name}:ok` })
    }, 0),
    on: () => {},
  }
  return { bridge, replies }
}

const tick = () => new Promise(resolve => setTimeout(resolve, 5))

describe('watching the reply to the next wx.config', () => {
  it('settles after the SDK handled the preVerifyJSAPI reply, and leaves other calls alone', async () => {
    const { bridge } = answeringBridge()
    const order: string[] = []
    expect(onNextConfigReply(bridge, () => order.push('settled'))).toBe(true)
    bridge.invoke('getNetworkType', {}, () => order.push('getNetworkType'))
    bridge.invoke('preVerifyJSAPI', {}, () => order.push('sdk callback'))
    await tick()
    expect(order).toEqual(['getNetworkType', 'sdk callback', 'settled'])
  })

  it('settles configs in order, wrapping the bridge only once', async () => {
    const { bridge } = answeringBridge()
    const settled: number[] = []
    onNextConfigReply(bridge, () => settled.push(1))
    const wrapped = bridge.invoke
    onNextConfigReply(bridge, () => settled.push(2))
    expect(bridge.invoke).toBe(wrapped)
    bridge.invoke('preVerifyJSAPI', {}, () => {})
    bridge.invoke('preVerifyJSAPI', {}, () => {})
    await tick()
    expect(settled).toEqual([1, 2])
  })

  it('wraps again when the client has put a new invoke in place of the wrapper', async () => {
    const { bridge } = answeringBridge()
    const settled = vi.fn()
    onNextConfigReply(bridge, () => {})
    bridge.invoke('preVerifyJSAPI', {}, () => {})
    await tick()
    const replacement = vi.fn((_name: string, _args: Record<string, unknown>, cb?: Reply) => cb?.({}))
    bridge.invoke = replacement
    expect(onNextConfigReply(bridge, settled)).toBe(true)
    bridge.invoke('preVerifyJSAPI', {}, () => {})
    expect(replacement).toHaveBeenCalledOnce()
    expect(settled).toHaveBeenCalledOnce()
  })

  it('refuses (instead of throwing) when there is no bridge yet', () => {
    expect(onNextConfigReply(undefined, () => {})).toBe(false)
  })

  it('refuses a frozen bridge and leaves it working', async () => {
    const { bridge, replies } = answeringBridge()
    const invoke = bridge.invoke
    Object.freeze(bridge)
    expect(isInvokeWritable(bridge)).toBe(false)
    expect(() => onNextConfigReply(bridge, () => {})).not.toThrow()
    expect(onNextConfigReply(bridge, () => {})).toBe(false)
    expect(bridge.invoke).toBe(invoke)
    const cb = vi.fn()
    bridge.invoke('preVerifyJSAPI', {}, cb)
    await tick()
    expect(replies).toEqual(['preVerifyJSAPI'])
    expect(cb).toHaveBeenCalledOnce()
  })

  it('refuses a non-writable invoke, own or inherited', () => {
    const own = answeringBridge().bridge
    Object.defineProperty(own, 'invoke', { value: own.invoke, writable: false, configurable: false })
    expect(onNextConfigReply(own, () => {})).toBe(false)

    const proto = { invoke: () => {}, on: () => {} }
    Object.defineProperty(proto, 'invoke', { writable: false })
    const inherited = Object.create(proto) as WeixinJSBridgeLike
    expect(onNextConfigReply(inherited, () => {})).toBe(false)
  })

  it('refuses a read-only accessor, and a setter that ignores the value', () => {
    const invoke = () => {}
    const getterOnly = { on: () => {} } as unknown as WeixinJSBridgeLike
    Object.defineProperty(getterOnly, 'invoke', { get: () => invoke })
    expect(onNextConfigReply(getterOnly, () => {})).toBe(false)

    const ignoring = { on: () => {} } as unknown as WeixinJSBridgeLike
    Object.defineProperty(ignoring, 'invoke', { get: () => invoke, set: () => {} })
    expect(isInvokeWritable(ignoring)).toBe(true)
    expect(onNextConfigReply(ignoring, () => {})).toBe(false)
  })

  it('refuses a proxy whose set trap throws or says no', () => {
    const { bridge } = answeringBridge()
    const throwing = new Proxy(bridge, { set: () => { throw new TypeError('read-only bridge') } })
    expect(onNextConfigReply(throwing, () => {})).toBe(false)
    const refusing = new Proxy(bridge, { set: () => false })
    expect(onNextConfigReply(refusing, () => {})).toBe(false)
  })

  it('wraps a bridge whose invoke is inherited and writable, as an own property', () => {
    const { bridge } = answeringBridge()
    const child = Object.create(bridge) as WeixinJSBridgeLike
    expect(onNextConfigReply(child, () => {})).toBe(true)
    expect(Object.prototype.hasOwnProperty.call(child, 'invoke')).toBe(true)
  })
})
