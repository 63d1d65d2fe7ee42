/** stats.processInfo [] → {version, commit}. */
import type { RPCMethod } from '../context.ts'

export const stats_processInfo: RPCMethod = async () => ({ version: 'nomx-devnet/0.1.0', commit: 'nomx' })
