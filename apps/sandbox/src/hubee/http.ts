import type { IncomingMessage, ServerResponse } from 'node:http'

/** An error answered with HubEE's body `{"errors":[{"code","message"}]}`. */
export class HubeeError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: number = status,
    readonly extra: Record<string, string> = {},
  ) {
    super(message)
  }
}

export const badRequest = (message = 'Bad request') => new HubeeError(400, message)
export const forbidden = () => new HubeeError(403, 'Unauthorized user')
export const notFound = (message: string) => new HubeeError(404, message)

/** The API gateway's message when a path/method pair matches no resource. */
export const noResource = () => new HubeeError(404, 'No matching resource found for given API Request')

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

export function sendNoContent(res: ServerResponse) {
  res.writeHead(204)
  res.end()
}

export function sendError(res: ServerResponse, error: HubeeError) {
  sendJson(res, error.status, { errors: [{ code: error.code, message: error.message, ...error.extra }] })
}

const maxBodyBytes = 20 * 1024 * 1024

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of req) {
    const buf = chunk as Buffer
    total += buf.length
    if (total > maxBodyBytes) throw new HubeeError(413, 'Request entity too large')
    chunks.push(buf)
  }
  return Buffer.concat(chunks)
}

/** Reads a JSON body; `where` is the spec-style location used in the gateway's validation messages. */
export async function readJson(req: IncomingMessage, where: string): Promise<unknown> {
  const raw = (await readBody(req)).toString('utf8')
  if (!raw.trim()) return undefined
  try {
    return JSON.parse(raw) as unknown
  } catch {
    throw badRequest(
      `Bad Request : Validation failed.\n[ERROR][REQUEST][${where} @body] Unable to parse JSON body`,
    )
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
