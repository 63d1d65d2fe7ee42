import { test } from 'node:test'
import assert from 'node:assert/strict'
import { genTransactionsTrieRoot } from '@ethereumjs/block'
import { createMPT } from '@ethereumjs/mpt'
import { RLP } from '@ethereumjs/rlp'
import { createTx } from '@ethereumjs/tx'
import { Address, KECCAK256_RLP, generateAddress, KECCAK256_RLP_ARRAY, bigIntToUnpaddedBytes, bytesToHex, hexToBytes } from '@ethereumjs/util'
import { encodeReceipt } from '@ethereumjs/vm'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { sha256 } from '@noble/hashes/sha2.js'
import type { BlockHeader } from '@ethereumjs/block'
import type { PooledTransaction } from '../../../node/backend.ts'
import { executeBlock, type TxSource } from '../../../node/execution/executeBlock.ts'
import { logsBloom } from '../../../node/chain/receiptCodec.ts'
import { nextBaseFee } from '../../../node/execution/nextBaseFee.ts'
import { orderedTrieRoot } from '../../../node/execution/orderedTrieRoot.ts'
import { createStateManager } from '../../../node/state/createStateManager.ts'
import { openGenesisState } from '../../helpers/genesisState.ts'
import { A, B, KEY_A, KEY_B, RICH, common, pooled, testGenesis, VAULT } from './fixtures.ts'

const COINBASE = hexToBytes('0x00000000000000000000000000000000000000c0')
const genesis = testGenesis({ [bytesToHex(A)]: { balance: RICH }, [bytesToHex(B)]: { balance: RICH } })

/** Init code deploying a 13-byte runtime that emits LOG1(topic 0x2a, data = 32-byte 0x2a). */
const LOGGER_INIT = hexToBytes('0x600d600c600039600d6000f3602a600052602a60206000a100')

function source(txs: PooledTransaction[]): TxSource & { skipped: string[] } {
  const skipped: string[] = []
  let i = 0
  return {
    skipped,
    next() {
      while (i < txs.length) {
        const tx = txs[i++] as PooledTransaction
        if (!skipped.includes(bytesToHex(tx.sender))) return tx
      }
      return undefined
    },
    skipSender(sender) {
      skipped.push(bytesToHex(sender))
    },
  }
}

/** The 21 header fields of a Prague block, in order, assembled here rather than by @ethereumjs. */
function pragueHeaderFields(h: BlockHeader): Uint8Array[] {
  return [
    h.parentHash, KECCAK256_RLP_ARRAY, h.coinbase.bytes, h.stateRoot, h.transactionsTrie, h.receiptTrie, h.logsBloom,
    bigIntToUnpaddedBytes(0n), bigIntToUnpaddedBytes(h.number), bigIntToUnpaddedBytes(h.gasLimit),
    bigIntToUnpaddedBytes(h.gasUsed), bigIntToUnpaddedBytes(h.timestamp), h.extraData, new Uint8Array(32), new Uint8Array(8),
    bigIntToUnpaddedBytes(h.baseFeePerGas ?? 0n), KECCAK256_RLP, bigIntToUnpaddedBytes(0n), bigIntToUnpaddedBytes(0n),
    new Uint8Array(32), sha256(new Uint8Array()),
  ]
}

