/**
 * Bytes per L2 transaction on NoM (`node --import tsx bench/codec.ts`, part of `npm run bench`):
 * 12,000 signed EIP-1559 transfers and 12,000 ERC-20 transfer calls from 200 senders, in blocks of
 * 100, encoded as one channel with each codec, split into ≤ 16,256-byte frames, and priced as the
 * anchor prices SubmitFrame: 21,000 + 68 × (frame + 100 bytes of call framing, padded to words).
 * The batcher's default codec is the one this measures smaller.
 */
import type { BatchBlock } from '../node/batch/batchBlock.ts'
import { DEFAULT_CHANNEL_CODEC, encodeChannel } from '../node/batch/channel.ts'
import { encodeFrame, splitChannel } from '../node/batch/frame.ts'
import { keccak256 } from '../node/keccak256.ts'
import { realisticTxs } from '../test/node/batch/txFixtures.ts'

const TXS = 12_000
const PER_BLOCK = 100
/** SubmitFrame call framing (selector, chainId, offset, length words); the payload is padded to 32-byte words. */
const CALL_OVERHEAD = 100
const BASE_PLASMA = 21_000
const PLASMA_PER_BYTE = 68

function blocksOf(txs: Uint8Array[]): BatchBlock[] {
  const blocks: BatchBlock[] = []
  for (let i = 0; i * PER_BLOCK < txs.length; i++) {
    blocks.push({
      number: 1n + BigInt(i),
      timestamp: 1_700_000_000n + BigInt(i),
      originHeight: 100n + BigInt(Math.floor(i / 10)),
      originHash: keccak256(Uint8Array.of(Math.floor(i / 10) & 0xff, Math.floor(i / 2560))),
      txs: txs.slice(i * PER_BLOCK, (i + 1) * PER_BLOCK),
    })
  }
  return blocks
}

function main(): void {
  console.log(`bytes per tx on NoM: ${TXS} txs per kind, blocks of ${PER_BLOCK}, one channel per codec (default: ${DEFAULT_CHANNEL_CODEC})`)
  console.log('| kind | raw tx bytes | codec | channel bytes/tx | frames | plasma/tx | encode ms |')
  console.log('|---|---|---|---|---|---|---|')
  for (const kind of ['transfer', 'erc20'] as const) {
    const txs = realisticTxs(TXS, kind, 200)
    const raw = txs.reduce((n, tx) => n + tx.length, 0) / TXS
    const blocks = blocksOf(txs)
    for (const codec of ['zlib', 'brotli'] as const) {
      const start = performance.now()
      const channel = encodeChannel(blocks, codec)
      const ms = performance.now() - start
      const frames = splitChannel(new Uint8Array(16), channel).map(encodeFrame)
      const plasma = frames.reduce((n, f) => n + BASE_PLASMA + PLASMA_PER_BYTE * (CALL_OVERHEAD + Math.ceil(f.length / 32) * 32), 0)
      console.log(`| ${kind} | ${raw.toFixed(1)} | ${codec} | ${(channel.length / TXS).toFixed(1)} | ${frames.length} | ${(plasma / TXS).toFixed(0)} | ${ms.toFixed(0)} |`)
    }
  }
}

main()
