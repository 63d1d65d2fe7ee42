/**
 * decodeRLP gives RLP.decode's result on every valid encoding (byte strings of every prefix length,
 * random nested lists, real transactions) and RLP.decode's exact error on malformed ones (each
 * rule named, and every single-byte change, truncation and extension of valid encodings); its
 * byte strings are views of the input.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { RLP } from '@ethereumjs/rlp'
import { bytesToHex, hexToBytes } from '@ethereumjs/util'
import { createTx } from '@ethereumjs/tx'
import { decodeRLP, type RLPItem } from '../../../node/chain/decodeRLP.ts'
import { createChainCommon } from '../../../node/execution/chainCommon.ts'
import { randomRLP, RLP_LENGTHS, type RLPValue } from '../../helpers/randomRLP.ts'

const { bytes, item, int } = randomRLP(0xdec0)
const LENGTHS = RLP_LENGTHS.filter((length) => length <= 65536)
const randomItem = (depth: number) => item(depth, 30)

/** A comparable form: hex strings in nested arrays. */
function shape(item: RLPItem | Uint8Array): unknown {
  return item instanceof Uint8Array ? bytesToHex(item) : item.map(shape)
}

/** What RLP.decode does with `input`: its result's shape or its error message. */
function outcome(decode: (input: Uint8Array) => RLPItem | Uint8Array, input: Uint8Array): unknown {
  try {
    return { value: shape(decode(input)) }
  } catch (error) {
    return { error: (error as Error).message }
  }
}

const library = (input: Uint8Array) => RLP.decode(input) as RLPItem

function signedTxs(): Uint8Array[] {
  const common = createChainCommon({ chainId: 73404n })
  const key = new Uint8Array(32).fill(9)
  const to: `0x${string}` = `0x${'42'.repeat(20)}`
  return [
    createTx({ type: 0, nonce: 0n, gasPrice: 7n, gasLimit: 21_000n, to, value: 1n }, { common }),
    createTx({ type: 1, nonce: 1n, gasPrice: 7n, gasLimit: 60_000n, to, data: bytes(68), accessList: [{ address: to, storageKeys: [`0x${'01'.repeat(32)}`] }] }, { common }),
    createTx({ type: 2, nonce: 300n, maxFeePerGas: 10n ** 11n, maxPriorityFeePerGas: 1n, gasLimit: 1_500_000n, data: bytes(600) }, { common }),
  ].map((tx) => tx.sign(key).serialize())
}

test('decodeRLP equals RLP.decode on valid encodings, with views of the input', () => {
  const inputs: RLPValue[] = [new Uint8Array(), [], [[]], Uint8Array.of(0), Uint8Array.of(0x7f), Uint8Array.of(0x80), Uint8Array.of(0xff)]
  for (const length of LENGTHS) inputs.push(bytes(length), [bytes(length)], Array.from({ length: Math.ceil(length / 33) }, () => bytes(32)))
  for (let i = 0; i < 300; i++) inputs.push(randomItem(0))
  const encodings = inputs.map((input) => RLP.encode(input as Uint8Array))
  for (const raw of signedTxs()) encodings.push(raw.subarray(raw[0]! < 0xc0 ? 1 : 0))
  for (const encoded of encodings) assert.deepEqual(outcome(decodeRLP, encoded), outcome(library, encoded))
  const list = decodeRLP(RLP.encode([bytes(40), [bytes(3)]])) as RLPItem[]
  const input = RLP.encode([bytes(40), [bytes(3)]])
  const items = decodeRLP(input) as [Uint8Array, [Uint8Array]]
  assert.equal(list.length, 2)
  assert.equal(items[0].buffer, input.buffer)
  assert.equal(items[1][0].buffer, input.buffer)
})

test('decodeRLP throws RLP.decode error for each rule an encoding can break', () => {
  const cases: [`0x${string}`, string][] = [
    ['0x8105', 'invalid RLP encoding: invalid prefix, single byte < 0x80 are not prefixed'],
    ['0x83aabb', 'invalid RLP (safeSlice): end slice of Uint8Array out-of-bounds'],
    ['0xb80100', 'invalid RLP: expected string length to be greater than 55'],
    [`0xb837${'00'.repeat(55)}`, 'invalid RLP: expected string length to be greater than 55'],
    [`0xb90038${'00'.repeat(56)}`, 'invalid RLP: extra zeros'],
    ['0xb8', 'invalid RLP: not enough bytes for string length'],
    ['0xf80100', 'invalid RLP: encoded list too short'],
    [`0xf837${'00'.repeat(55)}`, 'invalid RLP: encoded list too short'],
    ['0xf900380000', 'invalid RLP: extra zeros'],
    [`0xf83a${'00'.repeat(10)}`, 'invalid RLP: total length is larger than the data'],
    ['0xc28300', 'invalid RLP (safeSlice): end slice of Uint8Array out-of-bounds'],
    ['0xc10000', 'invalid RLP: remainder must be zero'],
    ['0x0000', 'invalid RLP: remainder must be zero'],
  ]
  for (const [hex, message] of cases) {
    assert.throws(() => decodeRLP(hexToBytes(hex)), { message }, hex)
    assert.deepEqual(outcome(decodeRLP, hexToBytes(hex)), outcome(library, hexToBytes(hex)), hex)
  }
})

test('decodeRLP matches RLP.decode on every byte change, truncation and extension of valid encodings', () => {
  const samples = [...signedTxs().map((raw) => raw.subarray(raw[0]! < 0xc0 ? 1 : 0))]
  for (let i = 0; i < 12; i++) samples.push(RLP.encode(randomItem(1) as Uint8Array))
  let compared = 0
  for (const sample of samples) {
    const positions = new Set([0, 1, 2, 3, sample.length - 1])
    for (let i = 0; i < 12; i++) positions.add(int(sample.length))
    for (const at of positions) {
      if (at < 0 || at >= sample.length) continue
      for (const value of [0x00, 0x01, 0x7f, 0x80, 0x81, 0xb7, 0xb8, 0xb9, 0xbf, 0xc0, 0xc1, 0xf7, 0xf8, 0xf9, 0xff, sample[at]! ^ 1]) {
        const changed = sample.slice()
        changed[at] = value
        assert.deepEqual(outcome(decodeRLP, changed), outcome(library, changed), `byte ${at} = ${value} of ${bytesToHex(sample).slice(0, 40)}`)
        compared++
      }
    }
    for (const length of [0, 1, 2, sample.length - 2, sample.length - 1]) {
      if (length < 0) continue
      assert.deepEqual(outcome(decodeRLP, sample.subarray(0, length)), outcome(library, sample.subarray(0, length)))
    }
    for (const extra of [[0x00], [0x80], [0xc0]]) {
      const longer = Uint8Array.from([...sample, ...extra])
      assert.deepEqual(outcome(decodeRLP, longer), outcome(library, longer))
    }
  }
  assert.ok(compared > 1000)
})
