/**
 * Publishing one anchor call from a batcher or proposer account on fused plasma only: before the
 * block is built, embedded.plasma.getRequiredPoWForAccountBlock must say no PoW is needed (plasma
 * comes back as the account's earlier blocks are confirmed). Only when no plasma has been available
 * for `maxPlasmaWaitMs` does it fall back to PoW, with an error-level alert. A publish that fails
 * with an ambiguous error is checked against the node before it counts as not published, so a
 * call is never sent twice.
 */
import type { AccountBlock } from '../../nom/types.ts'
import { BlockType } from '../../nom/types.ts'
import type { KeyPair } from '../../nom/keys.ts'
import type { NoMClient } from '../../nom/rpc/client.ts'
import { formatAddress } from '../../nom/address.ts'
import { ZNN_ZTS } from '../../nom/constants.ts'
import { prepareBlock } from '../../nom/send.ts'
import { ANCHOR_ADDRESS } from '../../contracts/anchor/address.ts'
import type { LogEvent } from '../../node/log.ts'

export interface PublishAnchorCallOptions {
  /** ZNN sent with the call (PostBond); default 0. */
  amount?: bigint
  pollMs: number
  /** How long to wait for plasma before doing PoW. */
  maxPlasmaWaitMs: number
  /** The caller's sleep: rejects when the caller stops, which ends the wait for plasma. */
  sleep: (ms: number) => Promise<void>
  /** Checked right before the block is sent: a stopped caller publishes nothing new. */
  signal: AbortSignal
  log: (event: LogEvent) => void
}

export async function publishAnchorCall(client: NoMClient, keyPair: KeyPair, data: Uint8Array, options: PublishAnchorCallOptions): Promise<AccountBlock> {
  const started = Date.now()
  let alerted = false
  for (;;) {
    const required = await client.getRequiredPoWForAccountBlock({ address: keyPair.address, blockType: BlockType.UserSend, toAddress: ANCHOR_ADDRESS, data })
    if (required.requiredDifficulty === 0n) break
    if (Date.now() - started >= options.maxPlasmaWaitMs) {
      options.log({
        level: 'error',
        module: 'batcher',
        msg: 'no plasma for too long: publishing with PoW; fuse more QSR for this account',
        account: formatAddress(keyPair.address),
        waitedMs: Date.now() - started,
        basePlasma: required.basePlasma.toString(),
        availablePlasma: required.availablePlasma.toString(),
      })
      break
    }
    if (!alerted && Date.now() - started >= options.maxPlasmaWaitMs / 2) {
      alerted = true
      options.log({ level: 'warn', module: 'batcher', msg: 'waiting for plasma', account: formatAddress(keyPair.address), basePlasma: required.basePlasma.toString(), availablePlasma: required.availablePlasma.toString() })
    }
    await options.sleep(options.pollMs)
  }
  const block = await prepareBlock(client, keyPair, { blockType: BlockType.UserSend, toAddress: ANCHOR_ADDRESS, tokenStandard: ZNN_ZTS, amount: options.amount ?? 0n, data })
  options.signal.throwIfAborted()
  try {
    await client.publishRawTransaction(block)
  } catch (error) {
    // A lost answer is not a lost block: if the node has it, it was published.
    const stored = await client.getAccountBlockByHash(block.hash).catch(() => null)
    if (stored === null) throw error
  }
  return block
}
