/**
 * Assembles and executes one block: runs its deposits first (node/execution/executeDeposit.ts),
 * then txs one by one (plain value transfers by valueTransfer.ts, the rest with `runTx`) against
 * the sequencer's state
 * (one outer checkpoint, so the trie is written and the state root computed once per block), skips
 * what does not fit or fails, credits the base fees to the fee vault, and builds the full Prague
 * header (tx/receipt roots, bloom, withdrawalsRoot = empty trie, requestsHash of no requests, zero
 * beacon root, no blob gas) so keccak(rlp(header)) is the hash clients compute.
 *
 * Not done here (unlike a mainnet block): the EIP-2935/4788/7002/7251 system calls. This chain has
 * no beacon chain and no withdrawal requests, and the system contracts are not in its genesis.
 */
import { Block, createBlockHeader } from '@ethereumjs/block'
import { Account, Address } from '@ethereumjs/util'
import { Bloom, runTx } from '@ethereumjs/vm'
import { Capability } from '@ethereumjs/tx'
import type { BlockHeader } from '@ethereumjs/block'
import type { Common } from '@ethereumjs/common'
import type { FeeMarket1559Tx, TypedTransaction } from '@ethereumjs/tx'
import type { PostByzantiumTxReceipt, VM } from '@ethereumjs/vm'
import type { IncludedDeposit, PooledTransaction, SealedBlock } from '../backend.ts'
import { blockSize } from '../chain/blockCodec.ts'
import { encodeDepositReceipt, encodeTxReceipt, type ExecutedReceipt } from '../chain/receiptCodec.ts'
import { depositTxHash, encodeDepositTx, type DepositTx } from '../deposits/depositTx.ts'
import { executeDeposit } from './executeDeposit.ts'
import { orderedTrieRoot } from './orderedTrieRoot.ts'
import { applyValueTransfer, TRANSFER_GAS, type ValueTransferContext } from './valueTransfer.ts'
import { PRELOADED_PARAMS } from './chainCommon.ts'

/** Where a block's transactions come from (the tx pool's candidates, best first; a replica's checked txs in order). */
export interface TxSource {
  /** The next candidate; a promise while it is not ready yet (a replica's checks still running). */
  next(): PooledTransaction | undefined | Promise<PooledTransaction | undefined>
  /** Do not offer more txs of this sender in this block (a gap would follow). */
  skipSender(sender: Uint8Array): void
}

export interface ExecuteBlockParams {
  parent: BlockHeader
  timestamp: bigint
  baseFeePerGas: bigint
  gasLimit: bigint
  /** Coinbase: receives priority fees. */
  coinbase: Uint8Array
  /** Receives base fees at the end of the block. */
  feeVault: Uint8Array
  txs: TxSource
  /**
   * Deposit transactions, run first in this order; all are included (failed ones with a failed
   * receipt). Their gas limits must fit in `gasLimit` together, or the block is not built.
   */
  deposits?: DepositTx[]
  /** A deposit that could not run at all (included with a failed receipt): why. */
  onDepositFailed?: (deposit: DepositTx, reason: string) => void
  /** A tx that cannot execute on this state (bad nonce, funds, fee): the caller drops it. */
  onInvalid?: (tx: PooledTransaction, error: Error) => void
}

export interface ExecutedBlock {
  sealed: SealedBlock
  receipts: ExecutedReceipt[]
}

/** Smallest gas any tx uses; below this much room the block is full. */
const MIN_TX_GAS = 21_000n
/** Bytes of a logs bloom (all zero for a receipt without logs). */
const BLOOM_BYTES = 256

function effectiveGasPrice(tx: TypedTransaction, baseFee: bigint): bigint {
  if (tx.supports(Capability.EIP1559FeeMarket)) {
    const t = tx as FeeMarket1559Tx
    const tip = t.maxFeePerGas - baseFee < t.maxPriorityFeePerGas ? t.maxFeePerGas - baseFee : t.maxPriorityFeePerGas
    return baseFee + tip
  }
  return (tx as { gasPrice: bigint }).gasPrice
}

export interface ExecutionContext {
  vm: VM
  common: Common
  /** Plain value transfers without the EVM (valueTransfer.ts); default true. False runs every tx with `runTx`. */
  valueTransfers?: boolean
}

