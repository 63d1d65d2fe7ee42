/** A filter id param: a quantity-shaped hex string, compared lower-case. */
import { parseQuantity, type ParamPath } from './params.ts'

export function parseFilterId(value: unknown, path: ParamPath): string {
  return `0x${parseQuantity(value, path, 128).toString(16)}`
}
