import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { RLP } from '@ethereumjs/rlp'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { TransactionRejectedError } from '../../../node/errors.ts'
import { decodeTransaction } from '../../../node/txpool/decodeTransaction.ts'
import { CHAIN_ID, GWEI, hex, signTx } from './fixtures.ts'

type Nested = Uint8Array | Nested[]

const b = (value: number | bigint): Uint8Array => (BigInt(value) === 0n ? new Uint8Array(0) : RLP.decode(RLP.encode(BigInt(value))) as Uint8Array)
const bytes = (length: number, fill = 0x11): Uint8Array => new Uint8Array(length).fill(fill)
const typed = (type: number, fields: Nested[]): Uint8Array => {
  const body = RLP.encode(fields)
  const out = new Uint8Array(body.length + 1)
  out[0] = type
  out.set(body, 1)
  return out
}

/** Valid type-2 fields with a dummy signature; `patch` replaces some of them. */
function dynamicFee(patch: Record<number, Nested> = {}): Nested[] {
  const fields: Nested[] = [b(CHAIN_ID), b(0), b(GWEI), b(2n * GWEI), b(21000), bytes(20), b(1), new Uint8Array(0), [], b(0), b(1), b(1)]
  for (const [i, value] of Object.entries(patch)) fields[Number(i)] = value
  return fields
}

function rejects(raw: Uint8Array, message: string): void {
  assert.throws(
    () => decodeTransaction(raw),
    (err: unknown) => err instanceof TransactionRejectedError && err.message === message,
    message,
  )
}

