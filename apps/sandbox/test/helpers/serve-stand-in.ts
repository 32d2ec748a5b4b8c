export { serveStandIn, type ServedStandIn } from '../../src/core/serve-stand-in.js'
