import { execFile, spawn } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoEditorApiParticulier, hubeeSiSecret } from '@qf/sandbox'
import {
  depositFiles,
  exampleDocument,
  majastres,
  saintDenis,
  startWorld,
  type World,
} from './helpers/world.js'

const run = promisify(execFile)
const packageDir = fileURLToPath(new URL('..', import.meta.url))
const cli = join(packageDir, 'dist', 'cli.js')

let world: World
let configFile: string

/** Runs the built CLI; never throws on a non-zero exit. */
async function qf(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], {
      cwd: world.dir,
      env: { PATH: process.env.PATH ?? '', ...env },
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string }
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }
  }
}

beforeAll(async () => {
  // The package builds (esbuild bundle), as the README says.
  await run(process.execPath, [join(packageDir, 'scripts', 'build.mjs')], { cwd: packageDir })
  world = await startWorld()
  configFile = join(world.dir, 'qf-editeur.json')
  await writeFile(
    configFile,
    JSON.stringify({
      hubee: {
        apiUrl: `${world.sandbox.url}/hubee`,
        tokenUrl: `${world.sandbox.url}/hubee-auth/oauth2/token`,
      },
      apiParticulier: { baseUrl: `${world.sandbox.url}/api-particulier` },
      subscriptions: [majastres, saintDenis].map((s) => ({
        ...s,
        hubeeClientSecret: hubeeSiSecret,
        apiParticulierToken: `sandbox-api-particulier-${s.siret}`,
      })),
    }),
  )
})
afterAll(async () => {
  await world?.close()
})

