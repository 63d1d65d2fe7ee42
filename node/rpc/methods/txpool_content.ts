/** txpool_content: pool txs by sender (checksummed, as geth prints) and decimal nonce. */
import { toChecksumAddress } from '@ethereumjs/util'
import type { PooledTransaction } from '../../backend.ts'
import type { RPCMethod } from '../context.ts'
import { formatTransaction, type JSONObject } from '../format.ts'
import { checkArity } from '../params.ts'

function bySender(groups: Map<string, Map<bigint, PooledTransaction>>): JSONObject {
  const out: JSONObject = {}
  for (const [sender, byNonce] of groups) {
    const txs: JSONObject = {}
    for (const [nonce, pooled] of byNonce) txs[nonce.toString(10)] = formatTransaction(pooled.tx, pooled.sender, null)
    out[toChecksumAddress(sender as `0x${string}`)] = txs
  }
  return out
}

export const txpool_content: RPCMethod = async (ctx, params) => {
  checkArity(params, 0, 0)
  const content = ctx.backend.txpool.content()
  return { pending: bySender(content.pending), queued: bySender(content.queued) }
}
