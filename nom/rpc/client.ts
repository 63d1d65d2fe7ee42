/**
 * Typed NoM JSON-RPC client: one method per row of the reference's §4 table, results decoded into
 * nom/types.ts values, plus `call` for any other method (embedded.*). Works over HTTP or WebSocket;
 * subscriptions need WebSocket (see subscriptions.ts).
 */
import type { AccountBlock, Address, Hash } from '../types.ts'
import type { AccountBlockWithExtras, AccountInfo, MomentumWithProducer } from '../json.ts'
import { accountBlockToJSON, accountBlockWithExtrasFromJSON, accountInfoFromJSON, momentumFromJSON } from '../json.ts'
import { readNullable } from '../jsonReader.ts'
import { formatAddress } from '../address.ts'
import { toHex } from '../hash.ts'
import { InvalidJSONError } from '../errors.ts'
import type { RequestOptions, RetryPolicy, Transport } from './transport.ts'
import { createHTTPTransport } from './httpTransport.ts'
import { WSTransport } from './wsTransport.ts'
import type {
  AccountBlockList,
  DetailedMomentumList,
  FusionEntryList,
  MomentumList,
  NetworkInfo,
  PlasmaInfo,
  ProcessInfo,
  RequiredPoW,
  RequiredPoWParams,
  SyncInfo,
} from './results.ts'
import {
  accountBlockListFromJSON,
  detailedMomentumListFromJSON,
  fusionEntryListFromJSON,
  momentumListFromJSON,
  networkInfoFromJSON,
  plasmaInfoFromJSON,
  processInfoFromJSON,
  requiredPoWFromJSON,
  requiredPoWParamsToJSON,
  syncInfoFromJSON,
} from './results.ts'
import type { AccountBlocksFilter, BlocksHandler, MomentumsHandler, NoMSubscription, SubscriptionOptions } from './subscriptions.ts'
import { SubscriptionManager } from './subscriptions.ts'

export interface NoMClientOptions {
  /** `http://…` (port 35997) or `ws://…` (port 35998). */
  url: string
  timeoutMs?: number
  retry?: Partial<RetryPolicy>
}

function num(x: bigint | number): number {
  return typeof x === 'number' ? x : Number(x)
}

export class NoMClient {
  readonly transport: Transport
  private readonly subscriptions: SubscriptionManager | undefined

  constructor(transport: Transport) {
    this.transport = transport
    this.subscriptions = transport instanceof WSTransport ? new SubscriptionManager(transport, this) : undefined
  }

  /** Raw JSON-RPC call (e.g. `embedded.token.getByZts`); the result is the node's JSON. */
  call(method: string, params: unknown[] = [], options?: RequestOptions): Promise<unknown> {
    return this.transport.request(method, params, options)
  }

  async close(): Promise<void> {
    this.subscriptions?.close()
    await this.transport.close()
  }

  // ---- ledger ----------------------------------------------------------------------------

  /** Publishes a complete, signed block; resolves when the node accepted it (result null). */
  async publishRawTransaction(block: AccountBlock): Promise<void> {
    const result = await this.call('ledger.publishRawTransaction', [accountBlockToJSON(block)], { idempotent: false })
    if (result !== null) throw new InvalidJSONError(`ledger.publishRawTransaction: expected null, got ${JSON.stringify(result)}`)
  }

  async getFrontierAccountBlock(address: Address): Promise<AccountBlockWithExtras | null> {
    return readNullable(await this.call('ledger.getFrontierAccountBlock', [formatAddress(address)]), 'result', accountBlockWithExtrasFromJSON)
  }

  async getAccountBlockByHash(hash: Hash): Promise<AccountBlockWithExtras | null> {
    return readNullable(await this.call('ledger.getAccountBlockByHash', [toHex(hash)]), 'result', accountBlockWithExtrasFromJSON)
  }

  async getAccountBlocksByHeight(address: Address, height: bigint | number, count: bigint | number): Promise<AccountBlockList> {
    return accountBlockListFromJSON(await this.call('ledger.getAccountBlocksByHeight', [formatAddress(address), num(height), num(count)]))
  }

  async getAccountBlocksByPage(address: Address, pageIndex: number, pageSize: number): Promise<AccountBlockList> {
    return accountBlockListFromJSON(await this.call('ledger.getAccountBlocksByPage', [formatAddress(address), pageIndex, pageSize]))
  }

  async getUnconfirmedBlocksByAddress(address: Address, pageIndex: number, pageSize: number): Promise<AccountBlockList> {
    return accountBlockListFromJSON(await this.call('ledger.getUnconfirmedBlocksByAddress', [formatAddress(address), pageIndex, pageSize]))
  }

  async getUnreceivedBlocksByAddress(address: Address, pageIndex: number, pageSize: number): Promise<AccountBlockList> {
    return accountBlockListFromJSON(await this.call('ledger.getUnreceivedBlocksByAddress', [formatAddress(address), pageIndex, pageSize]))
  }