describe('decodeTransaction', () => {
  it('decodes each supported type with its fee fields, hash and signing fields', () => {
    for (const type of [0, 1, 2] as const) {
      const raw = signTx({ type, fee: 3n * GWEI, tip: 2n * GWEI, nonce: 7n })
      const decoded = decodeTransaction(raw)
      assert.equal(decoded.type, type)
      assert.equal(hex(decoded.hash), hex(keccak_256(raw)))
      assert.equal(decoded.size, raw.length)
      assert.equal(decoded.nonce, 7n)
      assert.equal(decoded.chainId, CHAIN_ID)
      assert.equal(decoded.replayProtected, true)
      assert.equal(decoded.feeCap, 3n * GWEI)
      assert.equal(decoded.tipCap, type === 2 ? 2n * GWEI : 3n * GWEI)
      assert.equal(decoded.fields.length, type === 0 ? 9 : type === 1 ? 8 : 9)
    }
    const setCode = decodeTransaction(typed(4, [...dynamicFee().slice(0, 9), [[b(CHAIN_ID), bytes(20), b(0), b(1), b(5), b(6)]], b(1), b(2), b(3)]))
    assert.equal(setCode.type, 4)
    assert.equal(setCode.authorizationList.length, 1)
    assert.equal(setCode.fields.length, 10)
    assert.deepEqual([setCode.v, setCode.r, setCode.s], [1n, 2n, 3n])
  })

  it('reads integers of every width from 0 to 32 bytes', () => {
    for (let width = 0; width <= 32; width++) {
      for (const fill of [0x01, 0x80, 0xff]) {
        const value = width === 0 ? 0n : BigInt(`0x${fill.toString(16).padStart(2, '0').repeat(width)}`)
        const decoded = decodeTransaction(typed(2, dynamicFee({ 6: b(value), 10: b(value === 0n ? 1n : value) })))
        assert.equal(decoded.value, value, `value of ${width} bytes of ${fill}`)
        assert.equal(decoded.r, value === 0n ? 1n : value, `r of ${width} bytes of ${fill}`)
      }
    }
  })

  it('reads a legacy v: EIP-155 chain id, or not replay-protected for 27/28', () => {
    const legacy = (v: bigint) => decodeTransaction(RLP.encode([b(0), b(GWEI), b(21000), bytes(20), b(1), new Uint8Array(0), b(v), b(1), b(1)]))
    assert.deepEqual([legacy(27n).replayProtected, legacy(27n).chainId], [false, undefined])
    assert.deepEqual([legacy(28n).replayProtected, legacy(0n).replayProtected], [false, false])
    assert.deepEqual([legacy(2n * CHAIN_ID + 36n).replayProtected, legacy(2n * CHAIN_ID + 36n).chainId], [true, CHAIN_ID])
    assert.deepEqual([legacy(30n).replayProtected, legacy(30n).chainId], [true, undefined])
  })

  it('keeps a contract creation as to = undefined', () => {
    const decoded = decodeTransaction(typed(2, dynamicFee({ 5: new Uint8Array(0) })))
    assert.equal(decoded.to, undefined)
  })

  it('refuses empty and truncated envelopes and unknown types', () => {
    rejects(new Uint8Array(0), 'typed transaction too short')
    rejects(new Uint8Array([2]), 'typed transaction too short')
    rejects(new Uint8Array([0x80]), 'rlp: expected input list for types.LegacyTx')
    rejects(new Uint8Array([0x7f, 0xc0]), 'transaction type not supported')
    rejects(new Uint8Array([0x02, 0x82, 0x01]), 'rlp: value size exceeds available input length')
    rejects(new Uint8Array([0x02, 0xc2, 0x81, 0x01]), 'rlp: non-canonical size information')
  })

  it('only checks that a blob tx is well-formed RLP (admission refuses the type next)', () => {
    assert.equal(decodeTransaction(typed(3, [b(1)])).type, 3)
    rejects(new Uint8Array([0x03, 0xc1]), 'rlp: value size exceeds available input length')
  })

  it('refuses a payload that is not a list, or has the wrong number of fields', () => {
    rejects(new Uint8Array([0x01, 0x80]), 'rlp: expected input list for types.AccessListTx')
    rejects(typed(2, dynamicFee().slice(0, 11)), 'rlp: too few elements for types.DynamicFeeTx')
    rejects(typed(4, [...dynamicFee().slice(0, 9), [], b(1), b(1), b(1), b(1)]), 'rlp: input list has too many elements for types.SetCodeTx')
    rejects(RLP.encode([b(0)]), 'rlp: too few elements for types.LegacyTx')
  })

  it('refuses malformed integers', () => {
    rejects(typed(2, dynamicFee({ 1: new Uint8Array([0, 1]) })), 'rlp: non-canonical integer (leading zero bytes) for uint64, decoding into (types.DynamicFeeTx).Nonce')
    rejects(typed(2, dynamicFee({ 4: bytes(9) })), 'rlp: input string too long for uint64, decoding into (types.DynamicFeeTx).Gas')
    rejects(typed(2, dynamicFee({ 3: bytes(33) })), 'rlp: input string too long for uint256, decoding into (types.DynamicFeeTx).GasFeeCap')
    rejects(typed(2, dynamicFee({ 6: [] })), 'rlp: expected input string or byte for uint256, decoding into (types.DynamicFeeTx).Value')
  })

  it('refuses malformed addresses, data, access lists and authorizations', () => {
    rejects(typed(2, dynamicFee({ 5: bytes(19) })), 'rlp: input string too short for common.Address, decoding into (types.DynamicFeeTx).To')
    rejects(typed(2, dynamicFee({ 5: bytes(21) })), 'rlp: input string too long for common.Address, decoding into (types.DynamicFeeTx).To')
    rejects(typed(2, dynamicFee({ 7: [] })), 'rlp: expected input string or byte for []uint8, decoding into (types.DynamicFeeTx).Data')
    rejects(typed(2, dynamicFee({ 8: bytes(1) })), 'rlp: expected input list for types.AccessList, decoding into (types.DynamicFeeTx).AccessList')
    rejects(typed(2, dynamicFee({ 8: [[bytes(20)]] })), 'rlp: too few elements for types.AccessTuple, decoding into (types.DynamicFeeTx).AccessList[0]')
    rejects(
      typed(2, dynamicFee({ 8: [[bytes(20), [bytes(31)]]] })),
      'rlp: input string too short for common.Hash, decoding into (types.DynamicFeeTx).AccessList[0].StorageKeys[0]',
    )
    const auth = (tuple: Nested[]) => typed(4, [...dynamicFee().slice(0, 9), [tuple], b(0), b(1), b(1)])
    rejects(auth([b(1), bytes(20), b(0), b(0), b(1)]), 'rlp: too few elements for types.SetCodeAuthorization, decoding into (types.SetCodeTx).AuthList[0]')
    rejects(auth([b(1), bytes(20), b(0), bytes(2), b(1), b(1)]), 'rlp: input string too long for uint8, decoding into (types.SetCodeTx).AuthList[0].V')
    rejects(auth([b(1), bytes(19), b(0), b(0), b(1), b(1)]), 'rlp: input string too short for common.Address, decoding into (types.SetCodeTx).AuthList[0].Address')
  })
})
