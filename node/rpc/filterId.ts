/** Random ids for filters and subscriptions, shaped as quantities (0x + hex, no leading zeros) like geth's. */
import { randomBytes } from 'node:crypto'

export function createFilterId(): string {
  const value = BigInt(`0x${randomBytes(16).toString('hex')}`)
  return `0x${value.toString(16)}`
}
