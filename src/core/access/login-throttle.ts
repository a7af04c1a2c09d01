/**
 * Login rate limit: after `maxFailures` failed sign-ins within `windowMs` (per login, and per client
 * address), further attempts are refused until the oldest failure of the window leaves it.
 * Defaults follow OWASP's authentication guidance (lock-out threshold with a time-based release).
 */
export type LoginThrottlePolicy = { maxFailures: number; windowMs: number }

export const LOGIN_THROTTLE: LoginThrottlePolicy = { maxFailures: 5, windowMs: 15 * 60 * 1000 }

export type ThrottleDecision = { isAllowed: true } | { isAllowed: false; retryAfterSeconds: number }

/**
 * Decides whether one more attempt is allowed, given the times (ms since 1970) of earlier failures.
 * Retry-After = time until the oldest counted failure is `windowMs` old, rounded up to a whole second.
 */
export function decideLoginAttempt(
  failureTimesMs: readonly number[],
  nowMs: number,
  policy: LoginThrottlePolicy = LOGIN_THROTTLE,
): ThrottleDecision {
  const recent = failureTimesMs.filter((time) => time > nowMs - policy.windowMs).sort((a, b) => a - b)
  if (recent.length < policy.maxFailures) return { isAllowed: true }
  // Allowed again once enough failures have aged out to fall below the threshold.
  const release = recent[recent.length - policy.maxFailures]! + policy.windowMs
  return { isAllowed: false, retryAfterSeconds: Math.max(1, Math.ceil((release - nowMs) / 1000)) }
}
