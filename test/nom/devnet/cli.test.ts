/** `nomx nom-devnet`: help, flag errors, and a real process that serves RPC and stops cleanly on Ctrl-C. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run } from '../../../nom/devnet/cli.ts'

test('--help prints the flags; unknown flags and bad values fail', async () => {
  const logs: string[] = []
  const errors: string[] = []
  const log = console.log
  const error = console.error
  console.log = (s: string) => void logs.push(s)
  console.error = (s: string) => void errors.push(s)
  try {
    assert.equal(await run(['--help']), 0)
    assert.equal(await run(['--bogus']), 1)
    assert.equal(await run(['--http', 'nope', '--data-dir', join(tmpdir(), 'nomx-cli-never')]), 1)
  } finally {
    console.log = log
    console.error = error
  }
  assert.match(logs[0]!, /--momentum-ms N/)
  assert.match(errors[0]!, /Unknown option '--bogus'/)
  assert.equal(errors[1], 'nomx nom-devnet: --http must be HOST:PORT, got "nope"')
})

test('runs as a process, prints its URLs, serves RPC, stops on SIGINT with exit code 0', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'nomx-cli-'))
  const child = spawn(process.execPath, ['bin/nomx.js', 'nom-devnet', '--data-dir', dir, '--momentum-ms', '100', '--http', '127.0.0.1:0', '--ws', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] })
  try {
    let out = ''
    child.stdout.on('data', (d) => (out += String(d)))
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    const deadline = Date.now() + 20_000
    while (!/WS JSON-RPC/.test(out)) {
      if (Date.now() > deadline) throw new Error(`no URLs printed: ${out}`)
      await new Promise((r) => setTimeout(r, 50))
    }
    const httpUrl = /HTTP JSON-RPC\s+(\S+)/.exec(out)![1]!
    assert.match(/WS JSON-RPC\s+(\S+)/.exec(out)![1]!, /^ws:\/\/127\.0\.0\.1:\d+$/)
    await new Promise((r) => setTimeout(r, 350))
    const res = await fetch(httpUrl, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ledger.getFrontierMomentum', params: [] }) })
    const body = (await res.json()) as { result: { height: number } }
    assert.ok(body.result.height >= 2, 'momentums are produced')
    child.kill('SIGINT')
    assert.equal(await exited, 0)
    assert.match(out, /NoM devnet stopped\./)
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL')
    await rm(dir, { recursive: true, force: true })
  }
})
