import { test } from 'node:test'
import assert from 'node:assert/strict'
import { checkPoW, powData, powThreshold, powValue, searchPoW, solvePoW } from '../../nom/pow.ts'
import { parseAddress } from '../../nom/address.ts'
import { ZERO_HASH, fromHex, toHex } from '../../nom/hash.ts'

const FUSER = parseAddress('z1qz2lmuhzrnmhy426jmafkrlmp5z7mnry83d6fs')

test('thresholds of the reference', () => {
  assert.equal(powThreshold(0n), 0n)
  assert.equal(powThreshold(1n), 0n)
  assert.equal(powThreshold(1500n), 18434446244327078582n)
  assert.equal(powThreshold(31500n), 18446158462786576710n)
  assert.equal(powThreshold(31500000n), 18446743488098628642n)
  assert.equal(powThreshold(78750000n), 18446743839465182427n)
  assert.equal(powThreshold(94500000n), 18446743878505910625n)
  assert.throws(() => powThreshold(-1n), new RangeError('negative difficulty -1'))
})

test('the Fuse nonce is valid at difficulty 31500 (little-endian compare)', () => {
  const data = powData(FUSER, ZERO_HASH)
  assert.equal(toHex(data), '7bca83648fe6e3e99e72f0ef319469bbb736116fd0c66f1ffbc85a6bf177f502')
  const nonce = fromHex('4901000000000000')
  assert.equal(powValue(nonce, data), 18446576274819673393n)
  assert.equal(checkPoW(FUSER, ZERO_HASH, 31500n, nonce), true)
  // the same value is below the threshold of a harder difficulty
  assert.equal(checkPoW(FUSER, ZERO_HASH, 31500000n, nonce), false)
  assert.equal(checkPoW(FUSER, ZERO_HASH, 0n, new Uint8Array(0)), true)
  assert.equal(checkPoW(FUSER, ZERO_HASH, 31500n, new Uint8Array(7)), false)
})

test('search walks the nonce as a little-endian counter and finds the reference nonce', () => {
  const data = powData(FUSER, ZERO_HASH)
  // 0x0149 = 329; starting at 0x0100 LE the first valid nonce at or after it must not exceed 0x0149
  const found = searchPoW(data, 31500n, fromHex('0001000000000000'), 0x49 + 1)
  assert.notEqual(found, undefined)
  assert.equal(checkPoW(FUSER, ZERO_HASH, 31500n, found!), true)
  const le = new DataView(found!.buffer).getBigUint64(0, true)
  assert.ok(le >= 0x100n && le <= 0x149n)
  // carry across bytes: from ff ff .. the next candidate is 00 00 01
  const carried = searchPoW(data, 1n, fromHex('ffff000000000000'), 1)
  assert.equal(toHex(carried!), 'ffff000000000000')
})

test('solvePoW returns a nonce that checks', () => {
  const prev = new Uint8Array(32).fill(9)
  const nonce = solvePoW(FUSER, prev, 50_000n)
  assert.equal(checkPoW(FUSER, prev, 50_000n, nonce), true)
  assert.equal(toHex(solvePoW(FUSER, prev, 0n)), '0000000000000000')
})
