/**
 * Password hashing and random tokens (docs/access-control.md).
 * argon2id with the OWASP Password Storage Cheat Sheet's first configuration: m = 19 MiB (19,456 KiB),
 * t = 2 iterations, p = 1, a 16-byte random salt and a 32-byte hash, stored in the PHC encoded form
 * ("$argon2id$v=19$m=19456,t=2,p=1$salt$hash") so the parameters travel with each hash.
 */
import { createHash, randomBytes } from 'node:crypto'
import { argon2id, argon2Verify } from 'hash-wasm'
import type { Secrets } from '../app/ports.js'

export const ARGON2ID_PARAMETERS = {
  memorySize: 19_456,
  iterations: 2,
  parallelism: 1,
  hashLength: 32,
} as const

/** Secrets backed by hash-wasm's argon2id and node:crypto's random bytes and SHA-256. */
export function createNodeSecrets(): Secrets {
  return {
    hashPassword: (password) =>
      argon2id({ password, salt: randomBytes(16), ...ARGON2ID_PARAMETERS, outputType: 'encoded' }),
    verifyPassword: async (password, encodedHash) => {
      try {
        return await argon2Verify({ password, hash: encodedHash })
      } catch {
        return false
      }
    },
    newToken: () => randomBytes(32).toString('base64url'),
    digest: (token) => createHash('sha256').update(token, 'utf8').digest('hex'),
  }
}
