export * from './problem.js'
export * from './health.js'
export * from './collectivity.js'
export * from './journey.js'
