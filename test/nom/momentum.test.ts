import { test } from 'node:test'
import assert from 'node:assert/strict'
import { hashMomentum, momentumContentEntry, momentumContentHash, momentumProducer } from '../../nom/momentum.ts'
import { formatAddress, parseAddress } from '../../nom/address.ts'
import { EMPTY_HASH, ZERO_HASH, fromHex, sha3, toHex } from '../../nom/hash.ts'
import { keyPairFromSeed } from '../../nom/keys.ts'

test('mainnet genesis momentum hash from its fields', () => {
  const data = new TextEncoder().encode(
    "000000000000000000004dd040595540d43ce8ff5946eeaa403fb13d0e582d8f#We are all Satoshi#Don't trust. Verify",
  )
  assert.equal(toHex(sha3(data)), 'afec215ac4fde9e11df7f3e965ac0fbc4c4705225e9f6f91d4ba3dc84adcf8e6')
  const m = {
    version: 1n,
    chainIdentifier: 1n,
    previousHash: ZERO_HASH,
    height: 1n,
    timestamp: 1637755200n,
    data,
    content: [],
    changesHash: fromHex('fe37ddbea9fc05b16cd91e8b50d6aa74c1754f00f3339c3512717fe92fdb3d78'),
  }
  const contentHash = fromHex('1bfc9e7035ceba7e45f6ab0fa40c448fc060b17ec31201fa51fa67a11b1ca577')
  assert.equal(toHex(hashMomentum(m, contentHash)), '9e204601d1b7b1427fe12bc82622e610d8a6ad43c40abf020eb66e538bb8eeb0')
  assert.notEqual(toHex(hashMomentum({ ...m, timestamp: 1637755201n }, contentHash)), '9e204601d1b7b1427fe12bc82622e610d8a6ad43c40abf020eb66e538bb8eeb0')
  assert.equal(formatAddress(momentumProducer({ publicKey: new Uint8Array(0) })), 'z1qznll3hchu0dwej3c9r4dgrp6e30tq8l7qv2em')
})

test('content hash sorts entries by address, then height', () => {
  const a = parseAddress('z1qzal6c5s9rjnnxd2z7dvdhjxpmmj4fmw56a0mz')
  const b = parseAddress('z1qr4pexnnfaexqqz8nscjjcsajy5hdqfkgadvwx')
  const h = (n: number) => new Uint8Array(32).fill(n)
  const e1 = { address: a, height: 2n, hash: h(1) }
  const e2 = { address: a, height: 10n, hash: h(0) }
  const e3 = { address: b, height: 1n, hash: h(2) }
  assert.equal(momentumContentEntry(e1).length, 60)
  const sorted = [e1, e2, e3].map(momentumContentEntry).sort(Buffer.compare)
  const expected = sha3(...sorted)
  assert.deepEqual(momentumContentHash([e3, e2, e1]), expected)
  assert.deepEqual(momentumContentHash([e1, e3, e2]), expected)
  // byte order: a (0x00…) before b (0x01…), and height 2 before height 10
  assert.deepEqual(sorted[0], momentumContentEntry(e1))
  assert.deepEqual(sorted[1], momentumContentEntry(e2))
  assert.deepEqual(momentumContentHash([]), EMPTY_HASH)
  const kp = keyPairFromSeed(new Uint8Array(32).fill(1))
  assert.deepEqual(momentumProducer({ publicKey: kp.publicKey }), kp.address)
  assert.throws(
    () => hashMomentum({ version: 2n, chainIdentifier: 1n, previousHash: ZERO_HASH, height: 1n, timestamp: 0n, data: new Uint8Array(0), content: [], changesHash: ZERO_HASH }),
    new RangeError('momentum version 2 is not supported (only 1)'),
  )
})
