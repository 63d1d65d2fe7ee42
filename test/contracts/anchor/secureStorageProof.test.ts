import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createMPT, createMerkleProof } from '@ethereumjs/mpt'
import { encode as rlpEncode, decode as rlpDecode } from '@ethereumjs/rlp'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { isStorageWordOne, StorageProofError, verifySecureProof } from '../../../contracts/anchor/secureStorageProof.ts'
import { withdrawalStorageSlot } from '../../../contracts/anchor/withdrawalHash.ts'

function slotFor(i: number): Uint8Array {
  const h = new Uint8Array(32)
  h[31] = i
  h[0] = i * 7
  return withdrawalStorageSlot(keccak_256(h))
}

async function storageTrie(count: number) {
  const trie = await createMPT({ useKeyHashing: true })
  for (let i = 0; i < count; i++) await trie.put(slotFor(i), rlpEncode(Uint8Array.of(1)))
  return trie
}

test('proves every present key of tries of several shapes (single leaf, branches, inline nodes)', async () => {
  for (const count of [1, 2, 3, 17, 200]) {
    const trie = await storageTrie(count)
    for (let i = 0; i < count; i += Math.max(1, Math.floor(count / 7))) {
      const key = slotFor(i)
      const proof = await createMerkleProof(trie, key)
      const value = verifySecureProof(trie.root(), key, proof)
      assert.ok(value !== undefined, `count ${count} key ${i}`)
      assert.equal(isStorageWordOne(value), true)
    }
  }
})

test('an absent key yields undefined (exclusion proof)', async () => {
  const trie = await storageTrie(50)
  const key = slotFor(77)
  const proof = await createMerkleProof(trie, key)
  assert.equal(verifySecureProof(trie.root(), key, proof), undefined)
})

test('a proof checked against another root fails with a missing node', async () => {
  const trie = await storageTrie(20)
  const other = await storageTrie(21)
  const key = slotFor(3)
  const proof = await createMerkleProof(trie, key)
  assert.throws(() => verifySecureProof(other.root(), key, proof), (e: unknown) => e instanceof StorageProofError && /^missing node [0-9a-f]{64}$/.test(e.message))
})

test('a tampered proof (value changed in the leaf) no longer links to the root', async () => {
  const trie = await storageTrie(20)
  const key = slotFor(5)
  const proof = await createMerkleProof(trie, key)
  const leaf = rlpDecode(proof[proof.length - 1]!) as Uint8Array[]
  const tampered = [...proof.slice(0, -1), rlpEncode([leaf[0]!, rlpEncode(Uint8Array.of(2))])]
  assert.throws(() => verifySecureProof(trie.root(), key, tampered), (e: unknown) => e instanceof StorageProofError && e.message.startsWith('missing node '))
})

test('a proof with a node dropped fails; garbage nodes fail', async () => {
  const trie = await storageTrie(40)
  const key = slotFor(9)
  const proof = await createMerkleProof(trie, key)
  assert.ok(proof.length >= 2)
  assert.throws(() => verifySecureProof(trie.root(), key, proof.slice(0, -1)), /missing node/)
  assert.throws(() => verifySecureProof(keccak_256(Uint8Array.of(0xff)), key, [Uint8Array.of(0xff)]), /node is not valid RLP|node is not an RLP list/)
})

test('the key must be the one proven: a proof for another key does not prove this one', async () => {
  const trie = await storageTrie(40)
  const proof = await createMerkleProof(trie, slotFor(1))
  const result = (() => {
    try {
      return verifySecureProof(trie.root(), slotFor(2), proof)
    } catch (e) {
      return e
    }
  })()
  assert.ok(result === undefined || result instanceof StorageProofError)
})

test('isStorageWordOne accepts only rlp(0x01)', () => {
  assert.equal(isStorageWordOne(rlpEncode(Uint8Array.of(1))), true)
  assert.equal(isStorageWordOne(rlpEncode(Uint8Array.of(2))), false)
  assert.equal(isStorageWordOne(rlpEncode(Uint8Array.of(0, 1))), false)
  assert.equal(isStorageWordOne(new Uint8Array(0)), false)
})

test('eth_getProof-shaped fixture: the account proof puts the message passer’s storage root in the state root', async () => {
  const { buildL2Fixture, proofNodes } = await import('./l2Fixture.ts')
  const { L2_MESSAGE_PASSER } = await import('../../../contracts/anchor/constants.ts')
  const { fromHex, toHex } = await import('../../../nom/hash.ts')
  const w = { nonce: 1n << 240n, sender: new Uint8Array(20).fill(1), target: new Uint8Array(20), value: 10n ** 18n, gasLimit: 1n, data: new Uint8Array() }
  const f = await buildL2Fixture([w, { ...w, nonce: w.nonce + 1n }], 1)
  const account = verifySecureProof(f.stateRoot, L2_MESSAGE_PASSER, f.getProof.accountProof.map((h) => fromHex(h.slice(2))))
  assert.ok(account !== undefined)
  const fields = rlpDecode(account) as Uint8Array[]
  assert.equal(`0x${toHex(fields[2]!)}`, f.getProof.storageHash)
  const stored = verifySecureProof(f.messagePasserStorageRoot, fromHex(f.getProof.storageProof[0]!.key.slice(2)), proofNodes(f.getProof.storageProof[0]!))
  assert.equal(stored !== undefined && isStorageWordOne(stored), true)
})
