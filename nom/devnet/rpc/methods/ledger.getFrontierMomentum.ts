/** ledger.getFrontierMomentum [] → Momentum. */
import type { RPCMethod } from '../context.ts'
import { momentumToJSON } from '../../../json.ts'

export const ledger_getFrontierMomentum: RPCMethod = async (ctx) => momentumToJSON(await ctx.ledger.chain.frontierMomentum())
