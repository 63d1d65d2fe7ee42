/**
 * Helpers for the predeploy tests: viem clients on a test node, and `systemCalls`, which runs calls
 * as the depositor system address inside one eth_call (the SystemCaller probe is put at that address
 * with a state override), so a system call's effects can be read back in the same call.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import {
  createPublicClient,
  createWalletClient,
  decodeFunctionResult,
  defineChain,
  encodeFunctionData,
  http,
  type Abi,
  type Account,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { DEPOSITOR_ADDRESS } from '../../../contracts/l2/addresses.ts'
import type { TestNode } from '../../helpers/node.ts'

export interface L2Clients {
  chain: Chain
  publicClient: PublicClient<Transport, Chain>
  wallet: WalletClient<Transport, Chain, Account>
  address: Hex
}

export function l2Clients(node: TestNode, accountIndex = 0): L2Clients {
  const chain = defineChain({
    id: 73404,
    name: 'nomx dev',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [node.rpcUrl] } },
  })
  const key = node.accounts[accountIndex]?.privateKey
  assert.ok(key !== undefined)
  const account = privateKeyToAccount(key)
  const transport = http(node.rpcUrl, { retryCount: 0 })
  return {
    chain,
    address: account.address,
    publicClient: createPublicClient({ chain, transport, pollingInterval: 50 }),
    wallet: createWalletClient({ chain, transport, account }),
  }
}

/** A raw JSON-RPC call; returns the full response (result or error) so tests can assert errors exactly. */
export async function rpc(url: string, method: string, params: unknown[]): Promise<{ result?: unknown; error?: { code: number; message: string; data?: unknown } }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })
  return (await response.json()) as { result?: unknown; error?: { code: number; message: string; data?: unknown } }
}

export const systemCallerAbi = [
  {
    type: 'function',
    name: 'run',
    stateMutability: 'nonpayable',
    inputs: [{ name: 'calls', type: 'tuple[]', components: [{ name: 'target', type: 'address' }, { name: 'data', type: 'bytes' }] }],
    outputs: [{ name: 'results', type: 'bytes[]' }],
  },
] as const satisfies Abi

/** Runtime code of SystemCaller.sol (compiled with solc-js once per test file). */
export function compileSystemCaller(): Hex {
  const require = createRequire(import.meta.url)
  const solc = require('solc') as { compile(input: string): string }
  const content = readFileSync(new URL('./SystemCaller.sol', import.meta.url), 'utf8')
  const input = {
    language: 'Solidity',
    sources: { 'SystemCaller.sol': { content } },
    settings: { evmVersion: 'prague', optimizer: { enabled: true, runs: 200 }, outputSelection: { '*': { SystemCaller: ['evm.deployedBytecode.object'] } } },
  }
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as { contracts: Record<string, Record<string, { evm: { deployedBytecode: { object: string } } }>> }
  return `0x${output.contracts['SystemCaller.sol']!.SystemCaller!.evm.deployedBytecode.object}`
}

export interface SystemCall {
  target: Hex
  data: Hex
}

/**
 * Runs `calls` in order as the depositor system address (or `as`) in one eth_call; returns each
 * call's return data, or the JSON-RPC error of the first failing one (its revert data in error.data).
 */
export async function systemCalls(
  node: TestNode,
  systemCallerCode: Hex,
  calls: SystemCall[],
  as: Hex = DEPOSITOR_ADDRESS,
): Promise<{ results?: readonly Hex[]; error?: { code: number; message: string; data?: unknown } }> {
  const data = encodeFunctionData({ abi: systemCallerAbi, functionName: 'run', args: [calls] })
  const response = await rpc(node.rpcUrl, 'eth_call', [{ to: as, data, gas: '0x1c9c380' }, 'latest', { [as]: { code: systemCallerCode } }])
  if (response.error !== undefined) return { error: response.error }
  return { results: decodeFunctionResult({ abi: systemCallerAbi, functionName: 'run', data: response.result as Hex }) }
}

/** The JSON-RPC error of an eth_call that reverted with `data` (a custom error), as the node reports it. */
export function reverted(data: Hex): { code: number; message: string; data: Hex } {
  return { code: 3, message: 'execution reverted', data }
}
