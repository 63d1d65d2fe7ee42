import { test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { createNativeCrypto, recoveryIdFromV } from '../../../node/crypto.ts'
import { keccak256 } from '../../../node/keccak256.ts'

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')

test('keccak256 matches @noble/hashes for every length across three blocks', () => {
  assert.equal(hex(keccak256(new Uint8Array())), 'c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470')
  for (let length = 0; length <= 3 * 136 + 1; length++) {
    const data = new Uint8Array(randomBytes(length))
    assert.equal(hex(keccak256(data)), hex(keccak_256(data)), `length ${length}`)
  }
  const view = new Uint8Array(randomBytes(300)).subarray(7, 290)
  assert.equal(hex(keccak256(view)), hex(keccak_256(view)), 'subarray input')
})

test('native ecrecover recovers the dev account; v forms of legacy, EIP-155 and typed txs', async () => {
  const { secp256k1 } = await import('@noble/curves/secp256k1.js')
  const key = Buffer.from('ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80', 'hex')
  const msg = keccak256(new TextEncoder().encode('nomx'))
  const sig = secp256k1.Signature.fromBytes(secp256k1.sign(msg, key, { prehash: false, format: 'recovered' }), 'recovered')
  const r = Uint8Array.from(Buffer.from(sig.r.toString(16).padStart(64, '0'), 'hex'))
  const s = Uint8Array.from(Buffer.from(sig.s.toString(16).padStart(64, '0'), 'hex'))
  const crypto = createNativeCrypto()
  const pub = crypto.ecrecover!(msg, BigInt(sig.recovery ?? 0), r, s)
  assert.equal(`0x${hex(keccak256(pub)).slice(24)}`, '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266')
  assert.equal(recoveryIdFromV(27n), 0)
  assert.equal(recoveryIdFromV(28n), 1)
  assert.equal(recoveryIdFromV(1n), 1)
  assert.equal(recoveryIdFromV(73404n * 2n + 36n, 73404n), 1)
  assert.throws(() => crypto.ecrecover!(msg, 29n, r, s), { message: 'Invalid signature v value' })
})
