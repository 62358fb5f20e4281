export { getMembership } from './membership.api.ts'
export { default as MembershipStatusCard } from './MembershipStatusCard.vue'
export { default as MembershipTiers } from './MembershipTiers.vue'
export { expiryAfter } from './renewal.ts'
