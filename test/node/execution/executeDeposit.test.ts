import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createMPT } from '@ethereumjs/mpt'
import { RLP } from '@ethereumjs/rlp'
import { createTx } from '@ethereumjs/tx'
import { Address, bigIntToUnpaddedBytes, bytesToHex, concatBytes, generateAddress, hexToBytes } from '@ethereumjs/util'
import { keccak_256 } from '@noble/hashes/sha3.js'
import type { PooledTransaction } from '../../../node/backend.ts'
import { decodeSealedBlock, encodeBody } from '../../../node/chain/blockCodec.ts'
import { decodeReceipts, encodeReceipts, logsBloom } from '../../../node/chain/receiptCodec.ts'
import { userDepositSourceHash, type DepositTx } from '../../../node/deposits/depositTx.ts'
import { executeBlock, type TxSource } from '../../../node/execution/executeBlock.ts'
import { openGenesisState } from '../../helpers/genesisState.ts'
import { A, KEY_A, RICH, common, testGenesis, VAULT } from './fixtures.ts'

const COINBASE = hexToBytes('0x00000000000000000000000000000000000000c0')
/** Runtime: REVERT(0, 0). */
const REVERTER = hexToBytes('0x00000000000000000000000000000000000000ee')
/** NoM senders: 20 raw address bytes, no L2 balance before. */
const X = hexToBytes('0x0022aa000000000000000000000000000000000a')
const Y = hexToBytes('0x0022bb000000000000000000000000000000000b')
const R = hexToBytes('0x00000000000000000000000000000000000000f1')
const MOMENTUM = hexToBytes(`0x${'ab'.repeat(32)}`)
const genesis = testGenesis({ [bytesToHex(A)]: { balance: RICH }, [bytesToHex(REVERTER)]: { balance: '0x0', code: '0x60006000fd' } })
/** Init code deploying a 13-byte runtime that emits LOG1(topic 0x2a, data = 32-byte 0x2a). */
const LOGGER_INIT = hexToBytes('0x600d600c600039600d6000f3602a600052602a60206000a100')
const E18 = 10n ** 18n

function deposit(index: bigint, fields: Partial<DepositTx>): DepositTx {
  return { sourceHash: userDepositSourceHash(MOMENTUM, index), from: X, to: R, mint: 0n, value: 0n, gas: 100_000n, isSystemTx: false, data: new Uint8Array(), ...fields }
}

function oneTx(tx: PooledTransaction | undefined): TxSource {
  let done = tx === undefined
  return {
    next() {
      if (done) return undefined
      done = true
      return tx
    },
    skipSender() {},
  }
}

/** The receipt trie value of a deposit, assembled here independently (OP Canyon layout). */
function depositReceiptBytes(status: 0 | 1, cumulative: bigint, logs: { address: Uint8Array; topics: Uint8Array[]; data: Uint8Array }[], nonce: bigint): Uint8Array {
  return concatBytes(
    Uint8Array.of(0x7e),
    RLP.encode([status === 1 ? Uint8Array.of(1) : new Uint8Array(), bigIntToUnpaddedBytes(cumulative), logsBloom(logs), logs.map((l) => [l.address, l.topics, l.data]), bigIntToUnpaddedBytes(nonce), Uint8Array.of(1)]),
  )
}

