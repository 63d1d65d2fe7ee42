/**
 * readMomentumFrames over a stand-in NoM client: several frames in one momentum (a regression:
 * all of them are read, numbered in anchor order), a momentum not ready while a receive is
 * missing, failed receives skipped, and each contradiction a FrameDataError with its text.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BlockType } from '../../../nom/types.ts'
import { formatAddress } from '../../../nom/address.ts'
import { sha3, toHex, u64be } from '../../../nom/hash.ts'
import type { AccountBlockWithExtras } from '../../../nom/json.ts'
import { ANCHOR_ADDRESS } from '../../../contracts/anchor/address.ts'
import { SubmitFrameABI } from '../../../contracts/anchor/abi.ts'
import { readMomentumFrames } from '../../../bridge/verifier/momentumFrames.ts'

const CHAIN = 73404n
const SUBMITTER = new Uint8Array(20).fill(7)
SUBMITTER[0] = 0

function send(n: number, payload: Uint8Array, receiveData: Uint8Array | null): AccountBlockWithExtras {
  const hash = sha3(Uint8Array.of(n))
  const receive = receiveData === null ? null : { data: receiveData, fromBlockHash: hash, confirmationDetail: { momentumHeight: 11n } }
  return { blockType: BlockType.UserSend, toAddress: ANCHOR_ADDRESS, address: SUBMITTER, hash, data: SubmitFrameABI.encode({ chainId: CHAIN, data: payload }), pairedAccountBlock: receive } as unknown as AccountBlockWithExtras
}

function client(records: Map<bigint, { sendHash: Uint8Array; data: Uint8Array; momentumHeight?: bigint }>) {
  return {
    async call(method: string, params: unknown[]) {
      assert.equal(method, 'embedded.anchor.getFrame')
      const index = BigInt(params[1] as string)
      const r = records.get(index)
      if (r === undefined) return null
      return { chainId: Number(CHAIN), index: Number(index), submitter: formatAddress(SUBMITTER), momentumHeight: Number(r.momentumHeight ?? 10n), sendHash: toHex(r.sendHash), dataHash: toHex(sha3(r.data)), length: r.data.length }
    },
    async getAccountBlockByHash() {
      return null
    },
  }
}

test('every frame of a momentum with several is read, in anchor order; failed receives are skipped', async () => {
  const payloads = [1, 2, 3, 4].map((n) => new Uint8Array(100).fill(n))
  const sends = [send(1, payloads[0]!, u64be(1n)), send(2, payloads[1]!, u64be(1n)), send(3, payloads[2]!, u64be(2n)), send(4, payloads[3]!, u64be(1n))]
  // anchor order differs from the momentum's block order
  const records = new Map([
    [5n, { sendHash: sends[3]!.hash, data: payloads[3]! }],
    [6n, { sendHash: sends[0]!.hash, data: payloads[0]! }],
    [7n, { sendHash: sends[1]!.hash, data: payloads[1]! }],
  ])
  const read = await readMomentumFrames(client(records), CHAIN, 10n, sends, 5n)
  assert.equal(read.ready, true)
  assert.deepEqual(read.ready && read.frames.map((f) => [f.index, f.bytes[0]]), [[5n, 4], [6n, 1], [7n, 2]])
  assert.deepEqual(read.ready && read.frames.map((f) => f.submitter), Array(3).fill(formatAddress(SUBMITTER)))
})

test('not ready while a receive is missing; contradictions are FrameDataErrors', async () => {
  const p = new Uint8Array(10).fill(1)
  const waiting = send(1, p, null)
  assert.deepEqual(await readMomentumFrames(client(new Map()), CHAIN, 10n, [waiting], 1n), { ready: false, waitingFor: waiting.hash })
  const ok = send(1, p, u64be(1n))
  await assert.rejects(readMomentumFrames(client(new Map()), CHAIN, 10n, [ok], 1n), {
    name: 'FrameDataError',
    message: 'frame index gap: the anchor has no frame 1, but momentum 10 has 1 successful SubmitFrame sends numbered from 1',
  })
  await assert.rejects(readMomentumFrames(client(new Map([[1n, { sendHash: ok.hash, data: new Uint8Array(10).fill(2) }]])), CHAIN, 10n, [ok], 1n), {
    name: 'FrameDataError',
    message: `frame 1: the send's data does not hash to the anchor's dataHash ${toHex(sha3(new Uint8Array(10).fill(2)))}`,
  })
  await assert.rejects(readMomentumFrames(client(new Map([[1n, { sendHash: ok.hash, data: p, momentumHeight: 9n }]])), CHAIN, 10n, [ok], 1n), {
    name: 'FrameDataError',
    message: 'frame 1 is recorded at momentum 9, its send is confirmed in 10',
  })
  const odd = send(2, p, u64be(3n))
  await assert.rejects(readMomentumFrames(client(new Map()), CHAIN, 10n, [odd], 1n), {
    name: 'FrameDataError',
    message: `the anchor's receive of SubmitFrame send ${toHex(odd.hash)} has data 0x${toHex(u64be(3n))} (expected u64be(1) or u64be(2))`,
  })
})
