export * from './problem.js'
export * from './health.js'
export * from './collectivity.js'
