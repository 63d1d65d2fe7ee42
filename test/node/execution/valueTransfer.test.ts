import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createTx } from '@ethereumjs/tx'
import { Address, bigIntToUnpaddedBytes, bytesToHex, eoaCode7702SignAuthorization, hexToBytes, privateToAddress } from '@ethereumjs/util'
import type { PooledTransaction } from '../../../node/backend.ts'
import { executeBlock, type TxSource } from '../../../node/execution/executeBlock.ts'
import { applyValueTransfer } from '../../../node/execution/valueTransfer.ts'
import { nextBaseFee } from '../../../node/execution/nextBaseFee.ts'
import { openGenesisState, type GenesisState } from '../../helpers/genesisState.ts'
import { A, B, KEY_A, KEY_B, RICH, common, pooled, testGenesis, VAULT } from './fixtures.ts'

const KEY_POOR = hexToBytes('0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a')
const POOR = privateToAddress(KEY_POOR)
const COINBASE = hexToBytes('0x00000000000000000000000000000000000c0ffe')
/** Runtime code `STOP`: a contract that accepts value. */
const CONTRACT = hexToBytes('0x00000000000000000000000000000000000c0de0')
/** Stored with balance 0, nonce 0 and no code: EIP-161 removes it when touched. */
const EMPTY = hexToBytes('0x00000000000000000000000000000000000e4e70')
const FRESH_1 = hexToBytes('0x0000000000000000000000000000000000f4e501')
const FRESH_2 = hexToBytes('0x0000000000000000000000000000000000f4e502')
const IDENTITY_PRECOMPILE = hexToBytes('0x0000000000000000000000000000000000000004')
const genesis = testGenesis({
  [bytesToHex(A)]: { balance: RICH },
  [bytesToHex(B)]: { balance: RICH },
  [bytesToHex(POOR)]: { balance: '0x2386f26fc10000' },
  [bytesToHex(CONTRACT)]: { balance: '0x0', code: '0x00' },
  [bytesToHex(EMPTY)]: { balance: '0x0' },
})
const GWEI = 10n ** 9n

function source(txs: PooledTransaction[]): TxSource {
  const skipped = new Set<string>()
  let i = 0
  return {
    next() {
      while (i < txs.length) {
        const tx = txs[i++]!
        if (!skipped.has(bytesToHex(tx.sender))) return tx
      }
      return undefined
    },
    skipSender: (sender) => void skipped.add(bytesToHex(sender)),
  }
}

type Tx = Parameters<typeof createTx>[0]
const signed = (key: Uint8Array, fields: Tx) => pooled(createTx(fields, { common }).sign(key))

/** Blocks covering every case the shortcut takes or declines; block 1 pays the coinbase nothing (it must not be created). */
function blocks(baseFee: bigint): PooledTransaction[][] {
  const tip = 2n * GWEI
  const fee = { type: 2, maxFeePerGas: 10n * GWEI, maxPriorityFeePerGas: tip, gasLimit: 21_000n } as const
  return [
    [signed(KEY_A, { type: 0, nonce: 0n, gasPrice: baseFee, gasLimit: 21_000n, to: B, value: 5n })], // tip 0: no coinbase account
    [
      signed(KEY_A, { ...fee, nonce: 1n, to: FRESH_1, value: 0n }), // zero value to a missing account
      signed(KEY_A, { ...fee, nonce: 2n, to: FRESH_2, value: 7n }), // creates the recipient
      signed(KEY_A, { ...fee, nonce: 3n, to: B, value: 11n, gasLimit: 30_000n }), // unused gas refunded
      signed(KEY_A, { type: 1, nonce: 4n, gasPrice: baseFee + tip, gasLimit: 21_000n, to: B, value: 1n, accessList: [] }),
      signed(KEY_A, { ...fee, nonce: 5n, to: CONTRACT, value: 13n }), // has code: runTx
      signed(KEY_A, { ...fee, nonce: 6n, to: IDENTITY_PRECOMPILE, value: 1n }), // precompile: runTx
      signed(KEY_A, { ...fee, nonce: 7n, to: A, value: 3n }), // to itself: runTx
      signed(KEY_A, { ...fee, nonce: 8n, to: COINBASE, value: 4n }), // to the coinbase: runTx
      signed(KEY_A, { ...fee, nonce: 9n, to: EMPTY, value: 0n }), // stored empty: runTx removes it
      signed(KEY_A, { type: 2, nonce: 10n, maxFeePerGas: baseFee + GWEI, maxPriorityFeePerGas: baseFee + GWEI, gasLimit: 21_000n, to: B, value: 1n }), // tip capped by the fee cap
      signed(KEY_B, { ...fee, nonce: 0n, to: A, value: 1n, gasLimit: 50_000n, accessList: [{ address: bytesToHex(A), storageKeys: [] }] }), // access list: runTx
      signed(KEY_POOR, { ...fee, nonce: 0n, to: A, value: 10n ** 18n }), // cannot pay: runTx refuses
      signed(KEY_POOR, { ...fee, nonce: 1n, to: A, value: 1n }), // skipped after its sender's failure
      signed(KEY_B, { ...fee, nonce: 3n, to: A, value: 1n }), // nonce gap: runTx refuses
    ],
    [
      signed(KEY_A, { ...fee, nonce: 11n, to: B, value: 5n }),
      signed(KEY_A, { type: 2, nonce: 12n, maxFeePerGas: 1n, maxPriorityFeePerGas: 0n, gasLimit: 21_000n, to: B, value: 1n }), // under the base fee
      signed(KEY_B, { ...fee, nonce: 1n, to: FRESH_1, value: 1n }),
      signed(KEY_POOR, { type: 2, nonce: 0n, maxFeePerGas: 10n * GWEI, maxPriorityFeePerGas: tip, gasLimit: 21_000n, to: A, value: 0n }),
    ],
  ]
}

