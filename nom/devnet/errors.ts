/**
 * Errors the devnet raises. A LedgerError's message is go-zenon's own error text (verifier, VM,
 * RPC API), so a client sees exactly what znnd would answer; the texts are in `errorTexts.ts`.
 */
import { NoMError } from '../errors.ts'

/** A block or RPC call refused the way go-zenon refuses it; `message` is go-zenon's text. */
export class LedgerError extends NoMError {
  override name = 'LedgerError'
}

/** A genesis file that does not validate; the message names the broken field. */
export class GenesisError extends NoMError {
  override name = 'GenesisError'
}

/** Devnet options that do not validate; the message names the option. */
export class DevnetConfigError extends NoMError {
  override name = 'DevnetConfigError'
}
