export { journeyModule, PURGE_SESSIONS_QUEUE, type JourneyModuleOptions } from './plugin.js'
export { JourneyService, type JourneyDeps } from './service.js'
export { SESSION_COOKIE, LOGIN_BINDING_COOKIE } from './routes.js'
export { deleteExpiredSessions } from './repository.js'
