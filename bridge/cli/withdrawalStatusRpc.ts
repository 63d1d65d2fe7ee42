/**
 * The L2 node's bridge methods (bridge/rpc: nomx_getWithdrawalStatus, nomx_getWithdrawalProof) as
 * the commands read them: typed JSON shapes (0x quantities and data, z1…/zts1… NoM ids), and a
 * user-facing error when the node does not serve them.
 */
import { BridgeUserError } from './errors.ts'
import { L2RpcError, METHOD_NOT_FOUND, type L2Rpc } from './l2Rpc.ts'

export interface CommitmentJSON {
  index: string
  l2BlockNumber: string
  proposedAt: string
  finalizableAt: string
  status: string
}

export interface ExpectedCommitmentJSON {
  interval: string
  l2BlockNumber: string
  newestCommittedBlock: string | null
  blocksToGo: string
  etaMomentums: number | null
  etaSeconds: number | null
}

export interface WithdrawalProofRecordJSON {
  prover: string
  commitmentIndex: string
  provenAt: string
  valid: boolean
  frozen: boolean
  finalizableAt: string | null
}

export interface WithdrawalStatusJSON {
  withdrawalHash: string
  nonce: string
  sender: string
  target: string
  targetAddress: string
  value: string
  logIndex: string
  payout: { target: string; tokenStandard: string; amount: string }
  status: string
  next: string
  expectedCommitment: ExpectedCommitmentJSON | null
  commitment: CommitmentJSON | null
  finalizableAt: string | null
  etaSeconds: number | null
  proofs: WithdrawalProofRecordJSON[]
  finalizedAt: string | null
  finalizedBy: string | null
}

export interface TransactionStatusJSON {
  transactionHash: string
  blockNumber: string
  transactionStatus: string
  status: string
  reason: string | null
  /** While the anchor refuses proofs and finalizations (halt, unhalt cooldown): why and until when. */
  withdrawalsBlocked?: string | null
  nomFrontier: { height: string }
  withdrawals: WithdrawalStatusJSON[]
}

export interface WithdrawalProofJSON {
  chainId: string
  commitmentIndex: string
  nonce: string
  sender: string
  target: string
  targetAddress: string
  value: string
  gasLimit: string
  data: string
  version: string
  stateRoot: string
  messagePasserStorageRoot: string
  latestBlockhash: string
  storageProof: string[]
  withdrawalHash: string
  blockNumber: string
  payout: { target: string; tokenStandard: string; amount: string }
  commitment: CommitmentJSON
}

/** Calls a nomx_* method; "method not found" becomes advice to use a node that serves the bridge. */
export async function callBridgeMethod<T>(l2: L2Rpc, method: string, params: unknown[]): Promise<T> {
  try {
    return await l2.call<T>(method, params)
  } catch (error) {
    if (error instanceof L2RpcError && error.code === METHOD_NOT_FOUND) {
      throw new BridgeUserError(`the L2 node at ${l2.url} does not serve ${method}: use the RPC of a node that runs the bridge (nomx dev, or a sequencer with the bridge) via --l2-rpc`)
    }
    if (error instanceof L2RpcError) throw new BridgeUserError(error.message)
    throw error
  }
}

/** nomx_getWithdrawalStatus, or undefined when the node does not serve it. */
export async function tryWithdrawalStatus(l2: L2Rpc, txHash: string): Promise<TransactionStatusJSON | undefined> {
  try {
    return await l2.call<TransactionStatusJSON>('nomx_getWithdrawalStatus', [txHash])
  } catch (error) {
    if (error instanceof L2RpcError && error.code === METHOD_NOT_FOUND) return undefined
    throw error
  }
}
