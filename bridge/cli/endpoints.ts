/**
 * The endpoints and chain a command talks to: `--nom-rpc` / NOMX_NOM_RPC (default the local NoM
 * node), `--l2-rpc` / NOMX_L2_RPC (default the local L2 node), `--chain-id` (default the L2's
 * eth_chainId), `--timeout SECONDS` for every wait.
 */
import { BridgeUserError } from './errors.ts'
import { integerFlag, type Flags } from './flags.ts'
import type { L2Rpc } from './l2Rpc.ts'
import { DEFAULT_NOM_RPC } from './nomConnection.ts'

export const DEFAULT_L2_RPC = 'http://127.0.0.1:8545'
export const DEFAULT_TIMEOUT_SECONDS = 300n

export const ENDPOINT_FLAGS = ['nom-rpc', 'l2-rpc', 'chain-id', 'timeout'] as const

export const ENDPOINT_HELP = `  --nom-rpc URL            NoM node (env NOMX_NOM_RPC, default ${DEFAULT_NOM_RPC})
  --l2-rpc URL             L2 node (env NOMX_L2_RPC, default ${DEFAULT_L2_RPC})
  --chain-id N             the L2 chain id on the anchor (default: eth_chainId of the L2 node)
  --timeout SECONDS        longest wait for each step (default ${DEFAULT_TIMEOUT_SECONDS})`

export function nomRpcUrl(flags: Flags, env: NodeJS.ProcessEnv): string {
  return flags.get('nom-rpc') ?? env.NOMX_NOM_RPC ?? DEFAULT_NOM_RPC
}

export function l2RpcUrl(flags: Flags, env: NodeJS.ProcessEnv): string {
  return flags.get('l2-rpc') ?? env.NOMX_L2_RPC ?? DEFAULT_L2_RPC
}

export function timeoutMs(flags: Flags): number {
  const seconds = integerFlag(flags, 'timeout') ?? DEFAULT_TIMEOUT_SECONDS
  if (seconds === 0n) throw new BridgeUserError('--timeout must be at least 1 second')
  return Number(seconds) * 1000
}

export async function resolveChainId(flags: Flags, l2: L2Rpc): Promise<bigint> {
  const given = integerFlag(flags, 'chain-id')
  if (given !== undefined) return given
  return BigInt(await l2.call<string>('eth_chainId'))
}
