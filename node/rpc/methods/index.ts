/**
 * The method table: wire name → handler. Explicit on purpose (no reflection): a method exists on the
 * wire exactly when it is listed here.
 */
import type { RPCMethod } from '../context.ts'
import { eth_accounts } from './eth_accounts.ts'
import { eth_blockNumber } from './eth_blockNumber.ts'
import { eth_call } from './eth_call.ts'
import { eth_chainId } from './eth_chainId.ts'
import { eth_createAccessList } from './eth_createAccessList.ts'
import { eth_estimateGas } from './eth_estimateGas.ts'
import { eth_feeHistory } from './eth_feeHistory.ts'
import { eth_gasPrice } from './eth_gasPrice.ts'
import { eth_getBalance } from './eth_getBalance.ts'
import { eth_getBlockByHash } from './eth_getBlockByHash.ts'
import { eth_getBlockByNumber } from './eth_getBlockByNumber.ts'
import { eth_getBlockReceipts } from './eth_getBlockReceipts.ts'
import { eth_getBlockTransactionCountByHash } from './eth_getBlockTransactionCountByHash.ts'
import { eth_getBlockTransactionCountByNumber } from './eth_getBlockTransactionCountByNumber.ts'
import { eth_getCode } from './eth_getCode.ts'
import { eth_getFilterChanges } from './eth_getFilterChanges.ts'
import { eth_getFilterLogs } from './eth_getFilterLogs.ts'
import { eth_getLogs } from './eth_getLogs.ts'
import { eth_getProof } from './eth_getProof.ts'
import { eth_getStorageAt } from './eth_getStorageAt.ts'
import { eth_getTransactionByBlockHashAndIndex } from './eth_getTransactionByBlockHashAndIndex.ts'
import { eth_getTransactionByBlockNumberAndIndex } from './eth_getTransactionByBlockNumberAndIndex.ts'
import { eth_getTransactionByHash } from './eth_getTransactionByHash.ts'
import { eth_getTransactionCount } from './eth_getTransactionCount.ts'
import { eth_getTransactionReceipt } from './eth_getTransactionReceipt.ts'
import { eth_getUncleCountByBlockHash } from './eth_getUncleCountByBlockHash.ts'
import { eth_getUncleCountByBlockNumber } from './eth_getUncleCountByBlockNumber.ts'
import { eth_maxPriorityFeePerGas } from './eth_maxPriorityFeePerGas.ts'
import { eth_newBlockFilter } from './eth_newBlockFilter.ts'
import { eth_newFilter } from './eth_newFilter.ts'
import { eth_newPendingTransactionFilter } from './eth_newPendingTransactionFilter.ts'
import { eth_sendRawTransaction } from './eth_sendRawTransaction.ts'
import { eth_subscribe } from './eth_subscribe.ts'
import { eth_syncing } from './eth_syncing.ts'
import { eth_uninstallFilter } from './eth_uninstallFilter.ts'
import { eth_unsubscribe } from './eth_unsubscribe.ts'
import { net_listening } from './net_listening.ts'
import { net_peerCount } from './net_peerCount.ts'
import { net_version } from './net_version.ts'
import { nomx_outputAtBlock } from './nomx_outputAtBlock.ts'
import { txpool_content } from './txpool_content.ts'
import { txpool_status } from './txpool_status.ts'
import { web3_clientVersion } from './web3_clientVersion.ts'
import { web3_sha3 } from './web3_sha3.ts'

export const methods: ReadonlyMap<string, RPCMethod> = new Map<string, RPCMethod>([
  ['web3_clientVersion', web3_clientVersion],
  ['web3_sha3', web3_sha3],
  ['net_version', net_version],
  ['net_listening', net_listening],
  ['net_peerCount', net_peerCount],
  ['eth_chainId', eth_chainId],
  ['eth_syncing', eth_syncing],
  ['eth_blockNumber', eth_blockNumber],
  ['eth_gasPrice', eth_gasPrice],
  ['eth_maxPriorityFeePerGas', eth_maxPriorityFeePerGas],
  ['eth_feeHistory', eth_feeHistory],
  ['eth_accounts', eth_accounts],
  ['eth_getBalance', eth_getBalance],
  ['eth_getCode', eth_getCode],
  ['eth_getStorageAt', eth_getStorageAt],
  ['eth_getTransactionCount', eth_getTransactionCount],
  ['eth_getBlockByNumber', eth_getBlockByNumber],
  ['eth_getBlockByHash', eth_getBlockByHash],
  ['eth_getBlockTransactionCountByHash', eth_getBlockTransactionCountByHash],
  ['eth_getBlockTransactionCountByNumber', eth_getBlockTransactionCountByNumber],
  ['eth_getTransactionByHash', eth_getTransactionByHash],
  ['eth_getTransactionByBlockHashAndIndex', eth_getTransactionByBlockHashAndIndex],
  ['eth_getTransactionByBlockNumberAndIndex', eth_getTransactionByBlockNumberAndIndex],
  ['eth_getTransactionReceipt', eth_getTransactionReceipt],
  ['eth_getBlockReceipts', eth_getBlockReceipts],
  ['eth_getUncleCountByBlockHash', eth_getUncleCountByBlockHash],
  ['eth_getUncleCountByBlockNumber', eth_getUncleCountByBlockNumber],
  ['eth_sendRawTransaction', eth_sendRawTransaction],
  ['eth_call', eth_call],
  ['eth_estimateGas', eth_estimateGas],
  ['eth_createAccessList', eth_createAccessList],
  ['eth_getLogs', eth_getLogs],
  ['eth_newFilter', eth_newFilter],
  ['eth_newBlockFilter', eth_newBlockFilter],
  ['eth_newPendingTransactionFilter', eth_newPendingTransactionFilter],
  ['eth_getFilterChanges', eth_getFilterChanges],
  ['eth_getFilterLogs', eth_getFilterLogs],
  ['eth_uninstallFilter', eth_uninstallFilter],
  ['eth_getProof', eth_getProof],
  ['eth_subscribe', eth_subscribe],
  ['eth_unsubscribe', eth_unsubscribe],
  ['txpool_status', txpool_status],
  ['txpool_content', txpool_content],
  ['nomx_outputAtBlock', nomx_outputAtBlock],
])