export async function executeBlock(ctx: ExecutionContext, params: ExecuteBlockParams): Promise<ExecutedBlock> {
  const { vm, common } = ctx
  const state = vm.stateManager
  const number = params.parent.number + 1n
  const headerFields = {
    parentHash: params.parent.hash(),
    coinbase: params.coinbase,
    number,
    gasLimit: params.gasLimit,
    timestamp: params.timestamp,
    baseFeePerGas: params.baseFeePerGas,
    difficulty: 0n,
    blobGasUsed: 0n,
    excessBlobGas: 0n,
  }
  const execBlock = new Block(createBlockHeader(headerFields, { common, setHardfork: false, params: PRELOADED_PARAMS }), [], [], [], { common, params: PRELOADED_PARAMS })

  const included: PooledTransaction[] = []
  const receipts: ExecutedReceipt[] = []
  const encodedReceipts: Uint8Array[] = []
  const bloom = new Bloom(undefined, common)
  let gasUsed = 0n
  let baseFees = 0n

  const depositTxs = params.deposits ?? []
  const depositGas = depositTxs.reduce((sum, d) => sum + d.gas, 0n)
  if (depositGas > params.gasLimit) {
    throw new RangeError(`deposits need ${depositGas} gas, more than the block gas limit ${params.gasLimit}`)
  }
  const deposits: IncludedDeposit[] = []
  const transferContext: ValueTransferContext = { state, coinbase: execBlock.header.coinbase, baseFeePerGas: params.baseFeePerGas, blockGasLimit: params.gasLimit }
  await state.checkpoint()
  try {
    if (depositTxs.length > 0) {
      // Deposits pay no fee: their EVM context has a zero base fee (see executeDeposit.ts).
      const depositHeader = createBlockHeader({ ...headerFields, baseFeePerGas: 0n }, { common, setHardfork: false, params: PRELOADED_PARAMS })
      const depositBlock = new Block(depositHeader, [], [], [], { common, params: PRELOADED_PARAMS })
      for (const tx of depositTxs) {
        const { receipt, nonce, failure } = await executeDeposit(vm, common, depositBlock, tx, gasUsed)
        if (failure !== undefined) params.onDepositFailed?.(tx, failure)
        gasUsed = receipt.cumulativeGasUsed
        const receiptBloom = receipt.logsBloom ?? new Bloom(undefined, common).bitvector
        bloom.or(new Bloom(receiptBloom, common))
        deposits.push({ tx, hash: depositTxHash(tx), nonce })
        encodedReceipts.push(encodeDepositReceipt(receipt, receiptBloom))
        receipts.push({ ...receipt, logsBloom: receiptBloom })
      }
    }
    for (;;) {
      const offered = params.txs.next()
      const candidate = offered instanceof Promise ? await offered : offered
      if (candidate === undefined) break
      const remaining = params.gasLimit - gasUsed
      if (remaining < MIN_TX_GAS) break
      const { tx } = candidate
      if (tx.gasLimit > remaining) {
        params.txs.skipSender(candidate.sender)
        continue
      }
      const transfer = ctx.valueTransfers === false ? undefined : await applyValueTransfer(transferContext, tx, candidate.sender)
      if (transfer !== undefined) {
        gasUsed += TRANSFER_GAS
        baseFees += TRANSFER_GAS * params.baseFeePerGas
        included.push(candidate)
        const logsBloom = new Uint8Array(BLOOM_BYTES)
        encodedReceipts.push(encodeTxReceipt(tx.type, 1, gasUsed, logsBloom, []))
        receipts.push({ type: tx.type, status: 1, cumulativeGasUsed: gasUsed, gasUsed: TRANSFER_GAS, effectiveGasPrice: params.baseFeePerGas + transfer.tipPerGas, contractAddress: null, logs: [], logsBloom })
        continue
      }
      let result
      try {
        result = await runTx(vm, { tx, block: execBlock, skipHardForkValidation: true, blockGasUsed: gasUsed })
      } catch (error) {
        params.txs.skipSender(candidate.sender)
        params.onInvalid?.(candidate, error as Error)
        continue
      }
      const receipt = result.receipt as PostByzantiumTxReceipt
      gasUsed = receipt.cumulativeBlockGasUsed
      baseFees += result.totalGasSpent * params.baseFeePerGas
      bloom.or(result.bloom)
      included.push(candidate)
      encodedReceipts.push(encodeTxReceipt(tx.type, receipt.status, receipt.cumulativeBlockGasUsed, receipt.bitvector, receipt.logs))
      receipts.push({
        type: tx.type,
        status: receipt.status,
        cumulativeGasUsed: receipt.cumulativeBlockGasUsed,
        gasUsed: result.totalGasSpent,
        effectiveGasPrice: effectiveGasPrice(tx, params.baseFeePerGas),
        contractAddress: result.createdAddress?.bytes ?? null,
        logs: receipt.logs.map(([address, topics, data]) => ({ address, topics, data })),
        logsBloom: receipt.bitvector,
      })
    }
    if (baseFees > 0n) {
      const vault = new Address(params.feeVault)
      const account = (await state.getAccount(vault)) ?? new Account()
      account.balance += baseFees
      await state.putAccount(vault, account)
    }
    await state.commit()
  } catch (error) {
    await state.revert()
    throw error
  }
  const stateRoot = await state.getStateRoot()

  const transactions = included.map((p) => p.tx)
  const header = createBlockHeader(
    {
      ...headerFields,
      stateRoot,
      transactionsTrie: orderedTrieRoot([...deposits.map((d) => encodeDepositTx(d.tx)), ...transactions.map((tx) => tx.serialize())]),
      receiptTrie: orderedTrieRoot(encodedReceipts),
      logsBloom: bloom.bitvector,
      gasUsed,
    },
    { common, setHardfork: false, params: PRELOADED_PARAMS },
  )
  const block = new Block(header, transactions, [], [], { common, params: PRELOADED_PARAMS })
  const sealed: SealedBlock = { block, hash: header.hash(), senders: included.map((p) => p.sender), size: blockSize(block, deposits) }
  if (params.deposits !== undefined) sealed.deposits = deposits
  return { sealed, receipts }
}
