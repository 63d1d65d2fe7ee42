/**
 * Whether a log matches an address / topic filter, with eth_getLogs semantics: any listed address;
 * per topic position, null matches anything, otherwise any of the listed topics.
 */
import { equalsBytes } from '@ethereumjs/util'
import type { LogEntry } from '../backend.ts'

export function logMatches(log: LogEntry, addresses: Uint8Array[], topics: (Uint8Array[] | null)[]): boolean {
  if (addresses.length > 0 && !addresses.some((address) => equalsBytes(address, log.address))) return false
  if (topics.length > log.topics.length) return false
  return topics.every((alternatives, i) => {
    if (alternatives === null) return true
    const topic = log.topics[i]
    return topic !== undefined && alternatives.some((wanted) => equalsBytes(wanted, topic))
  })
}
