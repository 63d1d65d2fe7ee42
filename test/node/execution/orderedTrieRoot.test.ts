/**
 * orderedTrieRoot gives the root @ethereumjs/mpt computes for { rlp(i) → values[i] } by sequential
 * puts: every count around the key-length boundaries (1, 127/128, 255/256), values short enough
 * to be inlined in their parent and long ones, and a 3,000-item block. Values are never empty (the
 * library deletes the key on an empty put; tx and receipt encodings are never empty).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createMPT } from '@ethereumjs/mpt'
import { RLP } from '@ethereumjs/rlp'
import { bytesToHex } from '@ethereumjs/util'
import { orderedTrieRoot } from '../../../node/execution/orderedTrieRoot.ts'
import { mulberry32 } from '../../helpers/random.ts'

const random = mulberry32(0x7e1)

function value(length: number): Uint8Array {
  const out = new Uint8Array(length)
  for (let i = 0; i < length; i++) out[i] = Math.floor(random() * 256)
  return out
}

async function libraryRoot(values: Uint8Array[]): Promise<string> {
  const trie = await createMPT()
  for (let i = 0; i < values.length; i++) await trie.put(RLP.encode(i), values[i]!)
  return bytesToHex(trie.root())
}

test('orderedTrieRoot equals the library trie root for every count across the key-length boundaries', async () => {
  const counts = [0, 1, 2, 3, 15, 16, 17, 127, 128, 129, 130, 255, 256, 257, 300, 3000]
  for (const count of counts) {
    for (const size of ['short', 'long', 'mixed'] as const) {
      const values = Array.from({ length: count }, () => value(size === 'short' ? 1 + Math.floor(random() * 3) : size === 'long' ? 100 + Math.floor(random() * 200) : 1 + Math.floor(random() * 60)))
      assert.equal(bytesToHex(orderedTrieRoot(values)), await libraryRoot(values), `${count} ${size} values`)
    }
  }
})
