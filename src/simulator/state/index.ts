// All in-memory state of one simulator instance (lost on restart, like a fresh WeChat sandbox).
import type { Clock } from '../clock.ts'
import { createBasicTokenStore } from './basic-tokens.ts'
import { createBrowserStore } from './browsers.ts'
import { createCallCounter } from './calls.ts'
import { createCodeStore } from './codes.ts'
import { createFaultStore } from './faults.ts'
import { createOrderStore } from './orders.ts'
import { createRefundStore } from './refunds.ts'
import { createStableTokenStore } from './stable-tokens.ts'
import { createSubscriptionStore } from './subscriptions.ts'
import { createTicketStore } from './tickets.ts'
import { createUserTokenStore } from './user-tokens.ts'

export function createSimulatorState(clock: Clock, opts: { newPrepayId?: () => string, getticketDailyQuota: number }) {
  return {
    codes: createCodeStore(clock),
    userTokens: createUserTokenStore(clock),
    basicTokens: createBasicTokenStore(clock),
    stableTokens: createStableTokenStore(clock),
    tickets: createTicketStore(clock, opts.getticketDailyQuota),
    orders: createOrderStore(clock, opts.newPrepayId),
    refunds: createRefundStore(clock),
    calls: createCallCounter(),
    faults: createFaultStore(),
    browsers: createBrowserStore(),
    subscriptions: createSubscriptionStore(),
  }
}

export type SimulatorState = ReturnType<typeof createSimulatorState>
