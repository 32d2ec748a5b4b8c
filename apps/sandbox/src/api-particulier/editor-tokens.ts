import { demoEditor, seedCollectivities } from '../seed.js'
import { collectivityScopes } from './collectivity-tokens.js'

/** One collectivity's delegation to a software editor (API Particulier's habilitation, delegated). */
export interface Delegation {
  /** `delegation_id` (UUID). */
  id: string
  /** SIRET of the delegating collectivity: the calls' `recipient`. */
  recipient: string
  name: string
  scopes: readonly string[]
}

export interface EditorToken {
  token: string
  editorSiret: string
  delegations: readonly Delegation[]
}

const delegation = (id: string, siret: string): Delegation => {
  const c = seedCollectivities.find((s) => s.siret === siret)
  if (!c) throw new Error(`no seed collectivity ${siret}`)
  return { id, recipient: c.siret, name: c.name, scopes: collectivityScopes }
}

/**
 * The demo editor's one API Particulier token and its delegations (since mid-2026 an editor holds one
 * token and names, per call, the collectivity it acts for with `delegation_id`): Majastres and Hauteluce.
 */
export const demoEditorApiParticulier: EditorToken = {
  token: `sandbox-api-particulier-editeur-${demoEditor.siret}`,
  editorSiret: demoEditor.siret,
  delegations: [
    delegation('5b0f3c2e-8a41-4d7e-9c1a-2f6d8e4b7a01', '21040107100019'),
    delegation('9e27d4b1-3c58-4f02-8b6e-71a0c5d9e302', '21730132400018'),
  ],
}

const editorTokens: readonly EditorToken[] = [demoEditorApiParticulier]

export function findEditorToken(token: string): EditorToken | undefined {
  return editorTokens.find((e) => e.token === token)
}

export type DelegationChoice =
  { ok: true; delegation: Delegation } | { ok: false; reason: 'ambiguous' | 'not_delegated' }

/**
 * The delegation an editor's call acts under: the one `delegation_id` (query, or `X-Delegation-Id`)
 * names — it must be this editor's and the `recipient`'s —, or the editor's only one; several and none
 * named is ambiguous (`00212`), a foreign or unknown one is not delegated (`00213`).
 */
export function chooseDelegation(
  editor: EditorToken,
  delegationId: string | undefined,
  recipient: string | null,
): DelegationChoice {
  if (!delegationId) {
    const only = editor.delegations.length === 1 ? editor.delegations[0] : undefined
    if (!only) return { ok: false, reason: editor.delegations.length > 1 ? 'ambiguous' : 'not_delegated' }
    return only.recipient === recipient
      ? { ok: true, delegation: only }
      : { ok: false, reason: 'not_delegated' }
  }
  const named = editor.delegations.find((d) => d.id === delegationId)
  if (!named || (recipient !== null && named.recipient !== recipient))
    return { ok: false, reason: 'not_delegated' }
  return { ok: true, delegation: named }
}
