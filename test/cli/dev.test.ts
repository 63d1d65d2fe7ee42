import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { jsonRpc, spawnDevStack } from '../helpers/stack.ts'

const REPO_ROOT = new URL('../../', import.meta.url).pathname

test('nomx dev: banner with both sides, Ctrl-C exits 0, a restart continues both chains, --reset starts over', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'nomx-cli-dev-'))
  try {
    let running = await spawnDevStack({ dataDir, reset: true, args: ['--challenge-window', '30'] })
    const banner = running.stdout()
    assert.match(banner, /nomx dev: chain 73404 ready/)
    assert.match(banner, /L2 JSON-RPC {3}http:\/\/127\.0\.0\.1:\d+/)
    assert.match(banner, /NoM WebSocket ws:\/\/127\.0\.0\.1:\d+/)
    assert.match(banner, /challenge window {2}30 momentums \(about 3 s\); commitment every 10 L2 blocks/)
    assert.match(banner, /sequencing window 60 momentums; deposits used 1 momentums deep/)
    assert.ok(banner.includes(`data dir      ${dataDir} (reset)`))
    assert.ok(banner.includes('(0) 0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266  key 0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'))
    assert.ok(banner.includes('(2) z1qzps0t8nmrf5jvz5pek0x6502kngkj7wt0f7fx  dev user (deposits, withdrawals)'))
    assert.ok(banner.includes('(9) z1qqmtm6pu03hv3xtjfrvnxuwkcwjammys7an2yk  batcher'))
    assert.match(running.stderr(), /"msg":"chain created on the anchor"/)
    assert.equal(await jsonRpc(running.urls.l2Http, 'eth_chainId'), '0x11ebc')
    assert.equal(await jsonRpc(running.urls.l2Http, 'eth_getBalance', ['0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266', 'latest']), '0x21e19e0c9bab2400000')
    assert.equal(((await jsonRpc(running.urls.l2Http, 'eth_accounts')) as string[]).length, 10)
    // Let both chains grow a little, then Ctrl-C.
    await new Promise((r) => setTimeout(r, 1500))
    const l2Head = BigInt(await jsonRpc(running.urls.l2Http, 'eth_blockNumber'))
    const nomHeight = ((await jsonRpc(running.urls.nomHttp, 'ledger.getFrontierMomentum')) as { height: number }).height
    assert.ok(l2Head > 0n)
    assert.equal(await running.interrupt(), 0, running.stderr())
    assert.match(running.stderr(), /"msg":"shutting down","signal":"SIGINT"/)

    // Restart: the chain is found on the anchor (its window stays 30, a flag asking for 5 is ignored), heads continue.
    running = await spawnDevStack({ dataDir, args: ['--challenge-window', '5'] })
    assert.match(running.stdout(), /challenge window {2}30 momentums/)
    assert.doesNotMatch(running.stderr(), /chain created on the anchor/)
    assert.ok(BigInt(await jsonRpc(running.urls.l2Http, 'eth_blockNumber')) >= l2Head)
    assert.ok(((await jsonRpc(running.urls.nomHttp, 'ledger.getFrontierMomentum')) as { height: number }).height >= nomHeight)
    const code = await running.interrupt()
    assert.equal(code, 0, running.stderr())

    // --reset wipes both chains: the chain is created again, the L2 starts from genesis; SIGTERM stops cleanly.
    running = await spawnDevStack({ dataDir, reset: true, args: ['--challenge-window', '5', '--block-time', '60000'] })
    assert.match(running.stdout(), /challenge window {2}5 momentums/)
    assert.match(running.stderr(), /"msg":"chain created on the anchor"/)
    assert.equal(await jsonRpc(running.urls.l2Http, 'eth_blockNumber'), '0x0')
    assert.equal(await running.interrupt('SIGTERM'), 0, running.stderr())
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
})

test('nomx dev: --help lists node and bridge flags; a bad bridge value names its field', () => {
  const help = spawnSync(process.execPath, ['bin/nomx.js', 'dev', '--help'], { cwd: REPO_ROOT, encoding: 'utf8' })
  assert.equal(help.status, 0)
  assert.match(help.stdout, /--reset {18}wipe both chains/)
  assert.match(help.stdout, /--nom-rpc VALUE/)
  assert.match(help.stdout, /--rpc\.port VALUE/)
  const bad = spawnSync(process.execPath, ['bin/nomx.js', 'dev', '--commit-interval', '0'], { cwd: REPO_ROOT, encoding: 'utf8' })
  assert.equal(bad.status, 1)
  assert.equal(bad.stderr.trim(), 'nomx dev: config: bridge.commitIntervalBlocks: expected an integer from 1 to 1000000')
})

test('nomx node: --help, --config required, config and genesis errors are one clear line', async () => {
  const nodeHelp = spawnSync(process.execPath, ['bin/nomx.js', 'node', '--help'], { cwd: REPO_ROOT, encoding: 'utf8' })
  assert.equal(nodeHelp.status, 0)
  assert.match(nodeHelp.stdout, /^usage: nomx node --config FILE \[options\]/)
  const noConfig = spawnSync(process.execPath, ['bin/nomx.js', 'node'], { cwd: REPO_ROOT, encoding: 'utf8' })
  assert.equal(noConfig.status, 1)
  assert.match(noConfig.stderr, /^nomx node: --config FILE is required/)
  const dir = await mkdtemp(join(tmpdir(), 'nomx-cli-'))
  try {
    const file = join(dir, 'node.json')
    await writeFile(file, JSON.stringify({ rpc: { port: 'x' } }))
    const bad = spawnSync(process.execPath, ['bin/nomx.js', 'node', '--config', file], { cwd: REPO_ROOT, encoding: 'utf8' })
    assert.equal(bad.status, 1)
    assert.equal(bad.stderr, 'nomx node: config: rpc.port: expected an integer from 0 to 65535\n')
    await writeFile(
      join(dir, 'genesis.json'),
      JSON.stringify({
        config: { chainId: 1, hardfork: 'prague', blockTimeMs: 0, baseFeeFloor: '0x0', feeVault: '0x4200000000000000000000000000000000000011' },
        timestamp: '0x0',
        gasLimit: '0x1c9c380',
        baseFeePerGas: '0x1',
        alloc: { '0x0000000000000000000000000000000000000001': { balance: '1' } },
      }),
    )
    await writeFile(file, JSON.stringify({ genesis: 'genesis.json', dataDir: 'data', rpc: { port: 0 } }))
    const badGenesis = spawnSync(process.execPath, ['bin/nomx.js', 'node', '--config', file], { cwd: REPO_ROOT, encoding: 'utf8' })
    assert.equal(badGenesis.status, 1)
    assert.equal(badGenesis.stderr, 'nomx node: genesis: alloc.0x0000000000000000000000000000000000000001.balance: expected a hex quantity\n')
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})
