/**
 * Sends one EIP-1559 transaction from the user's L2 key and waits for its receipt: nonce from
 * eth_getTransactionCount (pending), gas from eth_estimateGas (+20 %), tip from
 * eth_maxPriorityFeePerGas, fee cap twice eth_gasPrice (room for base-fee rises); signed with @ethereumjs/tx.
 */
import { Hardfork, Mainnet, createCustomCommon } from '@ethereumjs/common'
import { createFeeMarket1559Tx } from '@ethereumjs/tx'
import { bigIntToHex, bytesToHex } from '@ethereumjs/util'
import { BridgeNetworkError, BridgeUserError } from './errors.ts'
import type { L2Key } from './l2Key.ts'
import { L2RpcError, type L2Rpc } from './l2Rpc.ts'
import type { Output } from './output.ts'

export interface L2Call {
  to: Uint8Array
  value: bigint
  data: Uint8Array
  /** What the call does, for messages ("initiateWithdrawal"). */
  label: string
}

export interface L2LogJSON {
  address: string
  topics: string[]
  data: string
  logIndex: string
}

export interface L2ReceiptJSON {
  transactionHash: string
  blockNumber: string
  blockHash: string
  status: string
  gasUsed: string
  logs: L2LogJSON[]
}

export interface PreparedL2Call {
  chainId: bigint
  nonce: bigint
  gasLimit: bigint
  maxFeePerGas: bigint
  maxPriorityFeePerGas: bigint
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Nonce, gas and fees for `call`; an estimate that reverts is the L2 refusing the call (a user error). */
export async function prepareL2Call(l2: L2Rpc, key: L2Key, call: L2Call): Promise<PreparedL2Call> {
  const from = bytesToHex(key.address)
  const request = { from, to: bytesToHex(call.to), value: bigIntToHex(call.value), data: bytesToHex(call.data) }
  const [chainId, nonce, gasPrice, tip] = await Promise.all([
    l2.call<string>('eth_chainId'),
    l2.call<string>('eth_getTransactionCount', [from, 'pending']),
    l2.call<string>('eth_gasPrice'),
    l2.call<string>('eth_maxPriorityFeePerGas'),
  ])
  let estimate: bigint
  try {
    estimate = BigInt(await l2.call<string>('eth_estimateGas', [request]))
  } catch (error) {
    if (error instanceof L2RpcError) throw new BridgeUserError(`the L2 would revert ${call.label}: ${error.message.replace(/^eth_estimateGas: /, '')}`)
    throw error
  }
  const maxFeePerGas = BigInt(gasPrice) * 2n
  const maxPriorityFeePerGas = BigInt(tip) < maxFeePerGas ? BigInt(tip) : maxFeePerGas
  return { chainId: BigInt(chainId), nonce: BigInt(nonce), gasLimit: estimate + estimate / 5n, maxFeePerGas, maxPriorityFeePerGas }
}

/** Signs and sends; resolves with the mined receipt (any status). */
export async function sendL2Call(l2: L2Rpc, key: L2Key, call: L2Call, prepared: PreparedL2Call, out: Output, timeoutMs: number): Promise<L2ReceiptJSON> {
  const common = createCustomCommon({ chainId: Number(prepared.chainId), name: 'nomx' }, Mainnet, { hardfork: Hardfork.Prague })
  const tx = createFeeMarket1559Tx(
    {
      chainId: prepared.chainId,
      nonce: prepared.nonce,
      gasLimit: prepared.gasLimit,
      maxFeePerGas: prepared.maxFeePerGas,
      maxPriorityFeePerGas: prepared.maxPriorityFeePerGas,
      to: call.to,
      value: call.value,
      data: call.data,
    },
    { common },
  ).sign(key.privateKey)
  let hash: string
  try {
    hash = await l2.call<string>('eth_sendRawTransaction', [bytesToHex(tx.serialize())])
  } catch (error) {
    if (error instanceof L2RpcError) throw new BridgeUserError(`the L2 refused the ${call.label} transaction: ${error.message.replace(/^eth_sendRawTransaction: /, '')}`)
    throw error
  }
  out.progress(`${call.label} sent in L2 tx ${hash}; waiting for its block`)
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const receipt = await l2.call<L2ReceiptJSON | null>('eth_getTransactionReceipt', [hash])
    if (receipt !== null) return receipt
    if (Date.now() > deadline) throw new BridgeNetworkError(`L2 tx ${hash} was not mined within ${timeoutMs / 1000} s: check the L2 node; nomx bridge status --tx ${hash} shows it once mined`)
    await sleep(200)
  }
}
