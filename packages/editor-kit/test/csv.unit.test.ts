import { describe, expect, it } from 'vitest'
import { CsvError, decodeCsv, parseCsvRecords, parseCsvTable } from '../src/csv.js'
import { birthDateError, parseUsersFile, UsersFileError } from '../src/reconcile/users.js'

/** Windows-1252 bytes of a string (what French Excel writes for « CSV (séparateur : point-virgule) »). */
const cp1252 = (s: string) => Buffer.from([...s].map((c) => ({ '€': 0x80, œ: 0x9c })[c] ?? c.charCodeAt(0)))

describe('the shared CSV reader', () => {
  it('detects Windows-1252 (Excel) when the bytes are not UTF-8, reads UTF-8 otherwise', () => {
    const text = 'id;nom_naissance\r\n1;PLACÂRD\r\n2;Œuvre à 5 €\r\n'
    expect(decodeCsv(cp1252(text.replace('Œ', 'œ')))).toEqual({
      text: text.replace('Œ', 'œ'),
      encoding: 'windows-1252',
    })
    expect(decodeCsv(Buffer.from(`\uFEFF${text}`, 'utf8'))).toEqual({ text, encoding: 'utf-8' })
  })

  it('refuses bytes that fit neither encoding, or the encoding given when they do not fit it', () => {
    expect(() => decodeCsv(Buffer.from([0x69, 0x64, 0x0a, 0x00, 0x81, 0xff, 0x00]))).toThrow(
      'encodage illisible : ni UTF-8 ni Windows-1252',
    )
    expect(() => decodeCsv(cp1252('id\nPLACÂRD\n'), 'utf-8')).toThrow(
      /n’est pas en UTF-8.*--encoding windows-1252/,
    )
    expect(decodeCsv(cp1252('id\nÉlsa\n'), 'windows-1252').text).toBe('id\nÉlsa\n')
  })

  it('guesses `;` or `,` from the header, keeps quoted separators and newlines, numbers the lines', () => {
    expect(parseCsvRecords('a;b\n"x;\ny";"say ""hi"""\n\n3;4\n')).toEqual({
      separator: ';',
      records: [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['x;\ny', 'say "hi"'] },
        { line: 5, fields: ['3', '4'] },
      ],
    })
    expect(parseCsvRecords('"a,1",b\n').separator).toBe(',')
    expect(() => parseCsvRecords('a,b\n"x\n')).toThrow(new CsvError('guillemet non fermé', 2))
    expect(() => parseCsvRecords('a,b\nx"y,z\n')).toThrow(
      'ligne 2 : guillemet inattendu au milieu d’un champ',
    )
  })

  it('names missing and unknown header columns', () => {
    expect(() =>
      parseCsvTable('id,nom,prenom\n1,X,Y\n', { required: ['id', 'nom_naissance', 'prenoms'] }),
    ).toThrow(
      'ligne 1 : colonne(s) manquante(s) dans l’en-tête : nom_naissance, prenoms (colonnes attendues : id,nom_naissance,prenoms) ; séparateur lu : « , »',
    )
    expect(() => parseCsvTable('siret;nom\n1;2\n', { allowed: ['siret', 'name'] })).toThrow(
      'ligne 1 : colonne(s) inconnue(s) : nom (colonnes attendues : siret;name)',
    )
  })
})

describe('the users file of reconcile', () => {
  it('reads what French offices export: `;`, upper-case headers, JJ/MM/AAAA', () => {
    const file = parseUsersFile(
      'ID;NOM_NAISSANCE;Prenoms;date_naissance;email\r\nCP-1;DUBOIS;Angela;24/08/1962;a@b.fr\r\n',
      'csv',
    )
    expect(file.users).toEqual([
      expect.objectContaining({
        id: 'CP-1',
        nom_naissance: 'DUBOIS',
        prenoms: 'Angela',
        date_naissance: '24/08/1962',
      }),
    ])
    expect(file.ignoredColumns).toEqual(['email'])
  })

  it('refuses a file whose columns would match nobody, instead of « non rapproché » for every dossier', () => {
    expect(() => parseUsersFile('id,nom,prenom\nCP-1,DUBOIS,Angela\n', 'csv')).toThrow(
      new UsersFileError(
        'CSV des usagers, ligne 1 : colonne(s) manquante(s) dans l’en-tête : nom_naissance, prenoms, date_naissance (colonnes attendues : id,nom_naissance,prenoms,date_naissance) ; séparateur lu : « , »',
      ),
    )
  })

  it('refuses impossible dates, naming the line and the column', () => {
    expect(() =>
      parseUsersFile(
        'id,nom_naissance,prenoms,date_naissance\nA,X,Y,1987-13-45\nB,X,Y,31/04/1990\nC,X,Y,1990-02-00\nD,X,Y,hier\n',
        'csv',
      ),
    ).toThrow(
      'ligne 2, colonne date_naissance : « 1987-13-45 » : mois 13 impossible ; ' +
        'ligne 3, colonne date_naissance : « 31/04/1990 » : jour 31 impossible en mois 4 ; ' +
        'ligne 5, colonne date_naissance : « hier » n’est pas une date (AAAA-MM-JJ ou JJ/MM/AAAA)',
    )
    expect(birthDateError('29/02/2000')).toBeUndefined()
    expect(birthDateError('29/02/2001')).toBe('« 29/02/2001 » : jour 29 impossible en mois 2')
  })

  it('refuses a row with a wrong field count (a `,` file read with a `;` header, say)', () => {
    expect(() => parseUsersFile('id;nom_naissance;prenoms;date_naissance\nA;X;Y\n', 'csv')).toThrow(
      'ligne 2 : 3 champ(s) au lieu de 4 (séparateur « ; »)',
    )
  })
})
