/** stats.networkInfo [] → {numPeers: 0, peers: [], self}: the devnet has no peers. */
import type { RPCMethod } from '../context.ts'

export const stats_networkInfo: RPCMethod = async (ctx) => ({
  numPeers: 0,
  peers: [],
  self: { publicKey: Buffer.from(ctx.producerPublicKey).toString('hex'), ip: '127.0.0.1', name: '*self*' },
})
