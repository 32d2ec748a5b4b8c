import { describe, expect, it } from 'vitest'
import { Type } from '@sinclair/typebox'
import { exampleOf, fixtures } from '../src/index.js'

describe('fixtures from the contracts’ examples', () => {
  it('hands out valid, independent copies', () => {
    const a = fixtures.identity()
    a.familyName = 'CHANGED'
    expect(fixtures.identity().familyName).not.toBe('CHANGED')
    expect(fixtures.currentSession(1).quotientFamilialError).toMatchObject({ code: 'qf_not_found' })
  })

  it('refuses an example that does not match its schema', () => {
    const Broken = Type.Object({ n: Type.Integer() }, { $id: 'Broken', examples: [{ n: 'x' }] })
    expect(() => exampleOf(Broken)).toThrow(/invalid/)
  })
})
