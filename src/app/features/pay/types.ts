import type { ProductKind } from '@shared/schemas/catalogue'
import type { CreateOrderBody } from '@shared/schemas/orders'

/** What to buy (the POST /api/orders body) and its kind, so the page knows what a payment unlocked. */
export type PurchaseItem = CreateOrderBody & { kind: ProductKind }
