// The WeixinJSBridge emulator's chooseWXPay with a real prepay from the REAL simulator's APIv3
// endpoint, down to the signed, encrypted notification the merchant receives
// (harness: helpers/bridge-harness.ts).
import type { BridgeHarness, Opened } from './helpers/bridge-harness.ts'
import type { ChooseWXPayArgs } from './helpers/wechat-sim.ts'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { configure, inspect, ORDER, payResult, startBridgeHarness, startPay } from './helpers/bridge-harness.ts'
import { chooseWXPayArgs, decryptNotification, verifyPlatformSignature } from './helpers/wechat-sim.ts'

let h: BridgeHarness

beforeAll(async () => {
  h = await startBridgeHarness()
})

afterEach(async () => {
  await h?.closeContext()
})

afterAll(async () => {
  await h?.close()
})

describe('the WeixinJSBridge emulator, driven by the real weixin-js-sdk against the real simulator', () => {
  describe('chooseWXPay with a real prepay (protocol §6)', () => {
    async function configuredForPay(device: 'ios' | 'android'): Promise<Opened> {
      const opened = await h.open(device)
      expect(await configure(opened.page, h.signedConfig(`${h.appOrigin}/article/1?utm=x`))).toEqual(['ready'])
      return opened
    }

    it('shows the pay sheet, pays on confirm, and the merchant gets a signed, encrypted TRANSACTION.SUCCESS', async () => {
      const { page, errors } = await configuredForPay('ios')
      const { outTradeNo, prepayId } = await h.newPrepay('ios')
      await startPay(page, chooseWXPayArgs(h.setup, prepayId))
      const sheet = page.getByTestId('wxsim-pay-sheet')
      await expect(sheet.getByTestId('wxsim-pay-amount').textContent()).resolves.toBe('¥12.34')
      await expect(sheet.getByTestId('wxsim-pay-merchant').textContent()).resolves.toBe('模拟商户')
      await expect(sheet.getByTestId('wxsim-pay-description').textContent()).resolves.toBe(ORDER.description)
      await sheet.getByTestId('wxsim-pay-confirm').click()
      expect(await payResult(page)).toEqual({ cb: 'success', errMsg: 'chooseWXPay:ok' })
      expect(await sheet.count()).toBe(0)

      await expect.poll(() => h.notificationsFor(outTradeNo).length).toBeGreaterThan(0)
      const delivery = h.notificationsFor(outTradeNo)[0]!
      expect(delivery.headers['wechatpay-serial']).toBe(h.setup.platformPublicKeyId)
      expect(delivery.headers['wechatpay-signature-type']).toBe('WECHATPAY2-SHA256-RSA2048')
      expect(verifyPlatformSignature(delivery.headers, delivery.body, h.setup)).toEqual({ ok: true })
      // The check above is a real one: one changed byte of the body and it fails.
      expect(verifyPlatformSignature(delivery.headers, delivery.body.replace('TRANSACTION.SUCCESS', 'TRANSACTION.SUCCESs'), h.setup).ok).toBe(false)
      const { envelope, resource } = decryptNotification(delivery.body, h.setup.apiV3Key)
      expect(envelope).toMatchObject({ event_type: 'TRANSACTION.SUCCESS', resource_type: 'encrypt-resource', resource: { algorithm: 'AEAD_AES_256_GCM', associated_data: 'transaction', original_type: 'transaction' } })
      expect(resource).toMatchObject({
        appid: h.setup.appId,
        mchid: h.setup.mchId,
        out_trade_no: outTradeNo,
        trade_type: 'JSAPI',
        trade_state: 'SUCCESS',
        payer: { openid: h.openids.iphone },
        amount: { total: ORDER.total, payer_total: ORDER.total, currency: 'CNY' },
      })
      expect(resource.transaction_id).toMatch(/^\d+$/)

      // The simulator recorded the 204 as a delivery, so it will not retry.
      await expect.poll(async () => (await h.simOrder(outTradeNo)).deliveries.map(d => d.outcome)).toEqual(['delivered'])
      expect((await h.simOrder(outTradeNo)).order.trade_state).toBe('SUCCESS')
      // Acknowledged with 204: exactly one delivery, no retry.
      expect(h.notificationsFor(outTradeNo)).toHaveLength(1)
      expect(errors).toEqual([])
    })

    it('calls the cancel callback when the user cancels the pay sheet, and the order stays NOTPAY', async () => {
      const { page, simCalls } = await configuredForPay('android')
      const { outTradeNo, prepayId } = await h.newPrepay('android')
      await startPay(page, chooseWXPayArgs(h.setup, prepayId))
      await page.getByTestId('wxsim-pay-cancel').click()
      expect(await payResult(page)).toEqual({ cb: 'cancel', errMsg: 'chooseWXPay:cancel' })
      expect(simCalls).not.toContain('/__sim/bridge/pay/confirm')
      const o = await h.simOrder(outTradeNo)
      expect(o.order.trade_state).toBe('NOTPAY')
      expect(o.deliveries).toEqual([])
      expect(h.notificationsFor(outTradeNo)).toEqual([])
    })

    it('fails without a sheet for a paySign that does not verify', async () => {
      const { page, simCalls } = await configuredForPay('ios')
      const { outTradeNo, prepayId } = await h.newPrepay('ios')
      await startPay(page, chooseWXPayArgs(h.setup, prepayId, { signedNonce: 'not-the-nonce-sent' }))
      expect(await payResult(page)).toEqual({ cb: 'fail', errMsg: 'chooseWXPay:fail' })
      expect(await page.getByTestId('wxsim-pay-sheet').count()).toBe(0)
      // The simulator checked it and said no.
      expect(simCalls.filter(p => p.startsWith('/__sim/bridge/pay/'))).toEqual(['/__sim/bridge/pay/check'])
      expect((await inspect(page)).calls.find(c => c.name === 'getBrandWCPayRequest')?.reason).toMatch(/paySign/)
      expect((await h.simOrder(outTradeNo)).order.trade_state).toBe('NOTPAY')
    })

    it('fails without a sheet when the app passes timeStamp (capital S) to wx.chooseWXPay', async () => {
      const { page, simCalls } = await configuredForPay('ios')
      const { outTradeNo, prepayId } = await h.newPrepay('ios')
      const { timestamp, ...rest } = chooseWXPayArgs(h.setup, prepayId)
      await startPay(page, { ...rest, timeStamp: timestamp })
      expect(await payResult(page)).toEqual({ cb: 'fail', errMsg: 'chooseWXPay:fail' })
      expect(await page.getByTestId('wxsim-pay-sheet').count()).toBe(0)
      // Refused by the client itself: the simulator is never asked.
      expect(simCalls.filter(p => p.startsWith('/__sim/bridge/pay/'))).toEqual([])
      expect((await h.simOrder(outTradeNo)).order.trade_state).toBe('NOTPAY')
    })

    // 支付授权目录 is /article/ in the harness (§6.2); the client checks the URL it knows the page by (§3.2).
    it.each([
      ['ios', '/landing?from=menu', '/article/2', 'landing URL outside, current URL inside', 'refused'],
      ['android', '/landing?from=menu', '/article/2', 'landing URL outside, current URL inside', 'paid'],
      ['ios', '/article/1?utm=x', '/shop/2', 'landing URL inside, current URL outside', 'paid'],
      ['android', '/article/1?utm=x', '/shop/2', 'landing URL inside, current URL outside', 'refused'],
      ['android', '/article/v2/1', '/article/v2/1', 'a sub-directory of the registered one', 'refused'],
    ] as const)('on %s from %s → %s (%s): %s', async (device, landing, current, _case, outcome) => {
      const { page, simCalls } = await h.open(device, landing)
      await page.evaluate(p => history.pushState({}, '', p), current)
      const signed = device === 'ios' ? landing : current
      expect(await configure(page, h.signedConfig(`${h.appOrigin}${signed}`))).toEqual(['ready'])
      const { outTradeNo, prepayId } = await h.newPrepay(device)
      await startPay(page, chooseWXPayArgs(h.setup, prepayId))
      if (outcome === 'paid') {
        await page.getByTestId('wxsim-pay-confirm').click()
        expect(await payResult(page)).toEqual({ cb: 'success', errMsg: 'chooseWXPay:ok' })
        return
      }
      expect(await payResult(page)).toEqual({ cb: 'fail', errMsg: 'chooseWXPay:fail' })
      expect(await page.getByTestId('wxsim-pay-sheet').count()).toBe(0)
      expect(simCalls.filter(p => p.startsWith('/__sim/bridge/pay/'))).toEqual(['/__sim/bridge/pay/check'])
      expect((await inspect(page)).calls.find(c => c.name === 'getBrandWCPayRequest')?.reason).toMatch(/^当前页面的URL未注册/)
      expect((await h.simOrder(outTradeNo)).order.trade_state).toBe('NOTPAY')
    })

    it('rejects a direct getBrandWCPayRequest with lower-case timestamp', async () => {
      const { page, simCalls } = await h.open('ios')
      const { prepayId } = await h.newPrepay('ios')
      const { timestamp, ...rest }: ChooseWXPayArgs = chooseWXPayArgs(h.setup, prepayId)
      const reply = await page.evaluate(args => new Promise((resolve) => {
        const bridge = (window as unknown as { WeixinJSBridge: { invoke: (n: string, a: object, cb: (r: unknown) => void) => void } }).WeixinJSBridge
        bridge.invoke('getBrandWCPayRequest', args, resolve)
      }), { appId: h.setup.appId, timestamp, ...rest })
      expect(reply).toEqual({ err_msg: 'get_brand_wcpay_request:fail' })
      expect(simCalls).toEqual([])
    })
  })
})
