import type { App } from 'vue'
import type { Router } from 'vue-router'

export interface AppContext {
  app: App
  router: Router
}

/** A file in src/app/modules exports `install`; main.ts runs them in the order modules/index.ts lists. */
export type AppModule = (ctx: AppContext) => void
