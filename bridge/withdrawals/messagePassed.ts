/**
 * The withdrawals an L2 transaction initiated, read from its receipt: every `MessagePassed(nonce,
 * sender, target, value, gasLimit, data, withdrawalHash)` log of the L2ToNoMMessagePasser
 * (0x4200…0016), in log order. nonce, sender and target are indexed topics; value, gasLimit, data
 * and withdrawalHash are the ABI-encoded log data. The hash is recomputed from the fields and must
 * match the one logged (it is what the anchor proves and pays).
 */
import { bytesToBigInt, equalsBytes, hexToBytes, utf8ToBytes } from '@ethereumjs/util'
import { hashWithdrawal, type WithdrawalTransaction } from '../../contracts/anchor/withdrawalHash.ts'
import { L2_TO_NOM_MESSAGE_PASSER_ADDRESS } from '../../contracts/l2/addresses.ts'
import type { LogEntry } from '../../node/backend.ts'
import { keccak256 } from '../../node/keccak256.ts'

/** keccak256 of the event signature: topic 0 of every MessagePassed log. */
export const MESSAGE_PASSED_TOPIC: Uint8Array = keccak256(utf8ToBytes('MessagePassed(uint256,address,address,uint256,uint256,bytes,bytes32)'))

export const MESSAGE_PASSER: Uint8Array = hexToBytes(L2_TO_NOM_MESSAGE_PASSER_ADDRESS)

/** A withdrawal as the L2 recorded it. */
export interface InitiatedWithdrawal extends WithdrawalTransaction {
  withdrawalHash: Uint8Array
  /** Index of the MessagePassed log in its block. */
  logIndex: number
}

/** A MessagePassed log of the message passer that does not decode, or whose hash does not match its fields. */
export class MessagePassedDecodeError extends Error {
  override readonly name = 'MessagePassedDecodeError'
}

function word(data: Uint8Array, i: number): Uint8Array {
  const at = i * 32
  if (data.length < at + 32) throw new MessagePassedDecodeError(`MessagePassed data has ${data.length} bytes, word ${i} is missing`)
  return data.subarray(at, at + 32)
}

function smallInt(bytes: Uint8Array, what: string, limit: number): number {
  const n = bytesToBigInt(bytes)
  if (n > BigInt(limit)) throw new MessagePassedDecodeError(`MessagePassed ${what} ${n} is out of range`)
  return Number(n)
}

function decodeLog(log: LogEntry): InitiatedWithdrawal {
  if (log.topics.length !== 4) throw new MessagePassedDecodeError(`MessagePassed log ${log.logIndex} has ${log.topics.length} topics, want 4`)
  const [, nonceTopic, senderTopic, targetTopic] = log.topics as [Uint8Array, Uint8Array, Uint8Array, Uint8Array]
  const data = log.data
  const value = bytesToBigInt(word(data, 0))
  const gasLimit = bytesToBigInt(word(data, 1))
  const offset = smallInt(word(data, 2), 'data offset', data.length)
  const logged = word(data, 3).slice()
  if (offset % 32 !== 0) throw new MessagePassedDecodeError(`MessagePassed data offset ${offset} is not word aligned`)
  const length = smallInt(word(data, offset / 32), 'data length', data.length)
  if (offset + 32 + length > data.length) throw new MessagePassedDecodeError(`MessagePassed data of ${length} bytes runs past the log data`)
  const withdrawal: WithdrawalTransaction = {
    nonce: bytesToBigInt(nonceTopic),
    sender: senderTopic.slice(12),
    target: targetTopic.slice(12),
    value,
    gasLimit,
    data: data.slice(offset + 32, offset + 32 + length),
  }
  const withdrawalHash = hashWithdrawal(withdrawal)
  if (!equalsBytes(withdrawalHash, logged)) {
    throw new MessagePassedDecodeError(`MessagePassed log ${log.logIndex}: logged withdrawal hash does not match its fields`)
  }
  return { ...withdrawal, withdrawalHash, logIndex: log.logIndex }
}

/** The withdrawals in a receipt's logs (only the message passer's MessagePassed logs count). */
export function withdrawalsOfLogs(logs: readonly LogEntry[]): InitiatedWithdrawal[] {
  return logs
    .filter((log) => equalsBytes(log.address, MESSAGE_PASSER) && log.topics[0] !== undefined && equalsBytes(log.topics[0], MESSAGE_PASSED_TOPIC))
    .map(decodeLog)
}
