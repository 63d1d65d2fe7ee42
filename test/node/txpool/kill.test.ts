/**
 * An acknowledged tx survives `kill -9`: a node in a child process takes a stream of txs while it
 * seals blocks; it is SIGKILLed right after the last acknowledgement. Restarted on the same data
 * dir, every tx whose hash was returned is either mined or back in the pool.
 */
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { after, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { bytesToHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { startTestNode, type TestNode } from '../../helpers/node.ts'
import { request } from '../rpc/client.ts'
import { KEYS } from './fixtures.ts'
import type { Hex } from 'viem'

const CHAIN_ID = 73404
const GWEI = 10n ** 9n
const SENDERS = 4
const PER_SENDER = 40

async function startChild(dataDir: string, blockTimeMs: number): Promise<{ child: ChildProcess; rpcUrl: string }> {
  const entry = fileURLToPath(new URL('./nodeProcess.ts', import.meta.url))
  const child = spawn(process.execPath, ['--import', 'tsx', entry, dataDir, String(blockTimeMs)], { stdio: ['ignore', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout! })
  const rpcUrl = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`node process exited early with ${code}`)))
    lines.once('line', (line) => resolve((JSON.parse(line) as { rpcUrl: string }).rpcUrl))
  })
  return { child, rpcUrl }
}

describe('tx pool journal under kill -9', () => {
  let dataDir: string | undefined
  let child: ChildProcess | undefined
  let node: TestNode | undefined
  after(async () => {
    if (child !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    await node?.stop()
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true })
  })

  it('keeps every acknowledged tx: mined or pending after the restart', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'nomx-txpool-kill-'))
    const started = await startChild(dataDir, 250)
    child = started.child
    const exited = new Promise((resolve) => child!.once('exit', resolve))
    const raws: Hex[] = []
    for (let nonce = 0; nonce < PER_SENDER; nonce++) {
      for (let sender = 0; sender < SENDERS; sender++) {
        raws.push(
          await privateKeyToAccount(bytesToHex(KEYS[sender]!)).signTransaction({
            type: 'eip1559', chainId: CHAIN_ID, nonce, maxFeePerGas: 10n * GWEI, maxPriorityFeePerGas: GWEI, gas: 21000n, to: '0x1111111111111111111111111111111111111111', value: 1n,
          }),
        )
      }
    }
    // Batches of 20 in flight one after another while the node seals a block every 250 ms.
    const acknowledged: Hex[] = []
    for (let i = 0; i < raws.length; i += 20) {
      const body = raws.slice(i, i + 20).map((raw, j) => ({ jsonrpc: '2.0', id: i + j, method: 'eth_sendRawTransaction', params: [raw] }))
      const response = await fetch(started.rpcUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      const replies = (await response.json()) as { result?: Hex; error?: unknown }[]
      for (const reply of replies) {
        assert.equal(reply.error, undefined, JSON.stringify(reply.error))
        acknowledged.push(reply.result!)
      }
    }
    child.kill('SIGKILL')
    await exited
    assert.equal(acknowledged.length, raws.length)

    node = await startTestNode({ dataDir, blockTimeMs: 3_600_000 })
    let mined = 0
    for (const hash of acknowledged) {
      const tx = (await request(node.rpcUrl, 'eth_getTransactionByHash', [hash])).result as { blockNumber: Hex | null } | null
      assert.ok(tx !== null, `acknowledged tx ${hash} is neither mined nor pending after the restart`)
      if (tx.blockNumber !== null) mined++
    }
    const status = (await request(node.rpcUrl, 'txpool_status')).result as { pending: Hex; queued: Hex }
    assert.equal(Number(status.pending) + mined, acknowledged.length)
    assert.equal(status.queued, '0x0')
  })
})
