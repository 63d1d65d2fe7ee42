/**
 * Test helpers over a running test node: viem clients bound to it, and the ERC-20 fixture deployed
 * through real transactions. Everything goes over JSON-RPC, as a wallet or dapp would do it.
 */
import assert from 'node:assert/strict'
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  http,
  type Chain,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
  type WalletClient,
  type Account,
  type Transport,
} from 'viem'
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts'
import { loadToken } from '../../fixtures/contracts/compile.ts'
import type { TestNode } from '../../helpers/node.ts'

export const devChainId = 73404

export function devChain(rpcUrl: string): Chain {
  return defineChain({
    id: devChainId,
    name: 'nomx dev',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  })
}

export interface Clients {
  chain: Chain
  publicClient: PublicClient<Transport, Chain>
  wallet: WalletClient<Transport, Chain, Account>
  account: PrivateKeyAccount
}

export function viemClients(node: TestNode, accountIndex = 0): Clients {
  const chain = devChain(node.rpcUrl)
  const key = node.accounts[accountIndex]?.privateKey
  assert.ok(key !== undefined, `no dev account ${accountIndex}`)
  const account = privateKeyToAccount(key)
  const transport = http(node.rpcUrl, { retryCount: 0 })
  return {
    chain,
    account,
    publicClient: createPublicClient({ chain, transport, pollingInterval: 50 }),
    wallet: createWalletClient({ chain, transport, account }),
  }
}

export interface DeployedToken {
  address: Hex
  deployHash: Hex
  receipt: TransactionReceipt
  abi: ReturnType<typeof loadToken>['abi']
}

/** Deploys the fixture ERC-20 from `clients.account` with `supply` tokens and waits for the receipt. */
export async function deployToken(clients: Clients, supply = 1_000_000n * 10n ** 18n): Promise<DeployedToken> {
  const { abi, bytecode } = loadToken()
  const deployHash = await clients.wallet.deployContract({ abi, bytecode, args: [supply] })
  const receipt = await clients.publicClient.waitForTransactionReceipt({ hash: deployHash, pollingInterval: 50 })
  assert.equal(receipt.status, 'success')
  assert.ok(receipt.contractAddress, 'deploy receipt has no contract address')
  return { address: receipt.contractAddress, deployHash, receipt, abi }
}

/** Sends a plain value transfer and waits for its receipt. */
export async function sendValue(clients: Clients, to: Hex, value: bigint): Promise<TransactionReceipt> {
  const hash = await clients.wallet.sendTransaction({ to, value })
  return clients.publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 })
}

export interface PopulatedNode {
  node: TestNode
  clients: Clients
  token: DeployedToken
  /** Block 1: the token deployment. Block 2: a transfer of 25 tokens to account 1. */
  transferHash: Hex
  transferReceipt: TransactionReceipt
}

/** An automining node with the ERC-20 deployed (block 1) and one token transfer mined (block 2). */
export async function startPopulatedNode(options: Parameters<typeof import('../../helpers/node.ts').startTestNode>[0] = {}): Promise<PopulatedNode> {
  const { startTestNode } = await import('../../helpers/node.ts')
  const node = await startTestNode(options)
  try {
    const clients = viemClients(node)
    const token = await deployToken(clients, 1000n)
    const transferHash = await clients.wallet.writeContract({ address: token.address, abi: token.abi, functionName: 'transfer', args: [node.accounts[1]!.address, 25n] })
    const transferReceipt = await clients.publicClient.waitForTransactionReceipt({ hash: transferHash, pollingInterval: 50 })
    assert.equal(transferReceipt.blockNumber, 2n)
    return { node, clients, token, transferHash, transferReceipt }
  } catch (error) {
    await node.stop()
    throw error
  }
}

/** Polls until `check` returns a value other than undefined. */
export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
