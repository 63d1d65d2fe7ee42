/**
 * libraryTx's objects are the library's: for varied txs of types 0–2 (calls, creations, access
 * lists, both y parities, extreme values) every own property and every method the node or the VM
 * calls answers as on the object createTxFromRLP makes; txs the direct path leaves to the library
 * come out as the library builds them, and its refusals keep the library's messages.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createTx, createTxFromRLP, type TypedTransaction, type TypedTxData } from '@ethereumjs/tx'
import { Hardfork, Mainnet, createCustomCommon } from '@ethereumjs/common'
import { RLP } from '@ethereumjs/rlp'
import { bytesToHex } from '@ethereumjs/util'
import { createChainCommon, PRELOADED_PARAMS } from '../../../node/execution/chainCommon.ts'
import { decodeTransaction } from '../../../node/txpool/decodeTransaction.ts'
import { createLibraryTxBuilder } from '../../../node/txpool/libraryTx.ts'
import { validateTransaction } from '../../../node/txpool/validateTransaction.ts'
import { KEYS } from './fixtures.ts'

const common = createChainCommon({ chainId: 73404n })
const rules = { common, maxTxBytes: 1 << 20, blockGasLimit: 2n ** 63n, baseFeeFloor: 1n }
const TO = `0x${'ab'.repeat(20)}` as const
const KEY = `0x${'cd'.repeat(32)}` as const
const data = (length: number) => Uint8Array.from({ length }, (_, i) => (i * 7 + 1) % 256)

/** Own properties built txs add to the library's (finish() in libraryTx.ts). */
const ADDED = ['serialize', 'getSenderAddress']

function variants(): TypedTxData[] {
  const out: TypedTxData[] = []
  for (const type of [0, 1, 2] as const) {
    const fees = type === 2 ? { maxFeePerGas: 10n ** 11n, maxPriorityFeePerGas: 2n } : { gasPrice: 10n ** 10n }
    const lists = type === 0 ? [undefined] : [[], [{ address: TO, storageKeys: [] }], [{ address: TO, storageKeys: [KEY, KEY] }, { address: `0x${'01'.repeat(20)}` as const, storageKeys: [KEY] }]]
    for (const accessList of lists) {
      out.push(
        { type, nonce: 0n, gasLimit: accessList === undefined || accessList.length === 0 ? 21_000n : 60_000n, to: TO, value: 1n, ...fees, ...(accessList === undefined ? {} : { accessList }) },
        { type, nonce: 77n, gasLimit: 90_000n, to: TO, value: 0n, data: data(68), ...fees, ...(accessList === undefined ? {} : { accessList }) },
        { type, nonce: 2n ** 63n, gasLimit: 3_000_000n, data: data(2_000), ...fees, ...(accessList === undefined ? {} : { accessList }) },
        { type, nonce: 5n, gasLimit: 2n ** 40n, to: TO, value: 2n ** 255n, data: data(1), ...fees, ...(accessList === undefined ? {} : { accessList }) },
      )
    }
  }
  return out
}

/** Everything a caller may read of a tx, as comparable values. */
function observed(tx: TypedTransaction): Record<string, unknown> {
  const fields: Record<string, unknown> = {}
  for (const key of Object.keys(tx)) {
    if (ADDED.includes(key) || key === 'common' || key === 'txOptions' || key === 'cache') continue
    const value = (tx as unknown as Record<string, unknown>)[key]
    fields[key] = typeof value === 'function' ? value : JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? bytesToHex(v) : v))
  }
  const typed = tx as TypedTransaction & { getEffectivePriorityFee?(baseFee: bigint): bigint }
  return {
    prototype: Object.getPrototypeOf(tx),
    keys: Object.keys(tx).filter((key) => !ADDED.includes(key)),
    fields,
    chain: [tx.common.chainId(), tx.common.hardfork()],
    hash: bytesToHex(tx.hash()),
    serialized: bytesToHex(tx.serialize()),
    raw: JSON.stringify(tx.raw(), (_k, v: unknown) => (v instanceof Uint8Array ? bytesToHex(v) : v)),
    toSign: bytesToHex(tx.getHashedMessageToSign()),
    intrinsic: tx.getIntrinsicGas(),
    minimum: tx.getMinimumGasLimit(),
    dataGas: tx.getDataGas(),
    upfront: tx.getUpfrontCost(1n),
    tip: typed.getEffectivePriorityFee?.(1n),
    json: tx.toJSON(),
    signed: tx.isSigned(),
    sender: tx.getSenderAddress().toString(),
    publicKey: bytesToHex(tx.getSenderPublicKey()),
    verified: tx.verifySignature(),
    valid: tx.isValid(),
    errors: tx.getValidationErrors(),
    capabilities: [155, 1559, 2718, 2930, 7702].map((c) => tx.supports(c)),
    creation: tx.toCreationAddress(),
    frozen: Object.isFrozen(tx),
  }
}

