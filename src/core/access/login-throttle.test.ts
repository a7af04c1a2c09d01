import { describe, expect, it } from 'vitest'
import { decideLoginAttempt } from './login-throttle.js'

const minute = 60_000

describe('decideLoginAttempt', () => {
  it('allows up to four failures in 15 minutes', () => {
    expect(decideLoginAttempt([0, minute, 2 * minute, 3 * minute], 4 * minute)).toEqual({ isAllowed: true })
  })

  it('refuses the attempt after five failures, until the oldest is 15 minutes old', () => {
    // Failures at 0, 1, 2, 3, 4 min; at 5 min the oldest (0) leaves the window at 15 min → 600 s to wait.
    const failures = [0, 1, 2, 3, 4].map((m) => m * minute)
    expect(decideLoginAttempt(failures, 5 * minute)).toEqual({ isAllowed: false, retryAfterSeconds: 600 })
    // At 15 min the failure at 0 no longer counts: four remain.
    expect(decideLoginAttempt(failures, 15 * minute)).toEqual({ isAllowed: true })
  })

  it('counts only the failures inside the window, and rounds the wait up to a second', () => {
    // Six failures, the first 20 min ago (outside); the five inside start at now − 14 min − 0.5 s.
    const now = 100 * minute
    const failures = [now - 20 * minute, ...[14, 10, 5, 2, 1].map((m) => now - m * minute - 500)]
    // Oldest inside: now − 840.5 s → leaves the window in 900 − 840.5 = 59.5 s → 60 s.
    expect(decideLoginAttempt(failures, now)).toEqual({ isAllowed: false, retryAfterSeconds: 60 })
  })
})
