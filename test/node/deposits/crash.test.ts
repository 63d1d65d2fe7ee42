/**
 * kill -9 while sealing deposit blocks: after a restart every deposit of the source is in the chain
 * exactly once, in order, with no gap, and the minted total is exact.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bytesToHex } from '@ethereumjs/util'
import { createConfig, DEV_GENESIS_PATH } from '../../../node/config.ts'
import { silentLogger } from '../../../node/log.ts'
import { createNode } from '../../../node/node.ts'
import { countingSource, depositAt, MINT, RECIPIENT } from './countingSource.ts'

/** Runs the node process until it has sealed `blocks` more blocks (whatever the machine's load), then SIGKILLs it. */
async function runAndKill(dataDir: string, blocks: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/node/deposits/depositNodeProcess.ts', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] })
  let err = ''
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
  let sealed = 0
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      sealed += chunk.toString().split('\n').filter((line) => line.startsWith('sealed ')).length
      if (sealed >= blocks) resolve()
    })
    child.once('exit', (code) => reject(new Error(`node exited early with ${code}: ${err}`)))
  })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGKILL')
  await exited
}

test('SIGKILL while sealing deposits: each deposit included once, in order, none lost', async (ctx) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'nomx-deposit-crash-'))
  try {
    await runAndKill(dataDir, 8)
    await runAndKill(dataDir, 6)
    const node = await createNode(createConfig({ dataDir, genesis: DEV_GENESIS_PATH, blockTimeMs: 3_600_000, rpc: { host: '127.0.0.1', port: 0 } }), {
      log: silentLogger,
      deposits: { source: countingSource(1_000_000n) },
    })
    try {
      await node.sealBlock()
      const head = node.chain.head()
      const seen: string[] = []
      let previousHeight = -1n
      for (let n = 1n; n <= head.block.header.number; n++) {
        const block = await node.chain.getBlockByNumber(n)
        assert.ok(block?.origin !== undefined && block.deposits !== undefined, `block ${n} has an origin and deposits`)
        assert.equal(block.origin.height, previousHeight + 1n, `block ${n} origin follows its parent's`)
        previousHeight = block.origin.height
        for (const d of block.deposits.slice(1)) seen.push(bytesToHex(d.tx.sourceHash))
        const receipts = await node.chain.getReceipts(block.hash)
        assert.ok(receipts?.every((r) => r.status === 1))
      }
      assert.ok(seen.length > 10, `only ${seen.length} deposits were sealed`)
      ctx.diagnostic(`${head.block.header.number} blocks, ${seen.length} deposits across two kills`)
      assert.deepEqual(seen, Array.from({ length: seen.length }, (_, i) => bytesToHex(depositAt(BigInt(i)).sourceHash)))
      assert.equal(previousHeight, BigInt(seen.length - 1))
      const state = await node.backend.stateAt(head.block.header)
      assert.equal((await state.getAccount(RECIPIENT))?.balance, MINT * BigInt(seen.length))
    } finally {
      await node.stop()
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
})
