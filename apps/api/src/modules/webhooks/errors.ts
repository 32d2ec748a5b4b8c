import { AppError } from '../../errors/catalog.js'

export const forbiddenForEditor = (detail: string) => new AppError('forbidden', { detail })
