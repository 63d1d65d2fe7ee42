/** The devnet's JSON-RPC method table: wire name → handler (contract read APIs are added per contract). */
import type { RPCMethod } from './context.ts'
import type { EmbeddedContract } from '../embedded/types.ts'
import { readOnlyStorage } from '../embedded/runtime.ts'
import { ledger_publishRawTransaction } from './methods/ledger.publishRawTransaction.ts'
import { ledger_getFrontierAccountBlock } from './methods/ledger.getFrontierAccountBlock.ts'
import { ledger_getAccountBlockByHash } from './methods/ledger.getAccountBlockByHash.ts'
import { ledger_getAccountBlocksByHeight } from './methods/ledger.getAccountBlocksByHeight.ts'
import { ledger_getAccountBlocksByPage } from './methods/ledger.getAccountBlocksByPage.ts'
import { ledger_getUnconfirmedBlocksByAddress } from './methods/ledger.getUnconfirmedBlocksByAddress.ts'
import { ledger_getUnreceivedBlocksByAddress } from './methods/ledger.getUnreceivedBlocksByAddress.ts'
import { ledger_getAccountInfoByAddress } from './methods/ledger.getAccountInfoByAddress.ts'
import { ledger_getFrontierMomentum } from './methods/ledger.getFrontierMomentum.ts'
import { ledger_getMomentumByHash } from './methods/ledger.getMomentumByHash.ts'
import { ledger_getMomentumsByHeight } from './methods/ledger.getMomentumsByHeight.ts'
import { ledger_getMomentumsByPage } from './methods/ledger.getMomentumsByPage.ts'
import { ledger_getDetailedMomentumsByHeight } from './methods/ledger.getDetailedMomentumsByHeight.ts'
import { ledger_getMomentumBeforeTime } from './methods/ledger.getMomentumBeforeTime.ts'
import { ledger_subscribe } from './methods/ledger.subscribe.ts'
import { ledger_unsubscribe } from './methods/ledger.unsubscribe.ts'
import { embedded_plasma_get } from './methods/embedded.plasma.get.ts'
import { embedded_plasma_getEntriesByAddress } from './methods/embedded.plasma.getEntriesByAddress.ts'
import { embedded_plasma_getRequiredPoWForAccountBlock } from './methods/embedded.plasma.getRequiredPoWForAccountBlock.ts'
import { embedded_token_getByZts } from './methods/embedded.token.getByZts.ts'
import { embedded_token_getAll } from './methods/embedded.token.getAll.ts'
import { embedded_token_getByOwner } from './methods/embedded.token.getByOwner.ts'
import { stats_syncInfo } from './methods/stats.syncInfo.ts'
import { stats_networkInfo } from './methods/stats.networkInfo.ts'
import { stats_processInfo } from './methods/stats.processInfo.ts'
import { stats_osInfo } from './methods/stats.osInfo.ts'

const builtin: Record<string, RPCMethod> = {
  'ledger.publishRawTransaction': ledger_publishRawTransaction,
  'ledger.getFrontierAccountBlock': ledger_getFrontierAccountBlock,
  'ledger.getAccountBlockByHash': ledger_getAccountBlockByHash,
  'ledger.getAccountBlocksByHeight': ledger_getAccountBlocksByHeight,
  'ledger.getAccountBlocksByPage': ledger_getAccountBlocksByPage,
  'ledger.getUnconfirmedBlocksByAddress': ledger_getUnconfirmedBlocksByAddress,
  'ledger.getUnreceivedBlocksByAddress': ledger_getUnreceivedBlocksByAddress,
  'ledger.getAccountInfoByAddress': ledger_getAccountInfoByAddress,
  'ledger.getFrontierMomentum': ledger_getFrontierMomentum,
  'ledger.getMomentumByHash': ledger_getMomentumByHash,
  'ledger.getMomentumsByHeight': ledger_getMomentumsByHeight,
  'ledger.getMomentumsByPage': ledger_getMomentumsByPage,
  'ledger.getDetailedMomentumsByHeight': ledger_getDetailedMomentumsByHeight,
  'ledger.getMomentumBeforeTime': ledger_getMomentumBeforeTime,
  'ledger.subscribe': ledger_subscribe,
  'ledger.unsubscribe': ledger_unsubscribe,
  'embedded.plasma.get': embedded_plasma_get,
  'embedded.plasma.getEntriesByAddress': embedded_plasma_getEntriesByAddress,
  'embedded.plasma.getRequiredPoWForAccountBlock': embedded_plasma_getRequiredPoWForAccountBlock,
  'embedded.token.getByZts': embedded_token_getByZts,
  'embedded.token.getAll': embedded_token_getAll,
  'embedded.token.getByOwner': embedded_token_getByOwner,
  'stats.syncInfo': stats_syncInfo,
  'stats.networkInfo': stats_networkInfo,
  'stats.processInfo': stats_processInfo,
  'stats.osInfo': stats_osInfo,
}

/** Methods that write or only touch subscriptions; every other method is a read kept apart from commits. */
const NOT_READS = new Set(['ledger.publishRawTransaction', 'ledger.subscribe', 'ledger.unsubscribe'])

const asRead =
  (method: RPCMethod): RPCMethod =>
  (ctx, params) =>
    ctx.ledger.read(() => method(ctx, params))

/** Built-in methods plus `embedded.<name>.<method>` for every contract's `rpc` table. */
export function createMethodTable(contracts: readonly EmbeddedContract[]): ReadonlyMap<string, RPCMethod> {
  const table = new Map<string, RPCMethod>(Object.entries(builtin).map(([name, m]) => [name, NOT_READS.has(name) ? m : asRead(m)]))
  for (const c of contracts) {
    for (const [name, handler] of Object.entries(c.rpc)) {
      const wire = `embedded.${c.name}.${name}`
      if (table.has(wire)) continue
      table.set(
        wire,
        asRead((ctx, params) => handler({ contract: c.address, storage: readOnlyStorage(ctx.ledger.chain, c.address), ledger: ctx.ledger.reader }, params)),
      )
    }
  }
  return table
}
