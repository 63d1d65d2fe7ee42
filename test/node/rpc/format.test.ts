import { test } from 'node:test'
import assert from 'node:assert/strict'
import { formatDepositTransaction, type TxPlacement } from '../../../node/rpc/format.ts'
import type { IncludedDeposit } from '../../../node/backend.ts'

const placement: TxPlacement = { blockHash: new Uint8Array(32).fill(0xbb), blockNumber: 7n, blockTimestamp: 0x65n, index: 2, baseFeePerGas: 1_000n }

function deposit(isSystemTx: boolean): IncludedDeposit {
  return {
    tx: { sourceHash: new Uint8Array(32).fill(0x5a), from: new Uint8Array(20).fill(1), to: new Uint8Array(20).fill(2), mint: 10n, value: 3n, gas: 100_000n, isSystemTx, data: Uint8Array.of(0xca, 0xfe) },
    hash: new Uint8Array(32).fill(0xdd),
    nonce: 4n,
  }
}

const expected = {
  blockHash: `0x${'bb'.repeat(32)}`,
  blockNumber: '0x7',
  blockTimestamp: '0x65',
  from: `0x${'01'.repeat(20)}`,
  gas: '0x186a0',
  gasPrice: '0x0',
  hash: `0x${'dd'.repeat(32)}`,
  input: '0xcafe',
  nonce: '0x4',
  to: `0x${'02'.repeat(20)}`,
  transactionIndex: '0x2',
  value: '0x3',
  type: '0x7e',
  v: '0x0',
  r: '0x0',
  s: '0x0',
  sourceHash: `0x${'5a'.repeat(32)}`,
  mint: '0xa',
}

test('a deposit leaves isSystemTx out when false, as op-geth does (every deposit since Regolith)', () => {
  const json = formatDepositTransaction(deposit(false), placement)
  assert.deepEqual(json, { ...expected, depositReceiptVersion: '0x1' })
  assert.equal(Object.hasOwn(json, 'isSystemTx'), false)
})

test('a deposit with isSystemTx set says true, between mint and depositReceiptVersion (op-geth field order)', () => {
  const json = formatDepositTransaction(deposit(true), placement)
  assert.deepEqual(json, { ...expected, isSystemTx: true, depositReceiptVersion: '0x1' })
  assert.deepEqual(Object.keys(json).slice(-3), ['mint', 'isSystemTx', 'depositReceiptVersion'])
})
