import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createTx } from '@ethereumjs/tx'
import { bytesToHex, hexToBytes } from '@ethereumjs/util'
import { startTestNode } from '../../helpers/node.ts'
import { createChainCommon } from '../../../node/execution/chainCommon.ts'
import type { SealedBlock, TxReceipt } from '../../../node/backend.ts'

const common = createChainCommon({ chainId: 73404n })

function waitForBlocks(t: { node: { backend: { events: { onBlock(l: (b: SealedBlock, r: TxReceipt[]) => void): () => void } } } }, count: number) {
  const seen: { block: SealedBlock; receipts: TxReceipt[] }[] = []
  return new Promise<typeof seen>((resolve) => {
    const off = t.node.backend.events.onBlock((block, receipts) => {
      seen.push({ block, receipts })
      if (seen.length === count) {
        off()
        resolve(seen)
      }
    })
  })
}

test('automine: one block per admitted tx, sealed promptly, events after storage', async () => {
  const t = await startTestNode({ blockTimeMs: 0 })
  try {
    const key = hexToBytes(t.accounts[0]!.privateKey)
    const to = hexToBytes(t.accounts[1]!.address)
    const txs = [0n, 1n, 2n].map((nonce) =>
      createTx({ type: 2, nonce, maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: 1n, gasLimit: 21_000n, to }, { common }).sign(key),
    )
    const blocks = waitForBlocks(t, 3)
    for (const tx of txs) await t.node.backend.txpool.add(tx.serialize())
    const seen = await blocks
    assert.deepEqual(seen.map((s) => s.block.block.header.number), [1n, 2n, 3n])
    assert.deepEqual(seen.map((s) => s.block.block.transactions.map((tx) => bytesToHex(tx.hash()))), txs.map((tx) => [bytesToHex(tx.hash())]))
    for (const { block, receipts } of seen) {
      assert.equal(receipts[0]!.status, 1)
      assert.equal(bytesToHex(receipts[0]!.blockHash), bytesToHex(block.hash))
      // stored before listeners hear of it
      assert.ok(await t.node.backend.chain.getTransactionLocation(block.block.transactions[0]!.hash()))
      assert.ok(block.block.header.timestamp > 0n)
    }
    const headers = seen.map((s) => s.block.block.header)
    assert.ok(headers[1]!.timestamp > headers[0]!.timestamp && headers[2]!.timestamp > headers[1]!.timestamp, 'timestamps strictly increase')
    assert.equal(t.node.backend.txpool.status().pending, 0)
  } finally {
    await t.stop()
  }
})

test('interval: empty blocks are produced every blockTimeMs', async () => {
  const t = await startTestNode({ blockTimeMs: 100 })
  try {
    const started = Date.now()
    const seen = await waitForBlocks(t, 4)
    const elapsed = Date.now() - started
    assert.deepEqual(seen.map((s) => s.block.block.header.number), [1n, 2n, 3n, 4n])
    assert.ok(seen.every((s) => s.block.block.transactions.length === 0))
    assert.ok(elapsed >= 300 && elapsed < 2_000, `4 blocks took ${elapsed} ms`)
    // base fee falls by 1/8 per empty block down to the floor
    const [a, b] = [seen[0]!.block.block.header.baseFeePerGas!, seen[1]!.block.block.header.baseFeePerGas!]
    assert.equal(b, a - a / 8n)
  } finally {
    await t.stop()
  }
})
