/**
 * `nomx verifier` as a child process against a dev stack: it prints its RPC endpoint, derives the
 * chain (eth_blockNumber reaches the committed block, the block hashes are the sequencer's), refuses
 * eth_sendRawTransaction as a read-only replica, moves `safe` with the anchor's commitments, and
 * exits 0 on Ctrl-C. Usage errors exit 1 with the exact message.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { READ_ONLY_REPLICA_MESSAGE } from '../../node/replay/createReadOnlyBackend.ts'
import { jsonRpc, startTestStack } from '../helpers/stack.ts'
import { until } from '../bridge/verifier/fixtures.ts'

const ROOT = new URL('../../', import.meta.url).pathname

function runSync(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/nomx.js', 'verifier', ...args], { cwd: ROOT, encoding: 'utf8' })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

test('nomx verifier usage errors exit 1 with the exact message', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'nomx-vcli-'))
  try {
    assert.deepEqual(runSync(['--genesis', 'genesis/dev.json']).stderr.trim(), 'nomx verifier: --nom-rpc URL is required')
    assert.deepEqual(runSync(['--nom-rpc', 'http://127.0.0.1:1']).stderr.trim(), 'nomx verifier: --genesis FILE is required')
    const bad = join(dir, 'key')
    await writeFile(bad, 'not a key\n')
    const r = runSync(['--nom-rpc', 'http://127.0.0.1:1', '--genesis', 'genesis/dev.json', '--data-dir', join(dir, 'd'), '--flagger-key-file', bad])
    assert.equal(r.code, 1)
    assert.equal(r.stderr.trim(), `nomx verifier: flagger key file ${bad}: expected 64 hex characters (a 32-byte ed25519 seed)`)
    const base = ['--nom-rpc', 'http://127.0.0.1:1', '--genesis', 'genesis/dev.json', '--data-dir', join(dir, 'd')]
    assert.equal(runSync([...base, '--checkpoint-depth', '0']).stderr.trim(), 'nomx verifier: --checkpoint-depth must be at least 1')
    assert.equal(runSync([...base, '--checkpoint-depth', 'ten']).stderr.trim(), 'nomx verifier: --checkpoint-depth must be a non-negative integer, got "ten"')
    // --reset empties the data dir before anything else (here the genesis lacking nom.batchers stops it next)
    const genesis = JSON.parse(await readFile('genesis/dev.json', 'utf8')) as Record<string, unknown>
    delete genesis.nom
    const noNom = join(dir, 'no-nom.json')
    await writeFile(noNom, JSON.stringify(genesis))
    await mkdir(join(dir, 'reset'))
    await writeFile(join(dir, 'reset', 'marker'), 'old data')
    const reset = runSync(['--nom-rpc', 'http://127.0.0.1:1', '--genesis', noNom, '--data-dir', join(dir, 'reset'), '--reset'])
    assert.equal(reset.stderr.trim().split('\n').at(-1), `nomx verifier: genesis ${noNom} has no nom section: a verifier needs nom.batchers`)
    await assert.rejects(readFile(join(dir, 'reset', 'marker')), { code: 'ENOENT' })
    const help = runSync(['--help'])
    assert.equal(help.code, 0)
    assert.match(help.stdout, /^usage: nomx verifier --nom-rpc URL --genesis FILE \[options\]/)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test('nomx verifier follows a dev stack, serves read-only RPC with its safe head, exits 0 on Ctrl-C', async () => {
  const t = await startTestStack({ blockTimeMs: 200 })
  const dir = await mkdtemp(join(tmpdir(), 'nomx-vcli-'))
  const child = spawn(process.execPath, ['bin/nomx.js', 'verifier', '--nom-rpc', t.stack.urls.nomHttp, '--genesis', 'genesis/dev.json', '--data-dir', dir, '--rpc-port', '0', '--poll-ms', '50'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d))
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  try {
    const url = await until('the banner', 20_000, () => /JSON-RPC on (http:\/\/\S+) /.exec(out)?.[1])
    assert.match(out, /^nomx verifier: chain 73404, JSON-RPC on http:\/\/127\.0\.0\.1:\d+ \(ws ws:\/\/127\.0\.0\.1:\d+\), data in /)
    // the first commitment (reads retried through transient NoM connection drops)
    const committed = await until('a commitment', 30_000, async () => {
      const first = await t.anchor('getCommitment', [t.stack.chainId.toString(), '1']).catch(() => null)
      return first === null ? undefined : BigInt(first.l2BlockNumber)
    }, 100)
    await until('the verifier to derive the committed block', 30_000, async () => (BigInt(await jsonRpc<string>(url, 'eth_blockNumber')) >= committed ? true : undefined))
    const at = `0x${committed.toString(16)}`
    const ours = await jsonRpc<{ hash: string; stateRoot: string }>(url, 'eth_getBlockByNumber', [at, false])
    const theirs = await jsonRpc<{ hash: string; stateRoot: string }>(t.stack.urls.l2Http, 'eth_getBlockByNumber', [at, false])
    assert.equal(ours.hash, theirs.hash)
    assert.equal(ours.stateRoot, theirs.stateRoot)
    await assert.rejects(jsonRpc(url, 'eth_sendRawTransaction', ['0x02']), { message: READ_ONLY_REPLICA_MESSAGE })
    await until('safe to follow the commitments', 20_000, async () => {
      const safe = await jsonRpc<{ number: string }>(url, 'eth_getBlockByNumber', ['safe', false])
      return BigInt(safe.number) >= committed ? true : undefined
    })
    child.kill('SIGINT')
    assert.equal(await exited, 0)
    assert.match(err, /"msg":"deriving from NoM"/)
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    await exited
    await t.stack.batcher.stop()
    await t.stop()
    await rm(dir, { recursive: true, force: true })
  }
})
