import type { AppModule } from '../types/app-module.ts'
import { whenIdle } from '../platform/idle.ts'
import { useSessionStore } from '../stores/session.ts'

/**
 * Who is signed in, asked once per landing after first paint (never blocking it), for visitors
 * this device saw signed in: a snapshot-mode visitor then sees the notice (App.vue) on any page,
 * not only after trying to vote or pay.
 */
export const install: AppModule = ({ app, router }) => {
  void router.isReady().then(() => whenIdle(() => {
    void app.runWithContext(useSessionStore).loadKnownSession()
  }))
}
