import { test } from 'node:test'
import assert from 'node:assert/strict'
import { MerklePatriciaTrie } from '@ethereumjs/mpt'
import { bytesToHex, equalsBytes } from '@ethereumjs/util'
import { applyTrieUpdates, supportsBatchUpdates } from '../../../node/state/applyTrieUpdates.ts'
import { mulberry32 } from '../../helpers/random.ts'

function bytes(rand: () => number, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => Math.floor(rand() * 256))
}

type Update = [Uint8Array, Uint8Array | undefined]

/** The library's own sequential puts and deletes: the reference. */
async function applySequentially(trie: MerklePatriciaTrie, updates: Update[]): Promise<void> {
  for (const [key, value] of updates) {
    if (value === undefined) await trie.del(key)
    else await trie.put(key, value)
  }
}

/** Root of a fresh library trie holding only `entries` (inserts into an empty trie): the content's root. */
async function rootOf(secure: boolean, entries: Iterable<[Uint8Array, Uint8Array]>): Promise<string> {
  const trie = new MerklePatriciaTrie({ useKeyHashing: secure })
  for (const [key, value] of entries) await trie.put(key, value)
  return bytesToHex(trie.root())
}

/**
 * Random rounds of updates applied in batches; after each round the root must be the root of the
 * trie's content (a fresh trie built from the live entries) and, where asked, the root the
 * library's own sequential puts and deletes reach. Keys come from a small pool so rounds
 * overwrite, delete and re-insert them; short keys (1–3 bytes, a plain trie) make keys prefixes of
 * each other (branch values) and share nibbles.
 */
async function compareRounds(opts: { seed: number; secure: boolean; sequential: boolean; keyLength: () => number; pool: number; rounds: number; perRound: number }): Promise<void> {
  const rand = mulberry32(opts.seed)
  const pool = Array.from({ length: opts.pool }, () => bytes(rand, opts.keyLength()))
  const reference = new MerklePatriciaTrie({ useKeyHashing: opts.secure })
  const batched = new MerklePatriciaTrie({ useKeyHashing: opts.secure })
  const live = new Map<string, [Uint8Array, Uint8Array]>()
  for (let round = 0; round < opts.rounds; round++) {
    const updates: Update[] = []
    for (let i = 0; i < opts.perRound; i++) {
      const key = pool[Math.floor(rand() * pool.length)] as Uint8Array
      // Values of 1–40 bytes: leaves both inlined (< 32 bytes encoded) and hashed.
      const value = rand() < 0.3 ? undefined : bytes(rand, 1 + Math.floor(rand() * 40))
      updates.push([key, value])
      if (value === undefined) live.delete(bytesToHex(key))
      else live.set(bytesToHex(key), [key, value])
    }
    await applyTrieUpdates(batched, updates)
    const where = `root after round ${round} (seed ${opts.seed})`
    assert.equal(bytesToHex(batched.root()), await rootOf(opts.secure, live.values()), where)
    if (opts.sequential) {
      await applySequentially(reference, updates)
      assert.equal(bytesToHex(batched.root()), bytesToHex(reference.root()), where)
    }
  }
  // Every live key reads back through the nodes the batched trie wrote; deleted ones are gone.
  for (const key of pool) {
    const expected = live.get(bytesToHex(key))?.[1]
    const got = await batched.get(key)
    if (expected === undefined) assert.equal(got, null)
    else assert.ok(got !== null && equalsBytes(got, expected), `value of ${bytesToHex(key)}`)
  }
}

test('secure trie (32-byte hashed keys): the content root, and the root sequential puts reach, over random rounds', async () => {
  for (const seed of [1, 2, 3]) {
    await compareRounds({ seed, secure: true, sequential: true, keyLength: () => 20, pool: 300, rounds: 6, perRound: 200 })
  }
})

/**
 * Only against the content root: @ethereumjs/mpt 10's own `del` can leave a wrong root when a
 * deleted key's neighbour is a branch value (seed 11, round 9 shows one). The state tries never
 * have branch values (every key is a 32-byte hash).
 */
test('plain trie with short keys of mixed length (branch values, extension splits and merges): the content root', async () => {
  for (const seed of [11, 12, 13, 14]) {
    const rand = mulberry32(seed * 7)
    await compareRounds({ seed, secure: false, sequential: false, keyLength: () => 1 + Math.floor(rand() * 3), pool: 120, rounds: 10, perRound: 60 })
  }
})

test('deleting every key leaves the empty root', async () => {
  const rand = mulberry32(5)
  const keys = Array.from({ length: 50 }, () => bytes(rand, 20))
  const trie = new MerklePatriciaTrie({ useKeyHashing: true })
  await applyTrieUpdates(trie, keys.map((k): Update => [k, bytes(rand, 8)]))
  assert.notEqual(bytesToHex(trie.root()), bytesToHex(trie.EMPTY_TRIE_ROOT))
  await applyTrieUpdates(trie, keys.map((k): Update => [k, undefined]))
  assert.equal(bytesToHex(trie.root()), bytesToHex(trie.EMPTY_TRIE_ROOT))
})

test('a later update of the same key in one batch wins, and an empty value deletes', async () => {
  const trie = new MerklePatriciaTrie({ useKeyHashing: true })
  const key = Uint8Array.of(1, 2, 3)
  await applyTrieUpdates(trie, [[key, Uint8Array.of(1)], [key, Uint8Array.of(2)]])
  assert.deepEqual(await trie.get(key), Uint8Array.of(2))
  await applyTrieUpdates(trie, [[key, new Uint8Array(0)]])
  assert.equal(await trie.get(key), null)
  assert.equal(bytesToHex(trie.root()), bytesToHex(trie.EMPTY_TRIE_ROOT))
})

test('rewriting the values a trie already holds writes nothing and keeps the root', async () => {
  const rand = mulberry32(9)
  const entries = Array.from({ length: 40 }, (): Update => [bytes(rand, 20), bytes(rand, 30)])
  const trie = new MerklePatriciaTrie({ useKeyHashing: true })
  await applyTrieUpdates(trie, entries)
  const root = trie.root()
  const db = trie.database()
  let writes = 0
  const batch = db.batch.bind(db)
  db.batch = async (ops) => {
    writes += ops.length
    return batch(ops)
  }
  await applyTrieUpdates(trie, [...entries, [bytes(rand, 20), undefined]])
  assert.equal(writes, 0)
  assert.equal(bytesToHex(trie.root()), bytesToHex(root))
})

test('supportsBatchUpdates refuses tries with a key prefix, root persistence or pruning', () => {
  assert.equal(supportsBatchUpdates(new MerklePatriciaTrie({ useKeyHashing: true })), true)
  assert.equal(supportsBatchUpdates(new MerklePatriciaTrie({ keyPrefix: Uint8Array.of(1) })), false)
  assert.equal(supportsBatchUpdates(new MerklePatriciaTrie({ useRootPersistence: true })), false)
  assert.equal(supportsBatchUpdates(new MerklePatriciaTrie({ useNodePruning: true })), false)
})
