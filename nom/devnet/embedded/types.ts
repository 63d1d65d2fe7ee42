/**
 * The plug-in point for embedded contracts run by the devnet (plasma, token, and the anchor from
 * contracts/anchor). It mirrors go-zenon's embedded contract model:
 *
 * 1. `validateSend` runs when a user's send to the contract is published (go-zenon's
 *    ValidateSendBlock). It decodes the call; a throw rejects the publish with that text and the
 *    block leaves no trace.
 * 2. One momentum after the send is confirmed, the devnet builds the contract's receive block and
 *    calls `execute`. "Now" is the momentum that confirmed the send. A throw rolls back every
 *    storage write and every queued send, and refunds the sender (receive data = u64be(2));
 *    success commits them (receive data = u64be(1)) and the queued sends become ContractSend
 *    descendant blocks.
 */
import type { AccountBlock, Address, Hash, Momentum, TokenStandard } from '../../types.ts'

/** Key/value storage inside one contract's state, keyed by prefix byte + fields (go-zenon style). */
export interface ContractStorage {
  get(key: Uint8Array): Promise<Uint8Array | undefined>
  /** Entries whose key starts with `prefix`, ascending by key. */
  entries(prefix: Uint8Array): AsyncIterable<[key: Uint8Array, value: Uint8Array]>
}

export interface WritableContractStorage extends ContractStorage {
  put(key: Uint8Array, value: Uint8Array): void
  delete(key: Uint8Array): void
}

/** Read access to the ledger, for contract logic and for the contract's RPC read API. */
export interface LedgerReader {
  frontierMomentum(): Promise<Momentum>
  getMomentumByHeight(height: bigint): Promise<Momentum | undefined>
  getAccountBlockByHash(hash: Hash): Promise<AccountBlock | undefined>
  /** Balance of an account in one token (contract balances included). */
  balance(address: Address, token: TokenStandard): Promise<bigint>
}

export interface ExecutionContext {
  /** The momentum that confirmed the send: its height and timestamp are "now". */
  momentum: Momentum
  contract: Address
  /** The contract's own storage; writes are buffered and kept only if `execute` returns. */
  storage: WritableContractStorage
  ledger: LedgerReader
  /**
   * Pays out from the contract: becomes a ContractSend descendant block. The contract's balance
   * (after the send's deposit was credited) must cover it, or the devnet throws.
   */
  send(payout: { to: Address; token: TokenStandard; amount: bigint; data?: Uint8Array }): void
}

export interface EmbeddedMethod {
  /** ABI signature used for the selector, e.g. "Deposit(uint64,address)". */
  signature: string
  /** Base plasma a send calling this method costs (whatever its data length). */
  plasma: bigint
  /**
   * Optional: base plasma that depends on the call data (e.g. the anchor's SubmitFrame costs
   * 21,000 + 68 per data byte like plain data). When present, the devnet uses it instead of `plasma`
   * for publish checks and `embedded.plasma.getRequiredPoWForAccountBlock`; `data` is the whole
   * account-block data (selector included).
   */
  plasmaFor?(data: Uint8Array): bigint
  /** Static checks at publish time. Throw EmbeddedContractError with go-zenon's text to refuse. */
  validateSend(send: AccountBlock): void
  /** Runs at receive time. Throw EmbeddedContractError to fail (rollback + refund). */
  execute(ctx: ExecutionContext, send: AccountBlock): Promise<void>
}

export interface ReadContext {
  contract: Address
  storage: ContractStorage
  ledger: LedgerReader
}

export interface EmbeddedContract {
  address: Address
  /** Name used in the RPC namespace: `embedded.<name>.<method>`. */
  name: string
  methods: EmbeddedMethod[]
  /** JSON-RPC read API; params and results are JSON values (go-zenon shapes). */
  rpc: Record<string, (ctx: ReadContext, params: unknown[]) => Promise<unknown>>
}

/** A refusal or failure inside an embedded contract; `message` is the go-zenon error text. */
export class EmbeddedContractError extends Error {
  override readonly name = 'EmbeddedContractError'
}
