/**
 * Spawns `node bin/nomx.js bridge …` as a child process, asynchronously (a dev stack running in the
 * test process keeps serving while the child talks to it).
 */
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../../..')

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** `node bin/nomx.js bridge …args` with only the given NOMX_* variables (never the caller's). */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const clean: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('NOMX_')) clean[k] = v
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['bin/nomx.js', 'bridge', ...args], { cwd: ROOT, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }))
  })
}

/** A port on 127.0.0.1 nothing listens on (bound once, then closed): connections to it are refused. */
export async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net')
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((r) => server.close(() => r()))
  return port
}