test('executeBlock with deposits: mint + value, reverted call, create, failed deposits; roots; no fees; re-executable', async () => {
  const { state, genesisRoot, parent, vm, close } = await openGenesisState(common, genesis)
  try {
    const deposits: DepositTx[] = [
      // ZNN-style: 10 minted to X, 4 of them sent on to R
      deposit(0n, { mint: 10n * E18, value: 4n * E18, gas: 21_000n }),
      // call to a contract that reverts: mint stays, value stays with X, nonce moves on
      deposit(1n, { mint: E18, value: E18 / 10n, to: REVERTER, gas: 50_000n }),
      // create from X at nonce 2
      deposit(2n, { to: null, data: LOGGER_INIT, gas: 200_000n }),
      // value above the balance after the mint: failed deposit, uses all its gas, mint kept
      deposit(3n, { from: Y, mint: 5n, value: 6n, gas: 30_000n }),
      // gas below the intrinsic 21,000: failed deposit
      deposit(4n, { from: Y, mint: 7n, gas: 20_000n }),
    ]
    const baseFee = 10n ** 9n
    const poolTx = createTx({ type: 2, nonce: 0n, maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: 1n, gasLimit: 21_000n, to: R, value: 1n }, { common }).sign(KEY_A)
    const pooled = { tx: poolTx, hash: poolTx.hash(), sender: A, raw: poolTx.serialize() }
    const failures: string[] = []
    const params = {
      parent, timestamp: parent.timestamp + 1n, baseFeePerGas: baseFee, gasLimit: genesis.gasLimit, coinbase: COINBASE, feeVault: VAULT, deposits,
      onDepositFailed: (d: DepositTx, reason: string) => failures.push(`${bytesToHex(d.sourceHash)} ${reason}`),
    }
    const { sealed, receipts } = await executeBlock({ vm, common }, { ...params, txs: oneTx(pooled) })

    assert.deepEqual(failures, [
      `${bytesToHex(deposits[3]!.sourceHash)} insufficient funds for transfer`,
      `${bytesToHex(deposits[4]!.sourceHash)} intrinsic gas too low`,
    ])
    assert.equal(sealed.deposits?.length, 5)
    assert.equal(sealed.block.transactions.length, 1)
    assert.deepEqual(receipts.map((r) => r.type), [0x7e, 0x7e, 0x7e, 0x7e, 0x7e, 2])
    assert.deepEqual(receipts.map((r) => r.status), [1, 0, 1, 0, 0, 1])
    assert.deepEqual(receipts.slice(0, 5).map((r) => r.depositNonce), [0n, 1n, 2n, 0n, 1n])
    assert.deepEqual(sealed.deposits?.map((d) => d.nonce), [0n, 1n, 2n, 0n, 1n])
    assert.deepEqual(receipts.slice(0, 5).map((r) => r.effectiveGasPrice), [0n, 0n, 0n, 0n, 0n])
    assert.equal(receipts[0]!.gasUsed, 21_000n)
    assert.ok(receipts[1]!.gasUsed > 21_000n && receipts[1]!.gasUsed < 50_000n, `reverted call uses its actual gas, got ${receipts[1]!.gasUsed}`)
    assert.equal(receipts[3]!.gasUsed, 30_000n)
    assert.equal(receipts[4]!.gasUsed, 20_000n)
    const created = generateAddress(X, bigIntToUnpaddedBytes(2n))
    assert.equal(bytesToHex(receipts[2]!.contractAddress!), bytesToHex(created))
    let cumulative = 0n
    for (const r of receipts) {
      cumulative += r.gasUsed
      assert.equal(r.cumulativeGasUsed, cumulative)
    }
    assert.equal(sealed.block.header.gasUsed, cumulative)

    // balances: mint never rolled back, nothing charged to depositors, fees only from the pool tx
    const bal = async (a: Uint8Array) => (await state.getAccount(new Address(a)))?.balance ?? 0n
    const nonce = async (a: Uint8Array) => (await state.getAccount(new Address(a)))?.nonce ?? 0n
    assert.equal(await bal(X), 10n * E18 - 4n * E18 + E18)
    assert.equal(await bal(R), 4n * E18 + 1n)
    assert.equal(await bal(REVERTER), 0n)
    assert.equal(await bal(Y), 12n)
    assert.equal(await nonce(X), 3n)
    assert.equal(await nonce(Y), 2n)
    assert.equal(await bal(VAULT), 21_000n * baseFee)
    assert.equal(await bal(COINBASE), 21_000n)
    assert.equal(bytesToHex(await state.getCode(new Address(created))), '0x602a600052602a60206000a100')

    // roots recomputed with @ethereumjs/mpt over the typed encodings
    const txTrie = await createMPT()
    const receiptTrie = await createMPT()
    const allTxBytes = [...encodedTxsBytes(deposits), poolTx.serialize()]
    for (let i = 0; i < 6; i++) {
      const txBytes = allTxBytes[i]!
      if (i < 5) assert.equal(bytesToHex(sealed.deposits![i]!.hash), bytesToHex(keccak_256(txBytes)))
      await txTrie.put(RLP.encode(i), txBytes)
      const r = receipts[i]!
      const receiptBytes = i < 5
        ? depositReceiptBytes(r.status, r.cumulativeGasUsed, r.logs, r.depositNonce!)
        : concatBytes(Uint8Array.of(2), RLP.encode([Uint8Array.of(1), bigIntToUnpaddedBytes(r.cumulativeGasUsed), logsBloom(r.logs), []]))
      await receiptTrie.put(RLP.encode(i), receiptBytes)
    }
    assert.equal(bytesToHex(sealed.block.header.transactionsTrie), bytesToHex(txTrie.root()))
    assert.equal(bytesToHex(sealed.block.header.receiptTrie), bytesToHex(receiptTrie.root()))
    assert.equal(bytesToHex(sealed.block.header.logsBloom), bytesToHex(logsBloom(receipts.flatMap((r) => r.logs))))
    // size counts the deposits in the block's tx list
    assert.equal(sealed.size, RLP.encode([sealed.block.header.raw(), allTxBytes, [], []]).length)

    // stored forms round-trip
    const decoded = decodeSealedBlock(common, sealed.block.header.serialize(), encodeBody(sealed))
    assert.deepEqual(decoded.deposits, sealed.deposits)
    assert.equal(decoded.size, sealed.size)
    assert.deepEqual(decodeReceipts(encodeReceipts(receipts)).map((r) => [r.depositNonce, r.depositReceiptVersion]), [
      [0n, 1n], [1n, 1n], [2n, 1n], [0n, 1n], [1n, 1n], [undefined, undefined],
    ])

    // re-executing the block from its parent state gives the same block
    await state.setStateRoot(genesisRoot)
    const again = await executeBlock({ vm, common }, { ...params, txs: oneTx(pooled) })
    assert.equal(bytesToHex(again.sealed.hash), bytesToHex(sealed.hash))
  } finally {
    await close()
  }
})

/** Deposit tx encodings assembled here independently (OP field order). */
function encodedTxsBytes(deposits: DepositTx[]): Uint8Array[] {
  return deposits.map((d) =>
    concatBytes(Uint8Array.of(0x7e), RLP.encode([d.sourceHash, d.from, d.to ?? new Uint8Array(), bigIntToUnpaddedBytes(d.mint), bigIntToUnpaddedBytes(d.value), bigIntToUnpaddedBytes(d.gas), new Uint8Array(), d.data])),
  )
}

test('executeBlock refuses deposits whose gas exceeds the block gas limit', async () => {
  const { parent, vm, close } = await openGenesisState(common, genesis)
  try {
    await assert.rejects(
      executeBlock(
        { vm, common },
        { parent, timestamp: parent.timestamp + 1n, baseFeePerGas: 1n, gasLimit: 50_000n, coinbase: COINBASE, feeVault: VAULT, txs: oneTx(undefined), deposits: [deposit(0n, { gas: 30_000n }), deposit(1n, { gas: 30_000n })] },
      ),
      { name: 'RangeError', message: 'deposits need 60000 gas, more than the block gas limit 50000' },
    )
  } finally {
    await close()
  }
})
