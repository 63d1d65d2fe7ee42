import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { sha3_256 } from '@noble/hashes/sha3.js'
import type { NoMClient } from '../../../nom/rpc/client.ts'
import { formatAddress } from '../../../nom/address.ts'
import { keyPairFromMnemonic } from '../../../nom/keys.ts'
import { toHex } from '../../../nom/hash.ts'
import { SubmitFrameABI } from '../../../contracts/anchor/abi.ts'
import type { BatchBlock } from '../../../node/batch/batchBlock.ts'
import { channelIdOf, encodeChannel } from '../../../node/batch/channel.ts'
import { encodeFrame, type Frame } from '../../../node/batch/frame.ts'
import { keccak256 } from '../../../node/keccak256.ts'
import type { LogEvent } from '../../../node/log.ts'
import { createAnchorChannels } from '../../../bridge/batcher/anchorChannels.ts'
import { BatcherConflictError } from '../../../bridge/batcher/errors.ts'
import { DEV_MNEMONIC } from '../../helpers/node.ts'

const BATCHER = keyPairFromMnemonic(DEV_MNEMONIC, 9).address
const STRANGER = keyPairFromMnemonic(DEV_MNEMONIC, 2).address
const hashOf = (n: bigint) => keccak256(Uint8Array.of(0xcc, Number(n)))
const block = (n: bigint): BatchBlock => ({ number: n, timestamp: 100n + n, originHeight: 7n, originHash: keccak256(Uint8Array.of(7)), txs: [Uint8Array.of(2, Number(n))] })

/** The frames of a channel of blocks first..last, its bytes cut into `parts` frames. */
function channelFrames(first: bigint, last: bigint, parts: number, lastHash = hashOf(last)): Frame[] {
  const blocks: BatchBlock[] = []
  for (let n = first; n <= last; n++) blocks.push(block(n))
  const bytes = encodeChannel(blocks, 'zlib')
  const id = channelIdOf(blocks, lastHash)
  const size = Math.ceil(bytes.length / parts)
  return Array.from({ length: parts }, (_, i) => ({ channelId: id, frameNumber: i, data: bytes.slice(i * size, (i + 1) * size), isLast: i === parts - 1 }))
}

/** A fake NoM client serving frame records (getFrames pages) and their sends (SubmitFrame data). */
function fakeAnchor() {
  const records: Record<string, unknown>[] = []
  const sends = new Map<string, Uint8Array>()
  const client = {
    async call(method: string, params: unknown[]) {
      assert.equal(method, 'embedded.anchor.getFrames')
      const [, pageIndex, pageSize] = params as [string, number, number]
      const list = records.slice(pageIndex * pageSize, (pageIndex + 1) * pageSize)
      return { count: records.length, list, more: (pageIndex + 1) * pageSize < records.length }
    },
    async getAccountBlockByHash(hash: Uint8Array) {
      const data = sends.get(toHex(hash))
      return data === undefined ? null : { data }
    },
  } as unknown as NoMClient
  const post = (bytes: Uint8Array, momentumHeight: number, submitter = BATCHER) => {
    const index = records.length + 1
    const sendHash = keccak256(Uint8Array.of(0xee, index))
    sends.set(toHex(sendHash), SubmitFrameABI.encode({ chainId: 5n, data: bytes }))
    records.push({ chainId: 5, index, submitter: formatAddress(submitter), momentumHeight, sendHash: toHex(sendHash), dataHash: toHex(sha3_256(bytes)), length: bytes.length })
    return index
  }
  return { client, post, postFrame: (f: Frame, momentumHeight: number, submitter = BATCHER) => post(encodeFrame(f), momentumHeight, submitter) }
}

function channels(client: NoMClient, logs: LogEvent[], startAfter?: { block: bigint; frameIndex: bigint }) {
  return createAnchorChannels({
    client,
    chainId: 5n,
    batchers: [BATCHER],
    sequencingWindow: 5n,
    blockHashOf: async (n) => (n <= 20n ? hashOf(n) : undefined),
    log: (e) => logs.push(e),
    ...(startAfter === undefined ? {} : { startAfter }),
  })
}

