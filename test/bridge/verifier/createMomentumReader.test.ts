/**
 * The momentum reader's continuity checks, over a stand-in NoM that answers pages of momentums
 * (no account blocks) from a branch the test switches: a reader that continues after a
 * checkpoint asks for that momentum again; another hash there, no momentum there, or a momentum
 * whose previousHash is not the last one read is a reorg, reported instead of momentums.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { NoMClient } from '../../../nom/rpc/client.ts'
import { keccak256 } from '../../../node/keccak256.ts'
import { toHex } from '../../../nom/hash.ts'
import { createMomentumReader } from '../../../bridge/verifier/createMomentumReader.ts'

interface M {
  height: bigint
  hash: Uint8Array
  previousHash: Uint8Array
  timestamp: bigint
}

/** Momentums 1..n; from `forkAfter` + 1 on they carry the branch name in their hash. */
function branch(name: string, n: number, forkAfter = n): M[] {
  const out: M[] = []
  let previous: Uint8Array = new Uint8Array(32)
  for (let h = 1n; h <= BigInt(n); h++) {
    const hash = keccak256(new TextEncoder().encode(h <= BigInt(forkAfter) ? `common ${h}` : `${name} ${h}`))
    out.push({ height: h, hash, previousHash: previous, timestamp: 1_000n + h })
    previous = hash
  }
  return out
}

function standIn(initial: M[]) {
  const nom = { momentums: initial, asked: [] as [bigint, bigint][] }
  const client = {
    async getDetailedMomentumsByHeight(height: bigint, count: bigint | number) {
      nom.asked.push([height, BigInt(count)])
      const list = nom.momentums.filter((m) => m.height >= height && m.height < height + BigInt(count)).map((momentum) => ({ momentum, blocks: [] }))
      return { list, count: nom.momentums.length }
    },
  } as unknown as NoMClient
  return { nom, client }
}

const heights = (r: { momentums: { momentum: { height: bigint } }[] }) => r.momentums.map((m) => m.momentum.height)

test('reader: pages in height order; a continuing reader asks for the last momentum again; replaced, missing or not-following momentums are reorgs', async () => {
  const a = branch('a', 8)
  const { nom, client } = standIn(a.slice(0, 6))
  const reader = createMomentumReader({ client, chainId: 1n, startHeight: 1n })
  const first = await reader.read(3)
  assert.deepEqual([heights(first), first.more, first.reorg], [[1n, 2n, 3n], true, undefined])
  assert.deepEqual(nom.asked.at(-1), [1n, 3n])
  const second = await reader.read(3)
  assert.deepEqual(nom.asked.at(-1), [3n, 4n], 'the last momentum read, then three more')
  assert.deepEqual([heights(second), second.more], [[4n, 5n, 6n], true])
  const caughtUp = await reader.read(3)
  assert.deepEqual([heights(caughtUp), caughtUp.more, caughtUp.reorg], [[], false, undefined])

  // NoM replaced momentums 5 and 6
  const b = branch('b', 7, 4)
  nom.momentums = b
  const replaced = await reader.read(3)
  assert.deepEqual(replaced, { momentums: [], more: false, reorg: { height: 6n, read: a[5]!.hash, canonical: b[5]!.hash } })

  // a reader continuing after a checkpoint (momentum 4, common to both) reads the new branch
  const resumed = createMomentumReader({ client, chainId: 1n, startHeight: 5n, after: { height: 4n, hash: a[3]!.hash }, nextDepositIndex: 3n, nextFrameIndex: 9n })
  assert.deepEqual(heights(await resumed.read(10)), [5n, 6n, 7n])
  assert.equal(resumed.nextHeight(), 8n)

  // NoM has no momentum where the checkpoint is
  nom.momentums = a.slice(0, 5)
  const shorter = await createMomentumReader({ client, chainId: 1n, startHeight: 7n, after: { height: 6n, hash: a[5]!.hash } }).read(10)
  assert.deepEqual(shorter, { momentums: [], more: false, reorg: { height: 6n, read: a[5]!.hash, canonical: undefined } })

  // an answer whose momentum 6 does not follow the momentum 5 read (a node switched mid-page)
  nom.momentums = [...a.slice(0, 5), { ...b[5]!, previousHash: keccak256(Uint8Array.of(9)) }]
  const broken = await createMomentumReader({ client, chainId: 1n, startHeight: 6n, after: { height: 5n, hash: a[4]!.hash } }).read(10)
  assert.equal(toHex(broken.reorg!.canonical!), toHex(keccak256(Uint8Array.of(9))))
  assert.deepEqual([broken.momentums, broken.reorg!.height], [[], 5n])

  assert.throws(() => createMomentumReader({ client, chainId: 1n, startHeight: 5n, after: { height: 3n, hash: a[2]!.hash } }), {
    name: 'RangeError',
    message: 'the reader continues after momentum 3, not before 5',
  })
})
