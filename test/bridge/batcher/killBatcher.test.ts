/**
 * kill -9 of the sequencer + batcher process at two arbitrary points (while the frames of 30 kB
 * blocks are being posted, and right as a commitment lands), each time restarted on the same data:
 * the anchor ends up with every block once, no frame twice, one commitment per interval.
 */
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { createFeeMarket1559Tx } from '@ethereumjs/tx'
import { bytesToHex } from '@ethereumjs/util'
import { createConfig, DEV_GENESIS_PATH } from '../../../node/config.ts'
import { createChainCommon } from '../../../node/execution/chainCommon.ts'
import { deriveDevAccounts } from '../../../node/genesis/deriveDevAccounts.ts'
import { keccak256 } from '../../../node/keccak256.ts'
import { silentLogger } from '../../../node/log.ts'
import { createNode } from '../../../node/node.ts'
import { DEV_MNEMONIC } from '../../helpers/node.ts'
import { startAnchorChain } from '../../helpers/anchorChain.ts'
import { assertBatchesMatchNode, assertCommitments } from './anchorAssertions.ts'
import { outputRootOverRPC, readAnchorBatches } from './batcherHarness.ts'

const SCRIPT = fileURLToPath(new URL('./batcherProcess.ts', import.meta.url))
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function spawnBatcher(nomUrl: string, dir: string): Promise<{ child: ChildProcess; rpcUrl: string; exited: Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], { env: { ...process.env, NOMX_TEST_NOM_URL: nomUrl, NOMX_TEST_DIR: dir }, stdio: ['ignore', 'pipe', 'pipe'] })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000)
  })
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`batcher process exited (${code}): ${stderr}`)))
  })
  return { child, rpcUrl: (JSON.parse(line) as { rpcUrl: string }).rpcUrl, exited }
}

test('kill -9 while frames of 30 kB blocks are posted and right after a commitment, restarted each time: no frame or commitment twice, no block skipped', async () => {
  const ac = await startAnchorChain({ batcherIndices: [9, 10] })
  const dir = await mkdtemp(join(tmpdir(), 'nomx-kill-'))
  let running: Awaited<ReturnType<typeof spawnBatcher>> | undefined
  const kill = async () => {
    running?.child.kill('SIGKILL')
    await running?.exited
    running = undefined
  }
  const frameCount = async () => Number((await ac.anchor('getChain', [ac.chainId.toString()])).frameCount)
  const lastCommitted = async () => {
    const chain = await ac.anchor('getChain', [ac.chainId.toString()])
    if (chain.commitmentCount === 0) return 0n
    return BigInt((await ac.anchor('getCommitment', [ac.chainId.toString(), chain.commitmentCount])).l2BlockNumber)
  }
  const waitFor = async (what: string, check: () => Promise<boolean>) => {
    const deadline = Date.now() + 90_000
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
      await sleep(20)
    }
  }
  try {
    running = await spawnBatcher(ac.devnet.httpUrl, dir)
    // 10 blocks of 30 kB incompressible calldata: the first channel has ~19 frames.
    const common = createChainCommon({ chainId: 73_404n })
    const keys = deriveDevAccounts(DEV_MNEMONIC, 10)
    for (let i = 0; i < 10; i++) {
      const data = new Uint8Array(30_000)
      let word = keccak256(Uint8Array.of(i))
      for (let j = 0; j < data.length; j += 32) {
        data.set(word.subarray(0, Math.min(32, data.length - j)), j)
        word = keccak256(word)
      }
      const tx = createFeeMarket1559Tx({ chainId: 73_404n, nonce: 0n, maxFeePerGas: 10n ** 11n, maxPriorityFeePerGas: 1n, gasLimit: 1_300_000n, to: keys[0]!.address, data }, { common }).sign(keys[i]!.privateKey)
      const response = await fetch(running.rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_sendRawTransaction', params: [bytesToHex(tx.serialize())] }),
      })
      assert.equal(((await response.json()) as { error?: unknown }).error, undefined)
    }
    await waitFor('part of the first channel', async () => (await frameCount()) >= 5)
    await kill()
    assert.equal(await lastCommitted(), 0n, 'killed before the first channel was complete')

    running = await spawnBatcher(ac.devnet.httpUrl, dir)
    await waitFor('the first commitment', async () => (await lastCommitted()) >= 10n)
    await kill()

    running = await spawnBatcher(ac.devnet.httpUrl, dir)
    await waitFor('commitment of block 30', async () => (await lastCommitted()) >= 30n)
    await kill()

    // Read the L2 the killed processes left behind, with the node's own JSON-RPC.
    const node = await createNode(createConfig({ dataDir: join(dir, 'l2'), genesis: DEV_GENESIS_PATH, blockTimeMs: 0, rpc: { host: '127.0.0.1', port: 0 } }), { log: silentLogger })
    await node.start()
    try {
      const view = { ac, node, outputRootOverRPC: (n: bigint) => outputRootOverRPC(node.rpcUrl, n) }
      const batches = await readAnchorBatches(ac)
      await assertBatchesMatchNode(view, batches, 30n)
      await assertCommitments(view, batches, 10n)
    } finally {
      await node.stop()
    }
  } finally {
    await kill()
    await ac.stop()
    await rm(dir, { recursive: true, force: true })
  }
})
