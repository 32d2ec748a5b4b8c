import { describe, expect, it } from 'vitest'
import { parseCsv } from '../src/franceconnect/csv.js'
import { loadTestIdentities, parseTestIdentities } from '../src/franceconnect/identities.js'
import { escapeHtml } from '../src/franceconnect/html.js'

describe('FranceConnect test identities', () => {
  it('reads quoted CSV fields with commas, quotes and newlines', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi""\nthere"\r\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
    ])
  })

  it('parses the fixture, accents and apostrophes included', () => {
    const identities = loadTestIdentities()
    expect(identities).toHaveLength(16)
    expect(identities.find((i) => i.login === 'caracteres_speciaux')).toMatchObject({
      family_name: 'DUBINÔRE',
      given_name_array: ['Joëlle', 'Françoise'],
      gender: 'female',
    })
    expect(identities.find((i) => i.login === 'anonymos')?.family_name).toBe("ANO'NYMOS-LONS")
    expect(identities.find((i) => i.login === 'naissance_maroc')).toMatchObject({
      birthplace: '',
      birthcountry: '99350',
    })
    expect(identities.find((i) => i.login === 'avec_nom_dusage')?.preferred_username).toBe('DUBOIS')
    expect(identities.find((i) => i.login === 'test')?.preferred_username).toBeUndefined()
  })

  it('splits given names on spaces', () => {
    const [one] = parseTestIdentities('login,given_name,family_name\nx,Anne  Marie,Y\n')
    expect(one?.given_name_array).toEqual(['Anne', 'Marie'])
  })

  it('escapes HTML', () => {
    expect(escapeHtml(`<a href="x">O'Neil & co</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; co&lt;/a&gt;',
    )
  })
})
