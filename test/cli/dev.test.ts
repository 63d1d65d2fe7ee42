import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
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

    // --reset wipes both chains: the chain is created again.
    running = await spawnDevStack({ dataDir, reset: true, args: ['--challenge-window', '5'] })
    assert.match(running.stdout(), /challenge window {2}5 momentums/)
    assert.match(running.stderr(), /"msg":"chain created on the anchor"/)
    await running.kill9()
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