  async getAccountInfoByAddress(address: Address): Promise<AccountInfo> {
    return accountInfoFromJSON(await this.call('ledger.getAccountInfoByAddress', [formatAddress(address)]), 'result')
  }

  async getFrontierMomentum(): Promise<MomentumWithProducer> {
    return momentumFromJSON(await this.call('ledger.getFrontierMomentum', []), 'result')
  }

  async getMomentumByHash(hash: Hash): Promise<MomentumWithProducer | null> {
    return readNullable(await this.call('ledger.getMomentumByHash', [toHex(hash)]), 'result', momentumFromJSON)
  }

  async getMomentumsByHeight(height: bigint | number, count: bigint | number): Promise<MomentumList> {
    return momentumListFromJSON(await this.call('ledger.getMomentumsByHeight', [num(height), num(count)]))
  }

  async getMomentumsByPage(pageIndex: number, pageSize: number): Promise<MomentumList> {
    return momentumListFromJSON(await this.call('ledger.getMomentumsByPage', [pageIndex, pageSize]))
  }

  async getDetailedMomentumsByHeight(height: bigint | number, count: bigint | number): Promise<DetailedMomentumList> {
    return detailedMomentumListFromJSON(await this.call('ledger.getDetailedMomentumsByHeight', [num(height), num(count)]))
  }

  /** Latest momentum with timestamp strictly before `unixSeconds`; null at or before genesis. */
  async getMomentumBeforeTime(unixSeconds: bigint | number): Promise<MomentumWithProducer | null> {
    return readNullable(await this.call('ledger.getMomentumBeforeTime', [num(unixSeconds)]), 'result', momentumFromJSON)
  }

  // ---- embedded.plasma -------------------------------------------------------------------

  async getRequiredPoWForAccountBlock(params: RequiredPoWParams): Promise<RequiredPoW> {
    return requiredPoWFromJSON(await this.call('embedded.plasma.getRequiredPoWForAccountBlock', [requiredPoWParamsToJSON(params)]))
  }

  /** `embedded.plasma.get`. */
  async getPlasma(address: Address): Promise<PlasmaInfo> {
    return plasmaInfoFromJSON(await this.call('embedded.plasma.get', [formatAddress(address)]))
  }

  async getFusionEntriesByAddress(address: Address, pageIndex: number, pageSize: number): Promise<FusionEntryList> {
    return fusionEntryListFromJSON(await this.call('embedded.plasma.getEntriesByAddress', [formatAddress(address), pageIndex, pageSize]))
  }

  // ---- stats -----------------------------------------------------------------------------

  async syncInfo(): Promise<SyncInfo> {
    return syncInfoFromJSON(await this.call('stats.syncInfo', []))
  }

  async networkInfo(): Promise<NetworkInfo> {
    return networkInfoFromJSON(await this.call('stats.networkInfo', []))
  }

  async processInfo(): Promise<ProcessInfo> {
    return processInfoFromJSON(await this.call('stats.processInfo', []))
  }

  /** `stats.osInfo`: OS facts as the node reports them (shape not fixed by go-zenon docs). */
  async osInfo(): Promise<unknown> {
    return this.call('stats.osInfo', [])
  }

  // ---- subscriptions (WebSocket only) ----------------------------------------------------

  private requireSubscriptions(): SubscriptionManager {
    if (this.subscriptions === undefined) throw new TypeError('subscriptions need a WebSocket client (ws:// url)')
    return this.subscriptions
  }

  /** `ledger.subscribe ["momentums"]`, each confirmed momentum exactly once and in height order, across reconnects. */
  subscribeMomentums(handler: MomentumsHandler, options?: SubscriptionOptions): Promise<NoMSubscription> {
    return this.requireSubscriptions().subscribeMomentums(handler, options)
  }

  /** Block topics (`allAccountBlocks`, `accountBlocksByAddress`, `unreceivedAccountBlocksByAddress`), exactly once across reconnects. */
  subscribeAccountBlocks(filter: AccountBlocksFilter, handler: BlocksHandler, options?: SubscriptionOptions): Promise<NoMSubscription> {
    return this.requireSubscriptions().subscribeAccountBlocks(filter, handler, options)
  }
}

/** A client for `url` (http(s):// or ws(s)://). */
export function createNoMClient(options: NoMClientOptions): NoMClient {
  const { url } = options
  const common = { url, ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}), ...(options.retry !== undefined ? { retry: options.retry } : {}) }
  if (/^wss?:\/\//.test(url)) return new NoMClient(new WSTransport(common))
  if (/^https?:\/\//.test(url)) return new NoMClient(createHTTPTransport(common))
  throw new TypeError(`NoM client url must start with http://, https://, ws:// or wss://, got ${JSON.stringify(url)}`)
}
