import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { DEV_GENESIS_PATH, loadConfig } from '../../../node/config.ts'
import { ConfigError } from '../../../node/errors.ts'

function rejects(fn: () => unknown, message: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof ConfigError)
    assert.equal(error.name, 'ConfigError')
    assert.equal(error.message, message)
    return true
  })
}

test('defaults: dev data dir, dev genesis, rpc on 127.0.0.1:8545, frozen', () => {
  const config = loadConfig({ env: {}, argv: [] })
  assert.equal(config.dataDir, resolve('./.nomx/dev'))
  assert.equal(config.genesis, DEV_GENESIS_PATH)
  assert.deepEqual(config.rpc, {
    host: '127.0.0.1',
    port: 8545,
    maxBodyBytes: 5 * 1024 * 1024,
    maxBatchSize: 1000,
    corsOrigins: ['*'],
    logRangeLimit: 10_000,
    maxLogResults: 10_000,
  })
  assert.equal(config.blockTimeMs, undefined)
  assert.equal(config.txpool.maxTxBytes, 131072)
  assert.ok(Object.isFrozen(config) && Object.isFrozen(config.rpc) && Object.isFrozen(config.rpc.corsOrigins))
})

test('file < env < flags, paths in the file relative to it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'nomx-config-'))
  try {
    const file = join(dir, 'node.json')
    await writeFile(file, JSON.stringify({ dataDir: 'data', blockTimeMs: 2000, rpc: { port: 9000, host: '0.0.0.0' }, txpool: { maxGlobal: 7 } }))
    const config = loadConfig({
      env: { NOMX_RPC_PORT: '9001', NOMX_BLOCK_TIME_MS: '500', NOMX_RPC_CORS_ORIGINS: 'http://a.example, http://b.example' },
      argv: ['--config', file, '--port', '9002'],
    })
    assert.equal(config.dataDir, join(dir, 'data'))
    assert.equal(config.rpc.port, 9002)
    assert.equal(config.rpc.host, '0.0.0.0')
    assert.equal(config.blockTimeMs, 500)
    assert.deepEqual(config.rpc.corsOrigins, ['http://a.example', 'http://b.example'])
    assert.equal(config.txpool.maxGlobal, 7)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test('invalid values name the field', async () => {
  rejects(() => loadConfig({ argv: ['--port', '70000'] }), 'config: rpc.port: expected an integer from 0 to 65535')
  rejects(() => loadConfig({ argv: ['--port', 'abc'] }), 'config: rpc.port: expected an integer from 0 to 65535')
  rejects(() => loadConfig({ env: { NOMX_BLOCK_TIME_MS: '-1' } }), 'config: blockTimeMs: expected an integer from 0 to 3600000')
  // The coinbase is the genesis fee vault (a verifier must rebuild the same block hashes): no setting.
  rejects(() => loadConfig({ argv: ['--fee-recipient', '0x12'] }), 'config: unknown flag --fee-recipient')
  rejects(() => loadConfig({ argv: ['--bogus', '1'] }), 'config: unknown flag --bogus')
  rejects(() => loadConfig({ argv: ['--port'] }), 'config: flag --port needs a value')
  rejects(() => loadConfig({ argv: ['node.json'] }), "config: unexpected argument 'node.json'")
  rejects(() => loadConfig({ argv: ['--txpool.max-global', '0'] }), 'config: txpool.maxGlobal: expected an integer >= 1')
  const dir = await mkdtemp(join(tmpdir(), 'nomx-config-'))
  try {
    const file = join(dir, 'bad.json')
    await writeFile(file, JSON.stringify({ rpc: { prot: 1 } }))
    rejects(() => loadConfig({ file }), 'config: rpc.prot: unknown field')
    await writeFile(file, JSON.stringify({ rpc: { corsOrigins: 'x' } }))
    rejects(() => loadConfig({ file }), 'config: rpc.corsOrigins: expected a list of non-empty strings')
    await writeFile(file, '[]')
    rejects(() => loadConfig({ file }), `config: ${file}: expected a JSON object`)
    const missing = join(dir, 'missing.json')
    rejects(() => loadConfig({ file: missing }), `config: cannot read ${missing}: ENOENT: no such file or directory, open '${missing}'`)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})
