/**
 * What the JSON-RPC layer (node/rpc) may use of the node: read interfaces over the chain, state at a
 * block, call execution, the tx pool and events. The sequencer is the only writer; rpc/ reads only
 * through this. Values are bigint and Uint8Array; hex exists only in rpc/.
 *
 * Implemented by node/node.ts (createNode) for the sequencer, and later by the verifier (read-only
 * replica: same interface, txpool refusing writes).
 */
import type { Block, BlockHeader } from '@ethereumjs/block'
import type { TypedTransaction } from '@ethereumjs/tx'
import type { DepositTx } from './deposits/depositTx.ts'

/** Block tags as the JSON-RPC spec names them. `pending` reads as `latest` except for nonces. */
export type BlockTag = 'latest' | 'earliest' | 'pending' | 'safe' | 'finalized'

/** A sealed block with what was learned while executing it. */
export interface SealedBlock {
  block: Block
  hash: Uint8Array
  /** Recovered sender of each transaction, in block order. */
  senders: Uint8Array[]
  /** Byte length of the RLP-encoded block (the `size` field). */
  size: number
  /**
   * Deposit transactions (type 0x7E), executed before `block.transactions`: the block's tx list is
   * deposits then block.transactions (tx index i < deposits.length is deposits[i]). Absent = none.
   */
  deposits?: IncludedDeposit[]
  /** The NoM momentum this block references (set when the node runs with a deposit source). */
  origin?: BlockOrigin
  /** sourceHash of the newest user deposit included in this block or an ancestor (absent = none yet). */
  lastDepositSourceHash?: Uint8Array
}

/** A deposit transaction as included in a block. */
export interface IncludedDeposit {
  tx: DepositTx
  /** keccak256(0x7E ‖ rlp(fields)). */
  hash: Uint8Array
  /** Nonce of `tx.from` before the deposit ran (the receipt's depositNonce; RPC `nonce`). */
  nonce: bigint
}

/** A block's origin momentum on NoM, as the system deposit writes it into NoMInfo. */
export interface BlockOrigin {
  height: bigint
  hash: Uint8Array
  timestamp: bigint
  /** How many earlier L2 blocks have the same origin (0 for the first). */
  sequenceNumber: bigint
}

/** A log with its position, as eth_getLogs and receipts return it. */
export interface LogEntry {
  address: Uint8Array
  topics: Uint8Array[]
  data: Uint8Array
  blockNumber: bigint
  blockHash: Uint8Array
  blockTimestamp: bigint
  transactionHash: Uint8Array
  transactionIndex: number
  /** Index of the log in its block. */
  logIndex: number
  removed: boolean
}

export interface TxReceipt {
  /** EIP-2718 type of the transaction (0, 1, 2, 4; 0x7e for deposits). */
  type: number
  status: 0 | 1
  cumulativeGasUsed: bigint
  gasUsed: bigint
  effectiveGasPrice: bigint
  logsBloom: Uint8Array
  logs: LogEntry[]
  from: Uint8Array
  to: Uint8Array | null
  contractAddress: Uint8Array | null
  transactionHash: Uint8Array
  transactionIndex: number
  blockHash: Uint8Array
  blockNumber: bigint
  /** Deposits only: nonce of the sender before the deposit ran (OP Regolith). */
  depositNonce?: bigint
  /** Deposits only: 1 (OP Canyon: depositNonce is part of the receipt's consensus encoding). */
  depositReceiptVersion?: bigint
}

export interface TxLocation {
  blockHash: Uint8Array
  blockNumber: bigint
  index: number
}

/** A resolved log query: a block range or a single block hash, plus address/topic filters. */
export interface LogQuery {
  fromBlock: bigint
  toBlock: bigint
  /** Empty = any address. */
  addresses: Uint8Array[]
  /** Position i: null = any topic; otherwise any of the listed topics. */
  topics: (Uint8Array[] | null)[]
}

export interface ChainReader {
  /** The newest sealed block (sync; kept in memory). */
  head(): SealedBlock
  /** Block number a tag stands for right now (safe/finalized: genesis until something is safe). */
  numberOfTag(tag: BlockTag): bigint
  getBlockByNumber(number: bigint): Promise<SealedBlock | undefined>
  getBlockByHash(hash: Uint8Array): Promise<SealedBlock | undefined>
  /** Receipts of a block in tx order, or undefined for an unknown block. */
  getReceipts(blockHash: Uint8Array): Promise<TxReceipt[] | undefined>
  getTransactionLocation(txHash: Uint8Array): Promise<TxLocation | undefined>
  /** Logs matching the query, in chain order. Throws LimitExceededError past the configured caps. */
  getLogs(query: LogQuery): Promise<LogEntry[]>
}

export interface AccountState {
  nonce: bigint
  balance: bigint
  codeHash: Uint8Array
  storageRoot: Uint8Array
}

export interface StorageProof {
  key: Uint8Array
  value: bigint
  proof: Uint8Array[]
}