describe('anchorChannels (what a verifier derives from our frames)', () => {
  test('only batcher frames, undecodable ones ignored, ready order, segments with the completing frame', async () => {
    const a = fakeAnchor()
    const logs: LogEvent[] = []
    const [x0, x1] = channelFrames(1n, 2n, 2)
    a.postFrame(x0!, 10)
    a.postFrame(channelFrames(3n, 3n, 1)[0]!, 10, STRANGER)
    a.post(Uint8Array.of(9, 9, 9), 10)
    const xReady = a.postFrame(x1!, 11)
    const ch = channels(a.client, logs)
    await ch.sync()
    assert.equal(ch.derivedHead(), 2n, 'the stranger’s channel of block 3 does not count')
    const seg = ch.segmentOf(2n)!
    assert.deepEqual([seg.first, seg.last, seg.readyAt], [1n, 2n, BigInt(xReady)])
    assert.deepEqual(seg.dataHash, sha3_256(encodeFrame(x1!)))
    assert.equal(ch.nextFrameIndex(), 5n)

    // a re-post of blocks 2–4 skips 2 and delivers 3–4; a channel that skips ahead is ignored
    a.postFrame(channelFrames(6n, 6n, 1)[0]!, 12)
    a.postFrame(channelFrames(2n, 4n, 1)[0]!, 12)
    await ch.sync()
    assert.equal(ch.derivedHead(), 4n)
    assert.deepEqual([ch.segmentOf(3n)!.first, ch.segmentOf(3n)!.last], [3n, 4n])
    assert.ok(logs.some((l) => l.msg === 'channel skips blocks; rest of it ignored' && l.expected === '3' && l.got === '6'))
    ch.prune(2n)
    assert.equal(ch.segmentOf(2n), undefined)
  })

  test('a channel not complete sequencingWindow momentums after its first frame is dropped; open channels report what the anchor holds', async () => {
    const a = fakeAnchor()
    const logs: LogEvent[] = []
    const [w0, w1, w2] = channelFrames(1n, 3n, 3)
    a.postFrame(w0!, 10)
    a.postFrame(w1!, 14)
    const ch = channels(a.client, logs)
    await ch.sync()
    assert.deepEqual(ch.openChannels(14n).map((c) => [c.firstMomentum, c.frames.map((f) => f.frameNumber)]), [[10n, [0, 1]]])
    assert.deepEqual(ch.openChannels(15n), [], 'timed out by the frontier')
    a.postFrame(w2!, 15)
    await ch.sync()
    assert.equal(ch.derivedHead(), 0n, 'frame 2 arrived after the timeout: frames 0–1 are gone')
    assert.ok(logs.some((l) => l.msg === 'channel timed out on the anchor'))
    assert.deepEqual(ch.openChannels(15n).map((c) => c.frames.map((f) => f.frameNumber)), [[2]])
    a.postFrame(w0!, 16)
    a.postFrame(w1!, 16)
    await ch.sync()
    assert.equal(ch.derivedHead(), 3n, 're-posted in full after the timeout, it completes')
  })

  test('startAfter: reading begins after the committed block and its frame', async () => {
    const a = fakeAnchor()
    a.postFrame(channelFrames(1n, 2n, 1)[0]!, 10)
    a.postFrame(channelFrames(3n, 4n, 1)[0]!, 10)
    const ch = channels(a.client, [], { block: 2n, frameIndex: 1n })
    await ch.sync()
    assert.equal(ch.derivedHead(), 4n)
    assert.equal(ch.segmentOf(2n), undefined)
  })

  test('a channel not cut from the node’s chain is a conflict', async () => {
    const a = fakeAnchor()
    a.postFrame(channelFrames(1n, 2n, 1, keccak256(Uint8Array.of(1)))[0]!, 10)
    const ch = channels(a.client, [])
    const id = `0x${toHex(channelFrames(1n, 2n, 1, keccak256(Uint8Array.of(1)))[0]!.channelId)}`
    await assert.rejects(ch.sync(), new BatcherConflictError(`the anchor holds channel ${id} (blocks 1–2, ready at frame 1) that was not cut from this node's chain`))
    const b = fakeAnchor()
    b.postFrame(channelFrames(21n, 21n, 1)[0]!, 10)
    const id21 = `0x${toHex(channelFrames(21n, 21n, 1)[0]!.channelId)}`
    await assert.rejects(
      channels(b.client, []).sync(),
      new BatcherConflictError(`the anchor holds channel ${id21} (blocks 21–21, ready at frame 1) that was not cut from this node's chain (the node has no block 21)`),
    )
  })

  test('a failure half-way through a sync starts the next sync from the beginning, so no channel is lost', async () => {
    const a = fakeAnchor()
    a.postFrame(channelFrames(1n, 2n, 1)[0]!, 10)
    a.postFrame(channelFrames(3n, 4n, 1)[0]!, 10)
    let failOnce = true
    const ch = createAnchorChannels({
      client: a.client,
      chainId: 5n,
      batchers: [BATCHER],
      sequencingWindow: 5n,
      blockHashOf: async (n) => {
        if (n === 4n && failOnce) {
          failOnce = false
          throw new Error('database closed')
        }
        return hashOf(n)
      },
      log: () => {},
    })
    await assert.rejects(ch.sync(), new Error('database closed'))
    await ch.sync()
    assert.equal(ch.derivedHead(), 4n)
    assert.equal(ch.segmentOf(3n)?.readyAt, 2n)
  })
})
