import type { AppModule } from '../types/app-module.ts'
import { recordLanding } from '../features/share/index.ts'
import { usePlatform } from '../platform/services.ts'

/** One share visit per landing (with the sharer from `?sh=`), then `sh` leaves the address bar. */
export const install: AppModule = ({ app, router }) => {
  const { http } = app.runWithContext(usePlatform)
  recordLanding(router, http).catch(err => console.warn('[share] landing not recorded:', err))
}