export interface AccountProof {
  address: Uint8Array
  accountProof: Uint8Array[]
  balance: bigint
  codeHash: Uint8Array
  nonce: bigint
  storageHash: Uint8Array
  storageProof: StorageProof[]
}

/** Read-only state at one block's state root. */
export interface StateView {
  getAccount(address: Uint8Array): Promise<AccountState | undefined>
  getCode(address: Uint8Array): Promise<Uint8Array>
  /** The 32-byte slot value (zeros when unset). */
  getStorage(address: Uint8Array, slot: Uint8Array): Promise<Uint8Array>
  getProof(address: Uint8Array, slots: Uint8Array[]): Promise<AccountProof>
}

export interface AccessListEntry {
  address: Uint8Array
  storageKeys: Uint8Array[]
}

export interface AuthorizationEntry {
  chainId: bigint
  address: Uint8Array
  nonce: bigint
  yParity: number
  r: bigint
  s: bigint
}

/** A transaction-shaped request for eth_call / eth_estimateGas / eth_createAccessList. */
export interface CallRequest {
  from?: Uint8Array
  to?: Uint8Array | null
  gas?: bigint
  gasPrice?: bigint
  maxFeePerGas?: bigint
  maxPriorityFeePerGas?: bigint
  value?: bigint
  data?: Uint8Array
  nonce?: bigint
  accessList?: AccessListEntry[]
  authorizationList?: AuthorizationEntry[]
}

/** geth-style state override for one account. `state` replaces all storage; `stateDiff` patches. */
export interface AccountOverride {
  balance?: bigint
  nonce?: bigint
  code?: Uint8Array
  state?: Map<string, Uint8Array>
  stateDiff?: Map<string, Uint8Array>
}

/** Keys are lower-case 0x addresses; slot keys lower-case 0x 32-byte hex. */
export type StateOverrides = Map<string, AccountOverride>

export interface AccessListResult {
  accessList: AccessListEntry[]
  gasUsed: bigint
  /** Set when the call failed; the list is still returned, as geth does. */
  error?: string
}

export interface Executor {
  /** Returns the call's return data. Throws ExecutionRevertedError (data = revert bytes as hex) or ExecutionError. */
  call(request: CallRequest, at: BlockHeader, overrides?: StateOverrides): Promise<Uint8Array>
  /** Smallest gas limit with which the call succeeds. Throws like `call` when it fails at the cap. */
  estimateGas(request: CallRequest, at: BlockHeader, overrides?: StateOverrides): Promise<bigint>
  createAccessList(request: CallRequest, at: BlockHeader): Promise<AccessListResult>
}

/** A transaction the pool holds, with its sender recovered once at admission. */
export interface PooledTransaction {
  tx: TypedTransaction
  hash: Uint8Array
  sender: Uint8Array
  /** Serialized (EIP-2718) bytes as received. */
  raw: Uint8Array
}

export interface TxPoolContent {
  /** sender (lower-case 0x hex) → nonce → tx: executable now, in nonce order without gaps. */
  pending: Map<string, Map<bigint, PooledTransaction>>
  /** sender → nonce → tx: waiting on a nonce gap. */
  queued: Map<string, Map<bigint, PooledTransaction>>
}

export interface TxPoolReader {
  /** Admits a signed tx; returns its hash. Throws TransactionRejectedError with geth's message. */
  add(raw: Uint8Array): Promise<Uint8Array>
  get(hash: Uint8Array): PooledTransaction | undefined
  /** Next nonce for the sender counting pending (not queued) pool txs. */
  pendingNonce(sender: Uint8Array): Promise<bigint>
  content(): TxPoolContent
  status(): { pending: number; queued: number }
}

export interface NodeEvents {
  /** Called once per sealed block, in order, after it is durably stored. Returns an unsubscribe function. */
  onBlock(listener: (block: SealedBlock, receipts: TxReceipt[]) => void): () => void
  /** Called once per tx admitted to the pool. */
  onPendingTransaction(listener: (tx: PooledTransaction) => void): () => void
  /**
   * Called for each block a rewind took out of the canonical chain (a replica following a NoM reorg),
   * newest first, with its receipts' logs marked `removed`. The sequencer never rewinds.
   */
  onBlockRemoved?(listener: (block: SealedBlock, receipts: TxReceipt[]) => void): () => void
}

export interface FeeOracle {
  /** Suggested legacy gas price (base fee of the next block + suggested tip). */
  gasPrice(): Promise<bigint>
  maxPriorityFeePerGas(): Promise<bigint>
  /** Base fee the next block will have. */
  nextBaseFee(): bigint
}

export interface NodeBackend {
  chainId: bigint
  /** e.g. "nomx/v0.1.0/linux-x64/node20.20.2" */
  clientVersion: string
  /** Addresses eth_accounts returns (dev: the funded accounts; node: none). */
  accounts: Uint8Array[]
  chain: ChainReader
  stateAt(header: BlockHeader): Promise<StateView>
  executor: Executor
  txpool: TxPoolReader
  fees: FeeOracle
  events: NodeEvents
}
