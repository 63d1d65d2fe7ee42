/**
 * The NoM key a command signs with. Sources, in this order: `--mnemonic-file FILE [--account i]`
 * (m/44'/73404'/i'), `--key-file FILE` (32-byte ed25519 seed, hex), env `NOMX_NOM_MNEMONIC` /
 * `NOMX_NOM_KEY`, and only when asked for by name, `--unsafe-key HEX` (visible in `ps` and the shell
 * history). No message ever contains the key material.
 */
import { readFile } from 'node:fs/promises'
import { KeyError } from '../../nom/errors.ts'
import { keyPairFromMnemonic, keyPairFromSeed, type KeyPair } from '../../nom/keys.ts'
import { BridgeUserError } from './errors.ts'
import { integerFlag, type Flags } from './flags.ts'

export const NOM_KEY_HELP = `NoM key (one of):
  --mnemonic-file FILE [--account i]   BIP-39 mnemonic, account m/44'/73404'/i' (default 0)
  --key-file FILE                      ed25519 seed, 64 hex characters
  env NOMX_NOM_MNEMONIC [--account i] or NOMX_NOM_KEY
  --unsafe-key HEX                     the seed on the command line (visible to other users)
  (with nomx dev: the dev user is --account 2 of the dev mnemonic)`

export const NOM_KEY_FLAGS = ['mnemonic-file', 'account', 'key-file', 'unsafe-key'] as const

/** Reads a secret file; the error names the file, never its content. */
export async function readSecretFile(path: string, what: string): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).trim()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new BridgeUserError(`cannot read the ${what} file ${path}${code === undefined ? '' : ` (${code})`}`)
  }
}

/** 32 bytes from hex text (optional 0x); the error describes the shape, not the text. */
export function secretHex(text: string, source: string): Uint8Array {
  const hex = text.trim().replace(/^0x/i, '')
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new BridgeUserError(`${source}: expected 64 hex characters (a 32-byte key)`)
  return new Uint8Array(Buffer.from(hex, 'hex'))
}

function accountIndex(flags: Flags): number {
  const index = integerFlag(flags, 'account') ?? 0n
  if (index >= 0x8000_0000n) throw new BridgeUserError(`--account must be below 2^31`)
  return Number(index)
}

function fromMnemonic(mnemonic: string, index: number, source: string): KeyPair {
  try {
    return keyPairFromMnemonic(mnemonic, index)
  } catch (error) {
    if (error instanceof KeyError) throw new BridgeUserError(`${source}: ${error.message}`)
    throw error
  }
}

export async function loadNoMKey(flags: Flags, env: NodeJS.ProcessEnv): Promise<KeyPair> {
  const given = ['mnemonic-file', 'key-file', 'unsafe-key'].filter((f) => flags.has(f))
  if (given.length > 1) throw new BridgeUserError(`give one NoM key source, not ${given.map((f) => `--${f}`).join(' and ')}`)
  const mnemonicFile = flags.get('mnemonic-file')
  if (mnemonicFile !== undefined) return fromMnemonic(await readSecretFile(mnemonicFile, 'mnemonic'), accountIndex(flags), `mnemonic file ${mnemonicFile}`)
  const envMnemonicSet = env.NOMX_NOM_MNEMONIC !== undefined && env.NOMX_NOM_MNEMONIC.trim() !== ''
  if (flags.has('account') && (flags.has('key-file') || flags.has('unsafe-key') || !envMnemonicSet)) {
    throw new BridgeUserError('--account picks an account of a mnemonic: use it with --mnemonic-file or NOMX_NOM_MNEMONIC')
  }
  const keyFile = flags.get('key-file')
  if (keyFile !== undefined) return keyPairFromSeed(secretHex(await readSecretFile(keyFile, 'key'), `key file ${keyFile}`))
  const unsafe = flags.get('unsafe-key')
  if (unsafe !== undefined) return keyPairFromSeed(secretHex(unsafe, '--unsafe-key'))
  const envMnemonic = env.NOMX_NOM_MNEMONIC
  if (envMnemonic !== undefined && envMnemonic.trim() !== '') return fromMnemonic(envMnemonic, accountIndex(flags), 'NOMX_NOM_MNEMONIC')
  const envKey = env.NOMX_NOM_KEY
  if (envKey !== undefined && envKey.trim() !== '') return keyPairFromSeed(secretHex(envKey, 'NOMX_NOM_KEY'))
  throw new BridgeUserError(
    'no NoM key: pass --mnemonic-file FILE [--account i] or --key-file FILE, or set NOMX_NOM_MNEMONIC or NOMX_NOM_KEY (a key on the command line only with --unsafe-key HEX)',
  )
}
