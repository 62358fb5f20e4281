import type { AppModule } from '../types/app-module.ts'
import { install as pageTitle } from './page-title.ts'
import { install as pinia } from './pinia.ts'
import { install as platform } from './platform.ts'
import { install as routeProgress } from './route-progress.ts'
import { install as session } from './session.ts'
import { install as share } from './share.ts'
import { install as toast } from './toast.ts'
import { install as tracking } from './tracking.ts'
import { install as wechat } from './wechat.ts'

/**
 * Every set-up concern, in the order main.ts installs them (before the router starts). The order
 * is the dependency order: stores and the platform adapters come before the modules that use
 * them; `share` records the landing (and its `?sh=` sharer) and `tracking` reads the landing URL
 * before `sh` leaves the address bar and before `wechat` starts signing pages.
 * A new module is added here, where its place in the order is a decision, not a file name.
 */
export const appModules: readonly AppModule[] = [
  pinia,
  platform,
  toast,
  pageTitle,
  routeProgress,
  session,
  share,
  tracking,
  wechat,
]
