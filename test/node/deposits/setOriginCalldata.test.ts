import { test } from 'node:test'
import assert from 'node:assert/strict'
import { bytesToHex, hexToBytes } from '@ethereumjs/util'
import { encodeFunctionData, type Hex } from 'viem'
import { NoMInfo } from '../../../contracts/l2/artifacts.ts'
import { setOriginCalldata } from '../../../node/deposits/setOriginCalldata.ts'

const HASH = hexToBytes(`0x${'5a'.repeat(32)}`)

test('setOrigin calldata matches the NoMInfo artifact ABI (viem encodeFunctionData)', () => {
  for (const [height, timestamp, sequenceNumber] of [[0n, 0n, 0n], [123_456n, 1_760_000_000n, 4n], [(1n << 64n) - 1n, (1n << 64n) - 1n, (1n << 64n) - 1n]] as const) {
    assert.equal(
      bytesToHex(setOriginCalldata({ height, hash: HASH, timestamp, sequenceNumber })),
      encodeFunctionData({ abi: NoMInfo.abi, functionName: 'setOrigin', args: [height, bytesToHex(HASH) as Hex, timestamp, sequenceNumber] }),
    )
  }
})

test('setOrigin calldata refuses values NoMInfo cannot hold', () => {
  assert.throws(() => setOriginCalldata({ height: 1n << 64n, hash: HASH, timestamp: 0n, sequenceNumber: 0n }), {
    name: 'RangeError',
    message: `origin height ${1n << 64n} does not fit uint64`,
  })
  assert.throws(() => setOriginCalldata({ height: 0n, hash: HASH, timestamp: -1n, sequenceNumber: 0n }), { name: 'RangeError', message: 'origin timestamp -1 does not fit uint64' })
  assert.throws(() => setOriginCalldata({ height: 0n, hash: new Uint8Array(31), timestamp: 0n, sequenceNumber: 0n }), { name: 'RangeError', message: 'origin hash must be 32 bytes' })
})