test('executeBlock: Prague header hash, roots, fees to vault and coinbase, invalid txs skipped', async () => {
  const { store, state, parent, vm, close } = await openGenesisState(common, genesis)
  try {
    const baseFee = nextBaseFee(parent, genesis.baseFeeFloor)
    assert.equal(baseFee, 875_000_000n) // an empty parent lowers the base fee by 1/8

    const tip = 2_000_000_000n
    const txs = [
      createTx({ type: 0, nonce: 0n, gasPrice: baseFee + tip, gasLimit: 21_000n, to: B, value: 5n }, { common }).sign(KEY_A),
      createTx({ type: 1, nonce: 1n, gasPrice: baseFee + tip, gasLimit: 25_000n, to: B, value: 6n, accessList: [] }, { common }).sign(KEY_A),
      createTx({ type: 2, nonce: 2n, maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: tip, gasLimit: 200_000n, data: LOGGER_INIT }, { common }).sign(KEY_A),
      createTx({ type: 2, nonce: 3n, maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: tip, gasLimit: 50_000n, to: generateAddress(A, bigIntToUnpaddedBytes(2n)) }, { common }).sign(KEY_A),
      // B's first tx has a nonce gap: it fails at execution and B's later tx is not offered.
      createTx({ type: 2, nonce: 5n, maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: tip, gasLimit: 21_000n, to: A }, { common }).sign(KEY_B),
      createTx({ type: 2, nonce: 6n, maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: tip, gasLimit: 21_000n, to: A }, { common }).sign(KEY_B),
    ].map(pooled)
    const invalid: string[] = []
    const src = source(txs)
    const { sealed, receipts } = await executeBlock(
      { vm, common },
      {
        parent,
        timestamp: parent.timestamp + 1n,
        baseFeePerGas: baseFee,
        gasLimit: genesis.gasLimit,
        coinbase: COINBASE,
        feeVault: VAULT,
        txs: src,
        onInvalid: (tx, error) => invalid.push(`${bytesToHex(tx.hash)} ${error.message.slice(0, 40)}`),
      },
    )
    const header = sealed.block.header
    assert.equal(sealed.block.transactions.length, 4)
    assert.equal(invalid.length, 1)
    assert.ok(invalid[0]?.startsWith(`${bytesToHex(txs[4]!.hash)} the tx doesn't have the correct nonce`), invalid[0])
    assert.deepEqual(src.skipped, [bytesToHex(B)])

    // keccak(rlp(header)) over the 21 Prague fields is the block hash
    assert.equal(bytesToHex(sealed.hash), bytesToHex(keccak_256(RLP.encode(pragueHeaderFields(header)))))
    assert.equal(bytesToHex(header.parentHash), bytesToHex(parent.hash()))
    assert.equal(header.number, 1n)

    // roots against @ethereumjs's incremental tries
    assert.equal(bytesToHex(header.transactionsTrie), bytesToHex(await genTransactionsTrieRoot(sealed.block.transactions)))
    const receiptTrie = await createMPT()
    const cumulative = [21_000n, 42_000n]
    for (let i = 0; i < receipts.length; i++) {
      const r = receipts[i]!
      if (i < 2) assert.equal(r.cumulativeGasUsed, cumulative[i])
      await receiptTrie.put(
        RLP.encode(i),
        encodeReceipt(
          { status: r.status, cumulativeBlockGasUsed: r.cumulativeGasUsed, bitvector: logsBloom(r.logs), logs: r.logs.map((l) => [l.address, l.topics, l.data]) } as never,
          r.type as 0 | 1 | 2 | 4,
        ),
      )
    }
    const created = generateAddress(A, bigIntToUnpaddedBytes(2n))
    assert.equal(receipts[2]!.status, 1)
    assert.equal(bytesToHex(receipts[2]!.contractAddress ?? new Uint8Array()), bytesToHex(created))
    assert.equal(receipts[2]!.logs.length, 0)
    assert.equal(receipts[3]!.status, 1)
    assert.deepEqual(receipts[3]!.logs.map((l) => [bytesToHex(l.address), l.topics.map(bytesToHex), bytesToHex(l.data)]), [
      [bytesToHex(created), [`0x${'00'.repeat(31)}2a`], `0x${'00'.repeat(31)}2a`],
    ])
    assert.equal(bytesToHex(header.logsBloom), bytesToHex(logsBloom(receipts[3]!.logs)))
    assert.equal(bytesToHex(header.receiptTrie), bytesToHex(receiptTrie.root()))
    assert.equal(header.gasUsed, receipts[3]!.cumulativeGasUsed)
    assert.equal(bytesToHex(orderedTrieRoot([])), bytesToHex(KECCAK256_RLP))

    // fees: priority fees to the coinbase, base fees to the vault (not burned)
    const vault = await state.getAccount(new Address(VAULT))
    const coinbase = await state.getAccount(new Address(COINBASE))
    assert.equal(vault?.balance, header.gasUsed * baseFee)
    assert.equal(coinbase?.balance, header.gasUsed * tip)
    assert.equal(receipts[0]!.effectiveGasPrice, baseFee + tip)

    // the state root is what was written: a fresh state manager over the buffered store reads it
    const view = await createStateManager({ common, store: store.shallowCopy() as typeof store, root: header.stateRoot })
    assert.equal((await view.getAccount(new Address(B)))?.balance, 0xde0b6b3a7640000000n + 11n)
    assert.equal((await view.getAccount(new Address(A)))?.nonce, 4n)
    assert.ok(store.pendingWrites() > 0)
  } finally {
    await close()
  }
})

test('executeBlock: a tx that does not fit the remaining gas is left for the next block', async () => {
  const { parent, vm, close } = await openGenesisState(common, genesis)
  try {
    const txs = [
      createTx({ type: 2, nonce: 0n, maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: 1n, gasLimit: 21_000n, to: B }, { common }).sign(KEY_A),
      createTx({ type: 2, nonce: 1n, maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: 1n, gasLimit: 30_000n, to: B }, { common }).sign(KEY_A),
    ].map(pooled)
    const src = source(txs)
    const invalid: unknown[] = []
    const { sealed } = await executeBlock(
      { vm, common },
      { parent, timestamp: parent.timestamp + 1n, baseFeePerGas: 10n ** 9n, gasLimit: 42_000n, coinbase: COINBASE, feeVault: VAULT, txs: src, onInvalid: (t) => invalid.push(t) },
    )
    assert.equal(sealed.block.transactions.length, 1)
    assert.equal(sealed.block.header.gasUsed, 21_000n)
    assert.equal(sealed.block.header.gasLimit, 42_000n)
    assert.deepEqual(invalid, [])
    assert.deepEqual(src.skipped, [bytesToHex(A)])
  } finally {
    await close()
  }
})
