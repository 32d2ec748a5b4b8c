import { describe, expect, it } from 'vitest'
import { refusalReason } from '../../src/modules/submissions/failure-reason.js'

describe('refusalReason: why a permanent refusal of HubEE failed the sending', () => {
  it('the recipient cannot receive: not subscribed (400) or an organisation HubEE does not know (404)', () => {
    expect(
      refusalReason({
        status: 400,
        hubMessage: 'The recipient SI-21010004600015-01004 does not suscribed to the process FormulaireQF',
      }),
    ).toBe('collectivity_cannot_receive')
    expect(refusalReason({ status: 404, hubMessage: 'Organization is not found' })).toBe(
      'collectivity_cannot_receive',
    )
  })

  it('any other refusal is hub_rejected', () => {
    expect(
      refusalReason({ status: 400, hubMessage: 'File size 10 does not match the declared size 11' }),
    ).toBe('hub_rejected')
    expect(refusalReason({ status: 422, hubMessage: null })).toBe('hub_rejected')
    expect(refusalReason({ status: 404, hubMessage: 'Folder is not found' })).toBe('hub_rejected')
    expect(refusalReason({ status: 500, hubMessage: 'Organization is not found' })).toBe('hub_rejected')
  })
})