describe('libraryTx', () => {
  it('builds txs of types 0–2 exactly as the library does', () => {
    let count = 0
    for (const fields of variants()) {
      for (const key of KEYS) {
        const raw = createTx(fields, { common }).sign(key).serialize()
        const { tx } = validateTransaction(decodeTransaction(raw), rules)
        assert.ok(!('unbuildable' in tx))
        const library = createTxFromRLP(raw, { common, params: PRELOADED_PARAMS })
        assert.deepEqual(observed(tx), observed(library), `${JSON.stringify(fields, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}` : v))}`)
        count++
      }
    }
    // Both y parities occur among the signatures.
    assert.ok(count >= 100)
  })

  it('leaves other txs to the library: its objects and its refusals', () => {
    const builder = createLibraryTxBuilder(common)
    // A legacy tx signed without EIP-155 (v = 27/28): the library's object, without the capability.
    const preEIP155 = createCustomCommon({ chainId: 73404 }, Mainnet, { hardfork: Hardfork.TangerineWhistle })
    const unprotected = createTx({ type: 0, nonce: 1n, gasPrice: 5n, gasLimit: 21_000n, to: TO }, { common: preEIP155 }).sign(KEYS[1]!)
    assert.equal(unprotected.v, 27n + BigInt(unprotected.v! === 28n ? 1 : 0))
    const legacyRaw = unprotected.serialize()
    const built = builder.build(decodeTransaction(legacyRaw), unprotected.getSenderPublicKey(), unprotected.getSenderAddress().bytes)
    assert.ok(!('unbuildable' in built))
    assert.deepEqual(observed(built), observed(createTxFromRLP(legacyRaw, { common, params: PRELOADED_PARAMS })))

    // Fields the constructor refuses (decodeTransaction lets them through; admission refuses some
    // of them first): each comes back with the library's message.
    const HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n
    const refusals: [string, Partial<Record<'chainId' | 'nonce' | 'tip' | 'fee' | 'gas' | 'v' | 's', bigint>>][] = [
      ['tip above the fee cap', { tip: 3n, fee: 2n }],
      ['nonce 2^64 - 1', { nonce: 2n ** 64n - 1n }],
      ['gas × fee cap over 2^256', { fee: 2n ** 250n }],
      ['y parity 2', { v: 2n }],
      ['s in the upper half', { s: HALF_N + 1n }],
      ['another chain id', { chainId: 5n }],
    ]
    for (const [name, patch] of refusals) {
      const raw = dynamicFeeBytes({ chainId: 73404n, nonce: 1n, tip: 1n, fee: 2n, gas: 21_000n, v: 0n, s: 1n, ...patch })
      let expected: string | undefined
      try {
        createTxFromRLP(raw, { common })
      } catch (error) {
        expected = (error as Error).message
      }
      assert.ok(expected !== undefined, name)
      assert.deepEqual(builder.build(decodeTransaction(raw), new Uint8Array(64), new Uint8Array(20)), { unbuildable: expected }, name)
    }
  })
})

/** A type-2 tx's bytes from raw field values (r = 1), built without the library's checks. */
function dynamicFeeBytes(f: Record<'chainId' | 'nonce' | 'tip' | 'fee' | 'gas' | 'v' | 's', bigint>): Uint8Array {
  const body = RLP.encode([f.chainId, f.nonce, f.tip, f.fee, f.gas, TO, 0n, new Uint8Array(), [], f.v, 1n, f.s])
  return Uint8Array.from([2, ...body])
}
