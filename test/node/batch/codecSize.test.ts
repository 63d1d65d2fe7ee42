/**
 * Bytes per L2 transaction on NoM, zlib against brotli, on realistic txs (signed EIP-1559 ZNN
 * transfers and ERC-20 transfer calls from 200 senders). The numbers are printed as diagnostics;
 * the test holds the default codec to the measurement.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { BatchBlock } from '../../../node/batch/batchBlock.ts'
import { DEFAULT_CHANNEL_CODEC, decodeChannel, encodeChannel } from '../../../node/batch/channel.ts'
import { keccak256 } from '../../../node/keccak256.ts'
import { realisticTxs } from './txFixtures.ts'

function channelOf(txs: Uint8Array[], perBlock: number): BatchBlock[] {
  const blocks: BatchBlock[] = []
  for (let i = 0; i * perBlock < txs.length; i++) {
    blocks.push({
      number: 1000n + BigInt(i),
      timestamp: 1_700_000_000n + 2n * BigInt(i),
      originHeight: 500n + BigInt(i >> 2),
      originHash: keccak256(Uint8Array.of(i >> 2)),
      txs: txs.slice(i * perBlock, (i + 1) * perBlock),
    })
  }
  return blocks
}

for (const kind of ['transfer', 'erc20'] as const) {
  for (const [count, perBlock] of [[200, 20], [1000, 100]] as const) {
    test(`${kind}: ${count} txs in blocks of ${perBlock}: brotli beats zlib`, (t) => {
      const txs = realisticTxs(count, kind, 200)
      const blocks = channelOf(txs, perBlock)
      const raw = txs.reduce((sum, tx) => sum + tx.length, 0) / count
      const size: Record<string, number> = {}
      for (const codec of ['zlib', 'brotli'] as const) {
        const start = performance.now()
        const bytes = encodeChannel(blocks, codec)
        const ms = performance.now() - start
        assert.deepEqual(decodeChannel(bytes), blocks)
        size[codec] = bytes.length / count
        t.diagnostic(`${kind} ${count} txs ${codec}: ${(bytes.length / count).toFixed(1)} bytes/tx (raw ${raw.toFixed(1)}), ${ms.toFixed(0)} ms`)
      }
      assert.ok((size.brotli as number) < (size.zlib as number), `brotli ${size.brotli} ≥ zlib ${size.zlib}`)
      assert.equal(DEFAULT_CHANNEL_CODEC, 'brotli')
    })
  }
}
