import { bootstrap } from './lib.mjs'

await bootstrap()
