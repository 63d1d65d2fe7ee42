/** The anchor's withdrawal record (embedded.anchor.getWithdrawal, SPEC.md §7) as the commands read it. */
import type { NoMClient } from '../../nom/rpc/client.ts'

export interface AnchorWithdrawalJSON {
  withdrawalHash: string
  target: string
  tokenStandard: string
  amount: string
  status: 'proven' | 'finalizable' | 'finalized'
  finalizableAt: number | null
  finalizedAt: number | null
  finalizedBy: string | null
  proofs: { prover: string; commitmentIndex: number; outputRoot: string; provenAt: number; valid: boolean; frozen: boolean; finalizableAt: number | null }[]
}

/** `hash` is 0x hex. */
export async function anchorWithdrawal(client: NoMClient, chainId: bigint, hash: string): Promise<AnchorWithdrawalJSON | undefined> {
  const record = (await client.call('embedded.anchor.getWithdrawal', [chainId.toString(), hash.replace(/^0x/, '')])) as AnchorWithdrawalJSON | null
  return record ?? undefined
}
