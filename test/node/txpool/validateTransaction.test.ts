import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { RLP } from '@ethereumjs/rlp'
import { createTx } from '@ethereumjs/tx'
import { SECP256K1_ORDER, bigIntToUnpaddedBytes, toChecksumAddress } from '@ethereumjs/util'
import { TransactionRejectedError } from '../../../node/errors.ts'
import { decodeTransaction } from '../../../node/txpool/decodeTransaction.ts'
import { prepareCommon, validateTransaction } from '../../../node/txpool/validateTransaction.ts'
import { ADDRESSES, CHAIN_ID, GWEI, KEYS, hex, pragueCommon, signTx } from './fixtures.ts'
import type { TypedTxData } from '@ethereumjs/tx'
import type { StatelessRules } from '../../../node/txpool/validateTransaction.ts'

const common = pragueCommon()
prepareCommon(common)
const rules: StatelessRules = { common, maxTxBytes: 131072, blockGasLimit: 30_000_000n, baseFeeFloor: GWEI / 10n }

function validate(raw: Uint8Array, overrides: Partial<StatelessRules> = {}) {
  return validateTransaction(decodeTransaction(raw), { ...rules, ...overrides })
}

function rejects(raw: Uint8Array, message: string, overrides: Partial<StatelessRules> = {}): void {
  assert.throws(
    () => validate(raw, overrides),
    (err: unknown) => err instanceof TransactionRejectedError && err.message === message,
    message,
  )
}

/** Re-encodes a signed tx's RLP fields after `edit` (for signatures no signer would produce). */
function edited(raw: Uint8Array, edit: (fields: Uint8Array[]) => void): Uint8Array {
  const typedTx = raw[0]! < 0x80
  const fields = RLP.decode(typedTx ? raw.subarray(1) : raw) as Uint8Array[]
  edit(fields)
  const body = RLP.encode(fields)
  if (!typedTx) return body
  const out = new Uint8Array(body.length + 1)
  out[0] = raw[0]!
  out.set(body, 1)
  return out
}

describe('validateTransaction', () => {
  it('recovers the sender once for every supported type and caches it on the library tx', () => {
    const authorization = [bigIntToUnpaddedBytes(CHAIN_ID), ADDRESSES[3]!, new Uint8Array(0), new Uint8Array(0), new Uint8Array([1]), new Uint8Array([1])]
    const setCode = createTx(
      { type: 4, nonce: 0n, maxFeePerGas: 2n * GWEI, maxPriorityFeePerGas: GWEI, gasLimit: 60_000n, to: ADDRESSES[2]!, authorizationList: [authorization] } as TypedTxData,
      { common },
    )
      .sign(KEYS[1]!)
      .serialize()
    const raws = [signTx({ type: 0, key: 1 }), signTx({ type: 1, key: 1 }), signTx({ type: 2, key: 1 }), setCode]
    for (const raw of raws) {
      const validated = validate(raw)
      assert.equal(hex(validated.sender), hex(ADDRESSES[1]!))
      assert.equal(validated.senderPublicKey.length, 64)
      assert.ok(!('unbuildable' in validated.tx))
      assert.equal(hex(validated.tx.getSenderAddress().bytes), hex(ADDRESSES[1]!))
      assert.equal(hex(validated.tx.hash()), hex(validated.decoded.hash))
    }
  })

  it('checks in admission order: the first failing check names the error', () => {
    // Wrong chain id and too little gas: the chain id is checked first.
    rejects(signTx({ chainId: 1n, gasLimit: 20_000n }), `invalid sender: invalid chain id for signer: have 1 want ${CHAIN_ID}`)
    // Over the block gas limit and under the floor fee: gas first.
    rejects(signTx({ gasLimit: 30_000_001n, fee: 1n, tip: 1n }), 'exceeds block gas limit')
    // Oversized beats everything after it.
    const big = signTx({ chainId: 1n, gasLimit: 29_000_000n, data: new Uint8Array(131072) })
    rejects(big, `oversized data: transaction size ${big.length}, limit 131072`)
  })

  it('refuses a type-1 tx for another chain and malformed signature values', () => {
    rejects(signTx({ type: 1, chainId: 5n }), `invalid sender: invalid chain id for signer: have 5 want ${CHAIN_ID}`)
    const invalid = 'invalid sender: invalid transaction v, r, s values'
    rejects(edited(signTx({ type: 0 }), (f) => (f[6] = bigIntToUnpaddedBytes(30n))), invalid)
    rejects(edited(signTx({ type: 2 }), (f) => (f[10] = bigIntToUnpaddedBytes(SECP256K1_ORDER))), invalid)
    rejects(edited(signTx({ type: 2 }), (f) => (f[11] = new Uint8Array(0))), invalid)
    // A signature over other bytes is valid but recovers some other key.
    const other = validate(edited(signTx({ type: 2 }), (f) => (f[6] = new Uint8Array([9]))))
    assert.notEqual(hex(other.sender), hex(ADDRESSES[0]!))
  })

  it('refuses the last nonce (EIP-2681)', () => {
    // No library signs it; the signature then recovers some other key, which is fine here.
    rejects(edited(signTx(), (f) => (f[1] = bigIntToUnpaddedBytes(2n ** 64n - 1n))), 'nonce has max value')
    assert.equal(validate(signTx({ nonce: 2n ** 64n - 2n })).decoded.nonce, 2n ** 64n - 2n)
  })

  it('prices intrinsic gas of a contract creation', () => {
    const create = signTx({ to: null, gasLimit: 53_000n - 1n, value: 0n })
    rejects(create, 'intrinsic gas too low: gas 52999, minimum needed 53000')
    assert.equal(validate(signTx({ to: null, gasLimit: 53_000n, value: 0n })).decoded.to, undefined)
  })

  it('names the sender, its fee cap and the floor when the fee cap is under the floor', () => {
    rejects(
      signTx({ type: 0, fee: GWEI / 10n - 1n }),
      `max fee per gas less than block base fee: address ${toChecksumAddress(hex(ADDRESSES[0]!))}, maxFeePerGas: ${GWEI / 10n - 1n}, baseFee: ${GWEI / 10n}`,
    )
    assert.equal(validate(signTx({ fee: 0n, tip: 0n }), { baseFeeFloor: 0n }).decoded.feeCap, 0n)
  })
})