async function run(state: GenesisState, valueTransfers: boolean) {
  const out: { hash: string; receipts: unknown; invalid: string[]; included: number; coinbase: bigint | undefined }[] = []
  let parent = state.parent
  const planned = blocks(nextBaseFee(state.parent, genesis.baseFeeFloor))
  for (const txs of planned) {
    const invalid: string[] = []
    const baseFeePerGas = nextBaseFee(parent, genesis.baseFeeFloor)
    const { sealed, receipts } = await executeBlock(
      { vm: state.vm, common, valueTransfers },
      {
        parent,
        timestamp: parent.timestamp + 1n,
        baseFeePerGas,
        gasLimit: genesis.gasLimit,
        coinbase: COINBASE,
        feeVault: VAULT,
        txs: source(txs),
        onInvalid: (tx, error) => invalid.push(`${bytesToHex(tx.hash)} ${error.message}`),
      },
    )
    const coinbase = await state.state.getAccount(new Address(COINBASE))
    out.push({ hash: bytesToHex(sealed.hash), receipts, invalid, included: sealed.block.transactions.length, coinbase: coinbase?.balance })
    parent = sealed.block.header
  }
  return out
}

test('value transfers without the EVM: same blocks, receipts, state and errors as runTx', async () => {
  const fast = await openGenesisState(common, genesis)
  const slow = await openGenesisState(common, genesis)
  try {
    const withShortcut = await run(fast, true)
    const withRunTx = await run(slow, false)
    assert.deepEqual(withShortcut, withRunTx)
    assert.deepEqual(withShortcut.map((b) => b.included), [1, 11, 3])
    assert.equal(withShortcut[0]!.coinbase, undefined)
    assert.equal(withShortcut[1]!.invalid.length, 2)
    assert.match(withShortcut[1]!.invalid[0]!, /sender doesn't have enough funds to send tx\. The upfront cost is/)
    assert.match(withShortcut[1]!.invalid[1]!, /the tx doesn't have the correct nonce\. account has nonce of: 1 tx has nonce of: 3/)
    assert.match(withShortcut[2]!.invalid[0]!, /Transaction's maxFeePerGas \(1\) is less than the block's baseFeePerGas/)
    // The stored-empty account was removed, the zero-value recipient never created, the other created.
    assert.equal(await fast.state.getAccount(new Address(EMPTY)), undefined)
    assert.equal((await fast.state.getAccount(new Address(FRESH_1)))?.balance, 1n)
    assert.equal((await fast.state.getAccount(new Address(FRESH_2)))?.balance, 7n)
  } finally {
    await fast.close()
    await slow.close()
  }
})

test('applyValueTransfer takes plain transfers only and writes nothing when it declines', async () => {
  const s = await openGenesisState(common, genesis)
  try {
    const baseFee = nextBaseFee(s.parent, genesis.baseFeeFloor)
    const ctx = { state: s.state, coinbase: new Address(COINBASE), baseFeePerGas: baseFee, blockGasLimit: genesis.gasLimit }
    const fee = { type: 2, maxFeePerGas: 10n * GWEI, maxPriorityFeePerGas: GWEI, gasLimit: 21_000n } as const
    const declined: [string, PooledTransaction][] = [
      ['calldata', signed(KEY_A, { ...fee, nonce: 0n, to: B, data: '0x01' })],
      ['contract creation', signed(KEY_A, { ...fee, nonce: 0n, gasLimit: 60_000n, data: '0x00' })],
      ['recipient with code', signed(KEY_A, { ...fee, nonce: 0n, to: CONTRACT, value: 1n })],
      ['precompile', signed(KEY_A, { ...fee, nonce: 0n, to: IDENTITY_PRECOMPILE })],
      ['self', signed(KEY_A, { ...fee, nonce: 0n, to: A })],
      ['coinbase', signed(KEY_A, { ...fee, nonce: 0n, to: COINBASE })],
      ['empty recipient', signed(KEY_A, { ...fee, nonce: 0n, to: EMPTY })],
      ['wrong nonce', signed(KEY_A, { ...fee, nonce: 1n, to: B })],
      ['fee cap under base fee', signed(KEY_A, { ...fee, nonce: 0n, to: B, maxFeePerGas: baseFee - 1n, maxPriorityFeePerGas: 0n })],
      ['gas above the block', signed(KEY_A, { ...fee, nonce: 0n, to: B, gasLimit: genesis.gasLimit + 1n })],
      ['balance', signed(KEY_POOR, { ...fee, nonce: 0n, to: B, value: 10n ** 18n })],
      ['authorization list', signed(KEY_A, { type: 4, nonce: 0n, maxFeePerGas: 10n * GWEI, maxPriorityFeePerGas: GWEI, gasLimit: 60_000n, to: B, authorizationList: [eoaCode7702SignAuthorization([bigIntToUnpaddedBytes(73404n), B, new Uint8Array()], KEY_A)] })],
    ]
    const root = await s.state.getStateRoot()
    for (const [why, p] of declined) {
      await s.state.checkpoint()
      assert.equal(await applyValueTransfer(ctx, p.tx, p.sender), undefined, why)
      await s.state.commit()
      assert.equal(bytesToHex(await s.state.getStateRoot()), bytesToHex(root), why)
    }
    const plain = signed(KEY_A, { ...fee, nonce: 0n, to: B, value: 9n })
    assert.deepEqual(await applyValueTransfer(ctx, plain.tx, plain.sender), { tipPerGas: GWEI })
    assert.equal((await s.state.getAccount(new Address(A)))?.nonce, 1n)
  } finally {
    await s.close()
  }
})
