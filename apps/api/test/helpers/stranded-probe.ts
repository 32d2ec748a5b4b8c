/** The probe queue of stranded-jobs.integration.test.ts: long expiry, so that only the reclaim can explain a quick pick-up. */
export const strandedProbe = {
  name: 'stranded-probe',
  retry: { limit: 3, delay: 60, backoff: false },
  expireIn: 600,
} as const
