import type { AppModule } from '../types/app-module.ts'
import { createPinia } from 'pinia'

export const install: AppModule = ({ app }) => {
  app.use(createPinia())
}
