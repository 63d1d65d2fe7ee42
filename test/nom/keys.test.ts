import { test } from 'node:test'
import assert from 'node:assert/strict'
import { keyPairFromMnemonic, keyPairFromSeed, mnemonicToBip39Seed, sign, verify } from '../../nom/keys.ts'
import { formatAddress } from '../../nom/address.ts'
import { fromHex, toHex } from '../../nom/hash.ts'
import { KeyError } from '../../nom/errors.ts'

const MNEMONIC =
  'route become dream access impulse price inform obtain engage ski believe awful absent pig thing vibrant possible exotic flee pepper marble rural fire fancy'

test('BIP-39 seed of the reference mnemonic', () => {
  assert.equal(
    toHex(mnemonicToBip39Seed(MNEMONIC)),
    '19f1d107d49f42ebc14d46b51001c731569f142590fdd20167ddeedbb201516731ad5ac9b58d3a1c9c09debfe62538379461e4ea9f038124c428784fecc645b7',
  )
})

test("m/44'/73404'/0' and /1' keys and addresses", () => {
  const a0 = keyPairFromMnemonic(MNEMONIC, 0)
  assert.equal(toHex(a0.privateKey), 'd6b01f96b566d7df9b5b53b1971e4baeb74cc64167a9843f82d04b2194ca4863')
  assert.equal(toHex(a0.publicKey), '3e13d7238d0e768a567dce84b54915f2323f2dcd0ef9a716d9c61abed631ba10')
  assert.equal(formatAddress(a0.address), 'z1qqjnwjjpnue8xmmpanz6csze6tcmtzzdtfsww7')
  const a1 = keyPairFromMnemonic(MNEMONIC, 1)
  assert.equal(toHex(a1.privateKey), 'bd14c955a2e67246dd8f273127a124ef97b869ef1301378c44760f96b426ee18')
  assert.equal(toHex(a1.publicKey), 'fb6416d170dda0b2a2857d8460f746c9639522cf2255ed2efcd54f6337bd718e')
  assert.equal(formatAddress(a1.address), 'z1qr44l6ajstm5gfrvwtsrfg446y6mcv8r60v090')
})

test('raw seed 01×32', () => {
  const k = keyPairFromSeed(new Uint8Array(32).fill(1))
  assert.equal(toHex(k.publicKey), '8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c')
  assert.equal(formatAddress(k.address), 'z1qz2lmuhzrnmhy426jmafkrlmp5z7mnry83d6fs')
})

test('sign and verify; a changed message or signature fails', () => {
  const k = keyPairFromSeed(new Uint8Array(32).fill(7))
  const msg = fromHex('00112233')
  const sig = sign(k.privateKey, msg)
  assert.equal(sig.length, 64)
  assert.equal(verify(k.publicKey, msg, sig), true)
  assert.equal(verify(k.publicKey, fromHex('00112234'), sig), false)
  const bad = Uint8Array.from(sig)
  bad[0]! ^= 1
  assert.equal(verify(k.publicKey, msg, bad), false)
  assert.equal(verify(k.publicKey.subarray(0, 31), msg, sig), false)
})

test('bad mnemonic and bad seed are refused', () => {
  assert.throws(() => keyPairFromMnemonic(MNEMONIC.replace('route', 'route route'), 0), new KeyError('invalid mnemonic: unknown word or bad checksum'))
  assert.throws(() => keyPairFromMnemonic(MNEMONIC.replace('fancy', 'zoo'), 0), new KeyError('invalid mnemonic: unknown word or bad checksum'))
  assert.throws(() => keyPairFromSeed(new Uint8Array(31)), new KeyError('ed25519 seed must be 32 bytes, got 31'))
})
