import type { ProductKind } from '@shared/schemas/catalogue.ts'
import type { CreateOrderBody } from '@shared/schemas/orders.ts'

/** What to buy (the POST /api/orders body) and its kind, so the page knows what a payment unlocked. */
export type PurchaseItem = CreateOrderBody & { kind: ProductKind }
