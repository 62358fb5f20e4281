// What every route of one simulator instance shares.
import type { Clock } from './clock.ts'
import type { ResolvedConfig } from './config.ts'
import type { Pusher } from './events/pusher.ts'
import type { Timers } from './http/timers.ts'
import type { Notifier } from './pay/notifier.ts'
import type { SimulatorState } from './state/index.ts'

export interface SimContext {
  config: ResolvedConfig
  clock: Clock
  state: SimulatorState
  timers: Timers
  notifier: Notifier
  /** Event pushes to the account's server URL. */
  pusher: Pusher
}
