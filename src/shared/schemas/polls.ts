import type { Static } from '@sinclair/typebox'
import { Type } from '@sinclair/typebox'

const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z_-]+$' })
const ImageUrl = Type.String({ minLength: 1, maxLength: 1024, pattern: '^(https?://|/)' })

export const PollParams = Type.Object({ id: Id })
export type PollParams = Static<typeof PollParams>

export const PollOption = Type.Object({ id: Type.String(), label: Type.String(), imageUrl: Type.Optional(Type.String()) })
export type PollOption = Static<typeof PollOption>

export const PollStatus = Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('scheduled')])
export type PollStatus = Static<typeof PollStatus>

/** What the live stream's `results` event and the poll carry: distinct voters and votes per option. */
export const PollResults = Type.Object({
  voters: Type.Integer(),
  options: Type.Array(Type.Object({ id: Type.String(), votes: Type.Integer() })),
})
export type PollResults = Static<typeof PollResults>

export const MyVote = Type.Object({ optionIds: Type.Array(Type.String()), at: Type.String({ format: 'date-time' }) })
export type MyVote = Static<typeof MyVote>

export const ShowResults = Type.Union([Type.Literal('always'), Type.Literal('after_vote'), Type.Literal('after_close')])
export const PollEligibility = Type.Union([Type.Literal('signed_in'), Type.Literal('followers'), Type.Literal('members')])

/** `results` is present only when the poll's rule lets this reader see them; `myVote` only for a signed-in voter. */
export const PollView = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.Optional(Type.String()),
  options: Type.Array(PollOption),
  maxChoices: Type.Integer(),
  status: PollStatus,
  opensAt: Type.Optional(Type.String({ format: 'date-time' })),
  closesAt: Type.Optional(Type.String({ format: 'date-time' })),
  showResults: ShowResults,
  eligibility: PollEligibility,
  /** One ballot per day (Asia/Shanghai) rather than one per poll; `myVote` is today's. */
  daily: Type.Boolean(),
  results: Type.Optional(PollResults),
  myVote: Type.Optional(MyVote),
})
export type PollView = Static<typeof PollView>

export const VoteBody = Type.Object({
  optionIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 50 }),
})
export type VoteBody = Static<typeof VoteBody>

/** `results` is omitted for polls whose results show only after closing. */
export const VoteResponse = Type.Object({ myVote: MyVote, results: Type.Optional(PollResults) })
export type VoteResponse = Static<typeof VoteResponse>

// Operators (/api/admin/polls).

export const AdminPollOptionInput = Type.Object({ id: Id, label: Type.String({ minLength: 1, maxLength: 200 }), imageUrl: Type.Optional(ImageUrl) })

const pollFields = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  options: Type.Array(AdminPollOptionInput, { minItems: 2, maxItems: 30 }),
  maxChoices: Type.Integer({ minimum: 1, maximum: 30 }),
  showResults: ShowResults,
  eligibility: PollEligibility,
  daily: Type.Boolean(),
  opensAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  closesAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
}

export const AdminPollCreate = Type.Object({
  id: Id,
  title: pollFields.title,
  description: pollFields.description,
  options: pollFields.options,
  maxChoices: Type.Optional(pollFields.maxChoices),
  showResults: Type.Optional(pollFields.showResults),
  eligibility: Type.Optional(pollFields.eligibility),
  daily: Type.Optional(pollFields.daily),
  opensAt: Type.Optional(pollFields.opensAt),
  closesAt: Type.Optional(pollFields.closesAt),
})
export type AdminPollCreate = Static<typeof AdminPollCreate>

/** Options can change only while the poll has no ballots. */
export const AdminPollPatch = Type.Partial(Type.Object(pollFields), { minProperties: 1 })
export type AdminPollPatch = Static<typeof AdminPollPatch>

export const AdminPoll = Type.Object({
  ...PollView.properties,
  closedAt: Type.Optional(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
  voters: Type.Integer(),
})
export type AdminPoll = Static<typeof AdminPoll>

export const AdminPollList = Type.Object({ polls: Type.Array(AdminPoll) })

export const AdminPollResults = Type.Object({
  id: Type.String(),
  status: PollStatus,
  voters: Type.Integer(),
  options: Type.Array(Type.Object({ id: Type.String(), label: Type.String(), votes: Type.Integer() })),
  /** Ballots per share code the voters arrived through (`null`: not from a share), most first. */
  byReferrer: Type.Array(Type.Object({ refCode: Type.Union([Type.String(), Type.Null()]), ballots: Type.Integer(), firstAt: Type.String({ format: 'date-time' }), lastAt: Type.String({ format: 'date-time' }) })),
})
export type AdminPollResults = Static<typeof AdminPollResults>
