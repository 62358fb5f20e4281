// Applies one verified push: recorded once under its dedupe key, in one transaction with its
// effect, so WeChat's retries (even to another instance, at the same moment) change nothing.
import type { Db } from '../db/database.ts'
import type { InboundEvent } from './inbound-event.ts'
import { applyConsent, applyFollow, claimInbound } from '../db/queries/wechat-events.ts'

export async function recordEvent(db: Db, dedupeKey: string, event: InboundEvent): Promise<'applied' | 'duplicate'> {
  return db.transaction(async (tx) => {
    if (!await claimInbound(tx, dedupeKey, event.kind))
      return 'duplicate'
    switch (event.kind) {
      case 'follow':
      case 'unfollow':
        await applyFollow(tx, event.openid, event.kind === 'follow', event.at)
        break
      case 'consent':
        for (const d of event.decisions)
          await applyConsent(tx, event.openid, d.templateId, d.status, event.at)
        break
      default:
        break
    }
    return 'applied'
  })
}
