/** The documented state-change commitment (README "changesHash"). */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { changesHash } from '../../../../nom/devnet/ledger/changesHash.ts'
import { EMPTY_HASH, concatBytes, sha3, toHex } from '../../../../nom/hash.ts'

const u32 = (n: number) => Uint8Array.of(n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255)

test('no state change hashes to H("")', () => {
  assert.equal(toHex(changesHash([])), toHex(EMPTY_HASH))
  // momentum records (prefix 0x01) and pending entries (0x0b) are not state
  assert.equal(toHex(changesHash([{ type: 'put', key: Uint8Array.of(1, 2), value: Uint8Array.of(3) }, { type: 'del', key: Uint8Array.of(0x0b, 1) }])), toHex(EMPTY_HASH))
})

test('entries sorted by key: u32be(len key) key op u32be(len value) value', () => {
  const put = { type: 'put' as const, key: Uint8Array.of(0x06, 9), value: Uint8Array.of(7, 7) }
  const del = { type: 'del' as const, key: Uint8Array.of(0x06, 1) }
  const expected = sha3(
    concatBytes(u32(2), del.key, Uint8Array.of(0), u32(0)),
    concatBytes(u32(2), put.key, Uint8Array.of(1), u32(2), put.value),
  )
  assert.equal(toHex(changesHash([put, del])), toHex(expected))
  assert.equal(toHex(changesHash([del, put])), toHex(expected))
})
