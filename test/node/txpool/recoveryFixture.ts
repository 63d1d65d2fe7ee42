/** Sender recovery requests of signed txs, with the public key the library recovers from each. */
import { createTxFromRLP } from '@ethereumjs/tx'
import { bigIntToUnpaddedBytes, bytesToHex, concatBytes, setLengthLeft } from '@ethereumjs/util'
import type { RecoveryRequest } from '../../../node/txpool/senderRecovery.ts'
import { pragueCommon, signTx } from './fixtures.ts'

export const common = pragueCommon()

/** The recovery request of a signed type-2 tx. */
export function requestFor(raw: Uint8Array): RecoveryRequest {
  const tx = createTxFromRLP(raw, { common })
  const signature = concatBytes(setLengthLeft(bigIntToUnpaddedBytes(tx.r!), 32), setLengthLeft(bigIntToUnpaddedBytes(tx.s!), 32))
  return { message: tx.getHashedMessageToSign(), signature, recid: Number(tx.v) }
}

/** The request, and the public key the library recovers from it. */
export function requestOf(raw: Uint8Array): { request: RecoveryRequest; expected: string } {
  return { request: requestFor(raw), expected: bytesToHex(createTxFromRLP(raw, { common }).getSenderPublicKey()) }
}

/** Requests of `count` txs from three senders. */
export function requestsOf(count: number): { request: RecoveryRequest; expected: string }[] {
  return Array.from({ length: count }, (_, i) => requestOf(signTx({ nonce: BigInt(i), key: i % 3 })))
}
