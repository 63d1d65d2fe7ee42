/**
 * nomx_syncStatus(): the L2's latest / safe / finalized blocks (with their origin momentums), the NoM
 * frontier, and the newest commitment on the anchor (bridge/README.md §4 says what safe and finalized mean).
 */
import type { ChainReader, SealedBlock } from '../../node/backend.ts'
import { StorageError } from '../../node/errors.ts'
import type { RPCMethod } from '../../node/rpc/context.ts'
import { toQuantity } from '../../node/rpc/hex.ts'
import { checkArity } from '../../node/rpc/params.ts'
import { readCommitmentHead } from '../withdrawals/anchorReader.ts'
import { readingNoM, type BridgeRPCDeps } from './deps.ts'
import { blockRefToJSON, commitmentToJSON, momentumToJSON } from './format.ts'

async function blockAt(chain: ChainReader, number: bigint): Promise<SealedBlock> {
  const sealed = await chain.getBlockByNumber(number)
  if (sealed === undefined) throw new StorageError(`block ${number} of a head tag is missing`)
  return sealed
}

export function nomx_syncStatus(deps: BridgeRPCDeps): RPCMethod {
  return async (ctx, params) => {
    checkArity(params, 0, 0)
    const chain = ctx.backend.chain
    const latest = chain.head()
    const safe = await blockAt(chain, chain.numberOfTag('safe'))
    const finalized = await blockAt(chain, chain.numberOfTag('finalized'))
    const nom = await readingNoM(async () => {
      const frontier = await deps.anchor.frontier()
      const { chain: record, newest } = await readCommitmentHead(deps.anchor)
      return { frontier, record, newest }
    })
    return {
      latest: blockRefToJSON(latest),
      safe: blockRefToJSON(safe),
      finalized: blockRefToJSON(finalized),
      nomFrontier: momentumToJSON(nom.frontier),
      chainRegistered: nom.record !== undefined,
      commitmentCount: toQuantity(nom.record?.commitmentCount ?? 0n),
      commitment: nom.newest === undefined ? null : commitmentToJSON(nom.newest),
    }
  }
}
