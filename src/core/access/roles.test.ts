import { describe, expect, it } from 'vitest'
import { hasPermission, isInScope, isJoinedPathInScope, parseRole, PERMISSIONS, ROLES } from './roles.js'

describe('hasPermission', () => {
  it('gives each role exactly its permissions', () => {
    const table = Object.fromEntries(
      ROLES.map((role) => [role, PERMISSIONS.filter((permission) => hasPermission(role, permission))]),
    )
    expect(table).toEqual({
      administrator: ['read', 'write', 'manage-rules', 'review-campaigns', 'manage-users', 'read-audit'],
      analyst: ['read', 'write', 'manage-rules', 'review-campaigns'],
      contributor: ['read', 'write'],
      viewer: ['read'],
    })
  })
})

describe('isInScope', () => {
  const scope = ['CNAM', 'CPAM Rhône']
  it.each([
    [['CNAM', 'CPAM Rhône'], true],
    [['CNAM', 'CPAM Rhône', 'Site Lyon 3'], true],
    [['CNAM'], false],
    [['CNAM', 'CPAM Rhône-Alpes'], false],
    [['CNAM', 'CPAM Loire'], false],
    [['Autre', 'CPAM Rhône'], false],
  ])('scope CNAM > CPAM Rhône holds %j: %s', (path, expected) => {
    expect(isInScope(scope, path)).toBe(expected)
  })
  it('holds every path when the scope is the whole tree', () => {
    expect(isInScope(null, ['Anything'])).toBe(true)
  })
  it('compares joined paths on whole names, not prefixes of a name', () => {
    expect(isJoinedPathInScope(scope, 'CNAM > CPAM Rhône > Site', ' > ')).toBe(true)
    expect(isJoinedPathInScope(scope, 'CNAM > CPAM Rhône-Alpes', ' > ')).toBe(false)
    expect(isJoinedPathInScope(scope, 'CNAM', ' > ')).toBe(false)
  })
})

describe('parseRole', () => {
  it('accepts the four roles and nothing else', () => {
    expect(ROLES.map(parseRole)).toEqual(['administrator', 'analyst', 'contributor', 'viewer'])
    expect(parseRole('root')).toBeNull()
  })
})
