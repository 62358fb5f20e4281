// Products as the API shows them: what readers may buy, and the operator's view with the switch.
import type { AdminProduct, Product } from '../../shared/schemas/catalogue.ts'
import type { ProductRow } from '../db/queries/catalogue.ts'

export function productView(p: ProductRow): Product {
  const view: Product = { id: p.id, kind: p.kind, title: p.title, description: p.description }
  if (p.priceFen !== null)
    view.priceFen = p.priceFen
  if (p.durationDays !== null)
    view.durationDays = p.durationDays
  if (p.articleId !== null)
    view.articleId = p.articleId
  if (p.seriesId !== null)
    view.seriesId = p.seriesId
  if (p.kind === 'tip')
    view.tip = { presetsFen: p.tipPresetsFen ?? [], minFen: p.tipMinFen ?? 1, maxFen: p.tipMaxFen ?? 1 }
  return view
}

export function adminProductView(p: ProductRow): AdminProduct {
  return { ...productView(p), active: p.active }
}
