import type { AppModule } from '../types/app-module.ts'
import { createBrowserServices } from '../platform/browser-services.ts'
import { PLATFORM } from '../platform/services.ts'

/** http, location and storage adapters for every feature and store (usePlatform()). */
export const install: AppModule = ({ app }) => {
  app.provide(PLATFORM, createBrowserServices())
}
