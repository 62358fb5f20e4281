import { ApiError } from '../http/api-error.ts'
import { addDays, cstDay } from './classify.ts'

/** Inclusive CST calendar days. */
export interface DayRange { from: string, to: string }

const MAX_DAYS = 366

/** `from`/`to` as sent, defaulting to the last `defaultDays` days up to today; at most a year. */
export function dayRange(q: { from?: string, to?: string }, now: number, defaultDays = 30): DayRange {
  const to = q.to ?? cstDay(now)
  const from = q.from ?? addDays(to, -(defaultDays - 1))
  if (Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to)))
    throw new ApiError(400, 'VALIDATION_FAILED', 'from and to must be real dates')
  if (from > to)
    throw new ApiError(400, 'VALIDATION_FAILED', 'from must not be after to')
  if (Date.parse(to) - Date.parse(from) > MAX_DAYS * 86_400_000)
    throw new ApiError(400, 'VALIDATION_FAILED', `A range spans at most ${MAX_DAYS} days`)
  return { from, to }
}
