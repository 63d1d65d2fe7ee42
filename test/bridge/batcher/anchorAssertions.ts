/**
 * Checks on what the anchor holds after batcher runs, shared by the in-process and the kill -9
 * tests: every block delivered once and equal to the node's, commitments one per interval with
 * output roots recomputed over the node's JSON-RPC (eth_getBlockByNumber, eth_getProof).
 */
import assert from 'node:assert/strict'
import { bytesToHex } from '@ethereumjs/util'
import type { NodeBackend } from '../../../node/backend.ts'
import { batchBlockOf } from '../../../node/batch/batchBlock.ts'
import { keccak256 } from '../../../node/keccak256.ts'
import { concatBytes, fromHex, u64be } from '../../../nom/hash.ts'
import type { AnchorChain } from '../../helpers/anchorChain.ts'
import type { AnchorBatches } from './batcherHarness.ts'

export interface AnchorView {
  ac: AnchorChain
  node: { backend: Pick<NodeBackend, 'chain'> }
  outputRootOverRPC(n: bigint): Promise<string>
}

/** Blocks 1..head each delivered exactly once, in order, equal to the node's blocks. */
export async function assertBatchesMatchNode(h: AnchorView, batches: AnchorBatches, through: bigint) {
  const delivered = batches.channels.flatMap((c) => c.blocks)
  assert.deepEqual(batches.duplicateFrames, [], 'no frame posted twice')
  assert.deepEqual(
    delivered.map((b) => b.number),
    Array.from({ length: delivered.length }, (_, i) => BigInt(i + 1)),
    'every block once, in order',
  )
  assert.ok(BigInt(delivered.length) >= through, `anchor delivers ${delivered.length} blocks, expected ≥ ${through}`)
  for (const block of delivered) {
    const sealed = await h.node.backend.chain.getBlockByNumber(block.number)
    assert.deepEqual(block, batchBlockOf(sealed!), `block ${block.number}`)
  }
}

export async function assertCommitments(h: AnchorView, batches: AnchorBatches, interval: bigint, wrong: (n: bigint) => boolean = () => false) {
  const { list } = await h.ac.anchor('getCommitments', [h.ac.chainId.toString(), 0, 1024])
  assert.ok(list.length > 0)
  for (const [i, c] of list.entries()) {
    const n = BigInt(c.l2BlockNumber)
    assert.equal(c.index, i + 1)
    assert.equal(n, interval * BigInt(i + 1), 'one commitment per interval, none skipped')
    const expected = await h.outputRootOverRPC(n)
    if (wrong(n)) assert.notEqual(`0x${c.outputRoot}`, expected, `commitment ${c.index} carries the fault`)
    else assert.equal(`0x${c.outputRoot}`, expected, `output root of block ${n}`)
    const sealed = (await h.node.backend.chain.getBlockByNumber(n))!
    assert.equal(BigInt(c.originMomentumHeight), sealed.origin!.height)
    assert.equal(c.originMomentumHash, bytesToHex(sealed.origin!.hash).slice(2))
    const channel = batches.channels.find((ch) => ch.blocks.some((b) => b.number === n))!
    const frame = batches.frames.find((f) => BigInt(f.index) === channel.readyAt)!
    assert.equal(c.framesHash, bytesToHex(keccak256(concatBytes(u64be(channel.readyAt), fromHex(frame.dataHash)))).slice(2))
  }
  return list as Record<string, any>[]
}

