import { describe, expect, it } from 'vitest'
import { createNodeSecrets } from './secrets.js'

describe('createNodeSecrets', () => {
  const secrets = createNodeSecrets()

  it('hashes passwords with argon2id (OWASP parameters, random salt) and verifies them', async () => {
    const hash = await secrets.hashPassword('correct horse battery staple')
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/)
    expect(hash).not.toContain('correct horse')
    expect(await secrets.hashPassword('correct horse battery staple')).not.toBe(hash)
    expect(await secrets.verifyPassword('correct horse battery staple', hash)).toBe(true)
    expect(await secrets.verifyPassword('wrong', hash)).toBe(false)
    expect(await secrets.verifyPassword('x', 'not a hash')).toBe(false)
  })

  it('makes 256-bit base64url tokens and digests them with SHA-256', () => {
    const token = secrets.newToken()
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(secrets.newToken()).not.toBe(token)
    // SHA-256("abc") is the FIPS 180-2 test vector.
    expect(secrets.digest('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })
})
