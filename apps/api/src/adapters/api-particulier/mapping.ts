import type { FamilyMember, QuotientFamilial } from '@qf/contracts'
import { Type, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'

const Person = Type.Object({
  nom_naissance: Type.String(),
  nom_usage: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  prenoms: Type.String(),
  date_naissance: Type.String(),
  sexe: Type.Union([Type.Literal('M'), Type.Literal('F')]),
})

/** The part of API Particulier v3's quotient familial answer we read (other fields are kept raw). */
export const V3Data = Type.Object({
  allocataires: Type.Optional(Type.Array(Person)),
  enfants: Type.Optional(Type.Array(Person)),
  quotient_familial: Type.Object({
    fournisseur: Type.Union([Type.Literal('CNAF'), Type.Literal('MSA')]),
    valeur: Type.Integer(),
    annee: Type.Integer(),
    mois: Type.Integer(),
    annee_calcul: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
    mois_calcul: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  }),
})
type V3Data = Static<typeof V3Data>

const member = (p: Static<typeof Person>): FamilyMember => ({
  nomNaissance: p.nom_naissance,
  nomUsage: p.nom_usage ?? null,
  prenoms: p.prenoms,
  dateNaissance: p.date_naissance,
  sexe: p.sexe,
})

/**
 * API Particulier v3 `data` → our QuotientFamilial; undefined when the shape is not the expected one.
 * A family list left out (masked: the habilitation lacks `cnaf_allocataires` / `cnaf_enfants`) is
 * empty and named in `withheld`, so nobody reads it as "no children".
 */
export function toQuotientFamilial(data: unknown): QuotientFamilial | undefined {
  if (!Value.Check(V3Data, data)) return undefined
  const d: V3Data = data
  return {
    supplier: d.quotient_familial.fournisseur,
    value: d.quotient_familial.valeur,
    year: d.quotient_familial.annee,
    month: d.quotient_familial.mois,
    computedYear: d.quotient_familial.annee_calcul ?? null,
    computedMonth: d.quotient_familial.mois_calcul ?? null,
    allocataires: (d.allocataires ?? []).map(member),
    enfants: (d.enfants ?? []).map(member),
    withheld: (['allocataires', 'enfants'] as const).filter((part) => d[part] === undefined),
  }
}
