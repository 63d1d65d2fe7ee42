/**
 * encodeRLP is byte-identical to @ethereumjs/rlp's encode (random nested lists, every length
 * boundary of the prefix forms), encodedLength is its length, uintBytes equals
 * bigIntToUnpaddedBytes, and encodeTxReceipt equals @ethereumjs/vm's encodeReceipt.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { RLP } from '@ethereumjs/rlp'
import { bigIntToUnpaddedBytes, bytesToHex, concatBytes } from '@ethereumjs/util'
import { encodeReceipt } from '@ethereumjs/vm'
import { encodedLength, encodeRLP, encodeRLPUint, uintBytes, type RLPInput } from '../../../node/chain/encodeRLP.ts'
import { encodeTxReceipt, type LogTuple } from '../../../node/chain/receiptCodec.ts'
import { randomRLP, RLP_LENGTHS } from '../../helpers/randomRLP.ts'

const { bytes, item: randomItem, int } = randomRLP(0x5e1f)
const LENGTHS = RLP_LENGTHS

test('encodeRLP and encodedLength match RLP.encode on byte strings of every prefix length and random nested lists', () => {
  const inputs: RLPInput[] = [new Uint8Array(), [], [[]], Uint8Array.of(0), Uint8Array.of(0x7f), Uint8Array.of(0x80), Uint8Array.of(0xff)]
  for (const length of LENGTHS) inputs.push(bytes(length), [bytes(length)], Array.from({ length: Math.ceil(length / 33) }, () => bytes(32)))
  for (let i = 0; i < 300; i++) inputs.push(randomItem(0))
  for (const input of inputs) {
    const expected = RLP.encode(input as Uint8Array)
    assert.equal(bytesToHex(encodeRLP(input)), bytesToHex(expected))
    assert.equal(encodedLength(input), expected.length)
    assert.equal(bytesToHex(encodeRLP(input, 2)), bytesToHex(concatBytes(Uint8Array.of(2), expected)))
  }
})

test('encodeRLP refuses what is neither bytes nor a list', () => {
  assert.throws(() => encodeRLP([new Uint8Array(), 5 as unknown as Uint8Array]), { name: 'TypeError', message: 'cannot RLP-encode number: only byte strings and lists' })
})

test('uintBytes equals bigIntToUnpaddedBytes and encodeRLPUint equals RLP.encode of a number', () => {
  const values = [0n, 1n, 127n, 128n, 255n, 256n, 65535n, 65536n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 64n + 3n, 2n ** 256n - 1n]
  for (let i = 0; i < 200; i++) values.push(BigInt(int(2 ** 31)) * BigInt(int(2 ** 31)) + BigInt(int(1000)))
  for (const v of values) assert.equal(bytesToHex(uintBytes(v)), bytesToHex(bigIntToUnpaddedBytes(v)), `${v}`)
  assert.throws(() => uintBytes(-1n), { name: 'RangeError', message: '-1 is negative' })
  for (const n of [0, 1, 127, 128, 255, 256, 4095, 65535, 65536, 2 ** 40]) assert.equal(bytesToHex(encodeRLPUint(n)), bytesToHex(RLP.encode(n)))
})

test('encodeTxReceipt equals @ethereumjs/vm encodeReceipt for every tx type, status, zero and large gas, with and without logs', () => {
  for (const type of [0, 1, 2, 4]) {
    for (const status of [0, 1] as const) {
      for (const cumulative of [0n, 21_000n, 59_999_999n, 2n ** 60n]) {
        const logs: LogTuple[] = Array.from({ length: int(3) }, () => [bytes(20), Array.from({ length: int(5) }, () => bytes(32)), bytes(int(100))] as const)
        const bloom = bytes(256)
        const expected = encodeReceipt({ status, cumulativeBlockGasUsed: cumulative, bitvector: bloom, logs: logs as never }, type as never)
        assert.equal(bytesToHex(encodeTxReceipt(type, status, cumulative, bloom, logs)), bytesToHex(expected))
      }
    }
  }
})
