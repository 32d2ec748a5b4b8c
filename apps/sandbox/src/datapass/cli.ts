// `pnpm --filter @qf/sandbox datapass:approve -- --siret 21200033900011 [--url …] [--secret …]
//   [--id N] [--editor-siret S --editor-name N | --no-editor] [--environment sandbox]`
// Builds a DataPass `approve` event of a `formulaire_qf` request, signs it and posts it.
import { parseArgs } from 'node:util'
import { datapassWebhookSecret, demoEditor } from '../seed.js'
import { buildApproveEvent, sendDatapassEvent } from './approve-event.js'

const argv = process.argv.slice(2)
const { values } = parseArgs({
  args: argv[0] === '--' ? argv.slice(1) : argv,
  options: {
    siret: { type: 'string' },
    url: { type: 'string', default: 'http://localhost:3000/api/v1/webhooks/datapass' },
    secret: { type: 'string', default: process.env.DATAPASS_WEBHOOK_SECRET ?? datapassWebhookSecret },
    id: { type: 'string' },
    'editor-siret': { type: 'string' },
    'editor-name': { type: 'string' },
    'no-editor': { type: 'boolean', default: false },
    environment: { type: 'string', default: 'sandbox' },
    help: { type: 'boolean', default: false },
  },
})

if (values.help || !values.siret || !/^\d{14}$/.test(values.siret)) {
  process.stderr.write(
    'usage: datapass:approve -- --siret <14 digits> [--url URL] [--secret S] [--id N]\n' +
      '       [--editor-siret S --editor-name NAME | --no-editor] [--environment sandbox|staging|production]\n',
  )
  process.exit(values.help ? 0 : 2)
}
const environment = values.environment
if (environment !== 'sandbox' && environment !== 'staging' && environment !== 'production') {
  process.stderr.write('--environment: sandbox, staging or production\n')
  process.exit(2)
}

const editorSiret = values['editor-siret']
const event = buildApproveEvent({
  siret: values.siret,
  ...(values.id ? { id: Number(values.id) } : {}),
  serviceProvider: values['no-editor']
    ? null
    : editorSiret
      ? { id: editorSiret, siret: editorSiret, name: values['editor-name'] ?? editorSiret, type: 'editor' }
      : { ...demoEditor, type: 'editor' },
})

try {
  const result = await sendDatapassEvent({ url: values.url, secret: values.secret, event, environment })
  process.stdout.write(
    `POST ${values.url} (approve, authorization request ${event.data.id}, SIRET ${values.siret}) → ${result.status}\n${result.body}\n`,
  )
  process.exit(result.status >= 200 && result.status < 300 ? 0 : 1)
} catch (err) {
  process.stderr.write(`POST ${values.url} failed: ${(err as Error).message}\n`)
  process.exit(1)
}