describe('qf-editeur (built CLI) against the sandbox', () => {
  it('has --help for every command', async () => {
    for (const command of ['pull', 'reconcile', 'refresh', 'serve', 'schema']) {
      const r = await qf([command, '--help'])
      expect(r.code).toBe(0)
      expect(r.stdout).toContain(`qf-editeur ${command}`)
      expect(r.stdout).toContain('Codes de sortie')
    }
    const main = await qf(['--help'])
    expect(main.code).toBe(0)
    expect(main.stdout).toContain('Commandes')
  })

  it('usage and configuration errors exit 2', async () => {
    expect((await qf(['nope'])).code).toBe(2)
    expect((await qf(['pull', '--unknown-flag'])).code).toBe(2)
    expect((await qf(['pull', '--config', join(world.dir, 'absent.json')])).code).toBe(2)
    const bad = join(world.dir, 'bad.json')
    await writeFile(
      bad,
      JSON.stringify({ subscriptions: [{ siret: '123', cog: '04107', hubeeClientSecret: 'x' }] }),
    )
    const r = await qf(['pull', '--config', bad])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('/subscriptions/0/siret')
  })

  it('pull prints the new dossier (./qf-editeur.json picked up), then reconcile matches it by external_id', async () => {
    const dep = await world.depositor.deposit(majastres)
    const r = await qf(['pull', '--siret', majastres.siret])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`dossier ${dep.reference}`)
    expect(r.stdout).toContain('→ DONE')
    expect(r.stdout).not.toMatch(/DUBOIS|Angela/)
    expect((await world.depositor.case(dep.caseId)).status).toBe('DONE')

    const users = join(world.dir, 'usagers.csv')
    await writeFile(
      users,
      'id,nom_naissance,prenoms,date_naissance,sexe\nfamille-1234,DUBOIS,Angela,1962-08-24,F\n',
    )
    const m = await qf(['reconcile', '--users', users, join(world.dir, '.qf-editeur', 'dossiers')])
    expect(m.code).toBe(0)
    expect(m.stdout).toContain(`${dep.reference}  → usager famille-1234  score 100  (external_id du lien)`)

    const again = await qf(['pull', '--json', '--siret', majastres.siret])
    expect(again.code).toBe(0)
    expect(JSON.parse(again.stdout.trim())).toMatchObject({ dossiers: [], failed: [] })
  })

  it('reconcile: a dossier whose external_id names an account of another identity is IDENTITÉ DIFFÉRENTE, exit 1', async () => {
    // DUBOIS Angela's dossier, arrived through a link that carried the id of MERCIER Pierre's account.
    const dep = await world.depositor.deposit(majastres, depositFiles(exampleDocument('CP-1001')))
    const inbox = join(world.dir, 'mismatch-inbox')
    expect((await qf(['pull', '--siret', majastres.siret, '--inbox', inbox])).code).toBe(0)
    const users = join(world.dir, 'usagers-cp.csv')
    await writeFile(
      users,
      'id,nom_naissance,prenoms,date_naissance,sexe\n' +
        'CP-1001,MERCIER,Pierre,1969-03-17,M\n' +
        'CP-1002,DUBOIS,Angela,1962-08-24,F\n',
    )
    const human = await qf(['reconcile', '--users', users, inbox])
    expect(human.code).toBe(1)
    expect(human.stdout).toContain(
      `${dep.reference}  IDENTITÉ DIFFÉRENTE du compte CP-1001 : l’identité du dossier ne correspond pas à l’usager CP-1001`,
    )
    expect(human.stdout).toContain('    candidat CP-1001  score 0  (external_id, nom différent)')
    expect(human.stdout).toContain('    candidat CP-1002  score 95')
    expect(human.stdout).not.toContain('→ usager CP-1001')

    const json = await qf(['reconcile', '--json', '--users', users, inbox])
    expect(json.code).toBe(1)
    const lines = json.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines).toEqual([
      expect.objectContaining({
        dossier: dep.reference,
        status: 'identity_mismatch',
        userId: 'CP-1001',
        by: 'external_id',
      }),
    ])
  })

  it('refresh from the inbox: an expired token exits 4 with the renewal procedure, no identity printed', async () => {
    const dep = await world.depositor.deposit(saintDenis)
    expect((await qf(['pull', '--siret', saintDenis.siret])).code).toBe(0)
    const r = await qf(['refresh', join(world.dir, '.qf-editeur', 'dossiers', dep.reference)])
    expect(r.code).toBe(4)
    expect(r.stdout).toContain(`${dep.reference}  ÉCHEC token_expired`)
    expect(r.stderr).toContain('DataPass')
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/DUBOIS|Angela|1962/)
  })

  it('options before the command; unknown options and bad users files in French, exit 2', async () => {
    const before = await qf(['--config', configFile, 'schema', '--webhook'])
    expect(before.code).toBe(0)
    expect(JSON.parse(before.stdout)).toMatchObject({ $id: 'urn:qf:schema:webhook-event:1.0.0' })
    const unknown = await qf(['pull', '--sirett', majastres.siret])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('Erreur : option inconnue : --sirett (voir « qf-editeur pull --help »)')
    const missing = await qf(['reconcile', '--users'])
    expect(missing.stderr).toContain('l’option -u, --users attend une valeur')
    const badConfig = join(world.dir, 'bad-config.json')
    await writeFile(badConfig, JSON.stringify({ foo: 1, subscriptions: [{ siret: '123' }] }))
    const config = await qf(['-c', badConfig, 'pull'])
    expect(config.code).toBe(2)
    expect(config.stderr).toContain('/foo : propriété inconnue')
    expect(config.stderr).toContain('/subscriptions/0/hubeeClientSecret : propriété obligatoire absente')
    expect(config.stderr).not.toMatch(/Unexpected|Expected|required property/)

    const users = join(world.dir, 'wrong-columns.csv')
    await writeFile(users, 'id,nom,prenom\nCP-1001,MERCIER,Pierre\n')
    const wrong = await qf(['reconcile', '--users', users, join(world.dir, 'nothing')])
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain(
      'usagers refusés : CSV des usagers, ligne 1 : colonne(s) manquante(s) dans l’en-tête : nom_naissance, prenoms, date_naissance',
    )
    const dates = join(world.dir, 'dates.csv')
    await writeFile(dates, 'id;nom_naissance;prenoms;date_naissance\nCP-1001;MERCIER;Pierre;1987-13-45\n')
    expect((await qf(['reconcile', '--users', dates, world.dir])).stderr).toContain(
      'ligne 2, colonne date_naissance : « 1987-13-45 » : mois 13 impossible',
    )
  })

  it('reconcile reads a Windows-1252 `;` CSV with JJ/MM/AAAA dates (French Excel), and a closed pipe is quiet', async () => {
    const dep = await world.depositor.deposit(majastres, depositFiles(exampleDocument(null)))
    expect((await qf(['pull', '--siret', majastres.siret])).code).toBe(0)
    const inbox = join(world.dir, '.qf-editeur', 'dossiers', dep.reference)
    const users = join(world.dir, 'excel.csv')
    const doc = exampleDocument(null)
    const [y, m, d] = doc.pivot_identity.birthdate.split('-')
    const line = `CP-7;${doc.pivot_identity.family_name};${doc.pivot_identity.given_name};${d}/${m}/${y};Crèche\r\n`
    await writeFile(
      users,
      Buffer.from(`id;nom_naissance;prenoms;date_naissance;remarque\r\n${line}`, 'latin1'),
    )
    const r = await qf(['reconcile', '--users', users, inbox])
    expect(r.stderr).toContain('Usagers : encodage Windows-1252')
    expect(r.stderr).toContain('colonnes ignorées (non utilisées pour le rapprochement) : remarque')
    expect(r.stdout).toContain(`${dep.reference}  → usager CP-7`)
    expect(r.code).toBe(0)

    // `qf-editeur reconcile … | head -c 1`: the reader goes away; no stack trace.
    const child = spawn(process.execPath, [cli, 'reconcile', '--users', users, inbox, inbox, inbox], {
      cwd: world.dir,
    })
    child.stdout.destroy()
    let stderr = ''
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    await new Promise((resolve) => child.on('close', resolve))
    expect(stderr).not.toMatch(/EPIPE|at |Error/)
  })

  it('refresh of an identity file: the QF on stdout, keyed by id', async () => {
    const file = join(world.dir, 'identites.json')
    await writeFile(
      file,
      JSON.stringify([
        {
          id: 'usager-42',
          siret: majastres.siret,
          pivot_identity: {
            family_name: 'LEFEBVRE',
            given_name: 'ALEXIS GÉRÔME JEAN-PHILIPPE',
            gender: 'female',
            birthdate: '1982-12-27',
            birthplace: '08480',
            birthcountry: '99100',
          },
        },
      ]),
    )
    const r = await qf(['refresh', file])
    expect(r.code).toBe(0)
    expect(r.stdout.trim()).toBe('usager-42  QF 2550 (CNAF, 06/2023)')
  })

  it('refresh with the editor token + the collectivity’s delegation; 00212 and 00213 refused clearly', async () => {
    const file = join(world.dir, 'identites-editeur.json')
    const identity = {
      family_name: 'LEFEBVRE',
      given_name: 'ALEXIS GÉRÔME JEAN-PHILIPPE',
      gender: 'female',
      birthdate: '1982-12-27',
      birthplace: '08480',
      birthcountry: '99100',
    }
    await writeFile(
      file,
      JSON.stringify([{ id: 'usager-7', siret: majastres.siret, pivot_identity: identity }]),
    )
    const [majastresDelegation, hautelucDelegation] = demoEditorApiParticulier.delegations
    const editorConfig = async (name: string, delegationId?: string) => {
      const path = join(world.dir, name)
      await writeFile(
        path,
        JSON.stringify({
          hubee: {
            apiUrl: `${world.sandbox.url}/hubee`,
            tokenUrl: `${world.sandbox.url}/hubee-auth/oauth2/token`,
          },
          apiParticulier: {
            baseUrl: `${world.sandbox.url}/api-particulier`,
            editorToken: demoEditorApiParticulier.token,
          },
          subscriptions: [
            {
              ...majastres,
              hubeeClientSecret: hubeeSiSecret,
              ...(delegationId ? { apiParticulierDelegationId: delegationId } : {}),
            },
          ],
        }),
      )
      return path
    }

    const ok = await qf(['refresh', '-c', await editorConfig('editeur.json', majastresDelegation?.id), file])
    expect(ok.code).toBe(0)
    expect(ok.stdout.trim()).toBe('usager-7  QF 2550 (CNAF, 06/2023)')

    const ambiguous = await qf(['refresh', '-c', await editorConfig('editeur-sans-delegation.json'), file])
    expect(ambiguous.code).toBe(2)
    expect(ambiguous.stdout).toContain('usager-7  ÉCHEC delegation_ambiguous (422 00212)')
    expect(ambiguous.stderr).toContain('apiParticulierDelegationId')

    const foreign = await qf([
      'refresh',
      '-c',
      await editorConfig('editeur-autre.json', hautelucDelegation?.id),
      file,
    ])
    expect(foreign.code).toBe(4)
    expect(foreign.stdout).toContain('usager-7  ÉCHEC not_delegated (403 00213)')
    expect(foreign.stderr).toContain('DataPass')
    expect(`${foreign.stdout}${foreign.stderr}`).not.toMatch(/LEFEBVRE|1982/)

    const listed = await qf(['delegations', '-c', await editorConfig('editeur-liste.json')])
    expect(listed.code).toBe(0)
    expect(listed.stdout).toContain(`${majastresDelegation?.id}  21040107100019  Majastres`)
    expect(listed.stdout).toContain(`${hautelucDelegation?.id}  21730132400018  Hauteluce`)
  })

  it('refresh never replaces a QF with an older period: « PLUS ANCIEN », exit 1', async () => {
    const file = join(world.dir, 'identites-periode.json')
    await writeFile(
      file,
      JSON.stringify([
        {
          id: 'usager-43',
          siret: majastres.siret,
          quotient_familial: { annee: 2024, mois: 2 },
          pivot_identity: {
            family_name: 'LEFEBVRE',
            given_name: 'ALEXIS GÉRÔME JEAN-PHILIPPE',
            gender: 'female',
            birthdate: '1982-12-27',
            birthplace: '08480',
            birthcountry: '99100',
          },
        },
      ]),
    )
    const r = await qf(['refresh', file])
    expect(r.stdout.trim()).toBe(
      'usager-43  PLUS ANCIEN : QF conservé : API Particulier répond pour 06/2023, plus ancien que le QF actuel (02/2024)',
    )
    expect(r.code).toBe(1)
    const json = await qf(['refresh', '--json', file])
    expect(JSON.parse(json.stdout)).toMatchObject({ id: 'usager-43', ok: false, failure: 'older_period' })
  })

  it('HubEE unreachable exits 3; refused credentials exit 4', async () => {
    const down = await qf(['pull', '--siret', majastres.siret], {
      QF_HUBEE_TOKEN_URL: 'http://127.0.0.1:9/oauth2/token',
    })
    expect(down.code).toBe(3)
    const wrong = join(world.dir, 'wrong.json')
    await writeFile(
      wrong,
      JSON.stringify({
        hubee: {
          apiUrl: `${world.sandbox.url}/hubee`,
          tokenUrl: `${world.sandbox.url}/hubee-auth/oauth2/token`,
        },
        subscriptions: [{ ...majastres, hubeeClientSecret: 'wrong' }],
      }),
    )
    const refused = await qf(['pull', '--config', wrong])
    expect(refused.code).toBe(4)
    expect(refused.stderr).toContain('Identifiants HubEE refusés')
  })

  it('configuration by environment alone', async () => {
    const dep = await world.depositor.deposit(majastres)
    const r = await qf(['pull'], {
      QF_CONFIG: configFile,
      QF_SUBSCRIPTIONS: JSON.stringify([{ ...majastres, hubeeClientSecret: hubeeSiSecret }]),
      QF_INBOX_DIR: join(world.dir, 'env-inbox'),
    })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`dossier ${dep.reference}`)
    expect(r.stdout).toContain('env-inbox')
  })

  it('schema prints the JSON Schema of FormulaireQF.json', async () => {
    const r = await qf(['schema'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({
      $id: 'urn:qf:schema:formulaire-qf:1.0.0',
      title: 'FormulaireQF.json',
    })
  })
})
