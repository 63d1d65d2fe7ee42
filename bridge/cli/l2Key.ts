/**
 * The L2 (secp256k1) key a command signs with. Sources, in this order: `--mnemonic-file FILE
 * [--account i]` (m/44'/60'/0'/0/i, what wallets and `nomx dev` use), `--key-file FILE` (32-byte
 * private key, hex), env `NOMX_L2_MNEMONIC` / `NOMX_L2_KEY`, and only when asked for by name,
 * `--unsafe-key HEX`. No message ever contains the key material.
 */
import { privateToAddress } from '@ethereumjs/util'
import { HDKey } from '@scure/bip32'
import { mnemonicToSeedSync, validateMnemonic } from '@scure/bip39'
import { wordlist } from '@scure/bip39/wordlists/english.js'
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { BridgeUserError } from './errors.ts'
import { integerFlag, type Flags } from './flags.ts'
import { readSecretFile, secretHex } from './nomKey.ts'

export const L2_KEY_HELP = `L2 key (one of):
  --mnemonic-file FILE [--account i]   BIP-39 mnemonic, account m/44'/60'/0'/0/i (default 0)
  --key-file FILE                      secp256k1 private key, 64 hex characters (0x optional)
  env NOMX_L2_MNEMONIC [--account i] or NOMX_L2_KEY
  --unsafe-key HEX                     the key on the command line (visible to other users)`

export interface L2Key {
  privateKey: Uint8Array
  /** 20 bytes. */
  address: Uint8Array
}

function l2KeyOf(privateKey: Uint8Array, source: string): L2Key {
  if (!secp256k1.utils.isValidSecretKey(privateKey)) throw new BridgeUserError(`${source}: not a valid secp256k1 private key`)
  return { privateKey, address: privateToAddress(privateKey) }
}

function fromMnemonic(text: string, flags: Flags, source: string): L2Key {
  const mnemonic = text.trim().split(/\s+/).join(' ')
  if (!validateMnemonic(mnemonic, wordlist)) throw new BridgeUserError(`${source}: invalid mnemonic: unknown word or bad checksum`)
  const index = integerFlag(flags, 'account') ?? 0n
  if (index >= 0x8000_0000n) throw new BridgeUserError(`--account must be below 2^31`)
  const key = HDKey.fromMasterSeed(mnemonicToSeedSync(mnemonic)).derive(`m/44'/60'/0'/0/${index}`).privateKey
  if (key === null) throw new BridgeUserError(`${source}: no private key at account ${index}`)
  return l2KeyOf(key, source)
}

export async function loadL2Key(flags: Flags, env: NodeJS.ProcessEnv): Promise<L2Key> {
  const given = ['mnemonic-file', 'key-file', 'unsafe-key'].filter((f) => flags.has(f))
  if (given.length > 1) throw new BridgeUserError(`give one L2 key source, not ${given.map((f) => `--${f}`).join(' and ')}`)
  const mnemonicFile = flags.get('mnemonic-file')
  if (mnemonicFile !== undefined) return fromMnemonic(await readSecretFile(mnemonicFile, 'mnemonic'), flags, `mnemonic file ${mnemonicFile}`)
  const envMnemonicSet = env.NOMX_L2_MNEMONIC !== undefined && env.NOMX_L2_MNEMONIC.trim() !== ''
  if (flags.has('account') && (flags.has('key-file') || flags.has('unsafe-key') || !envMnemonicSet)) {
    throw new BridgeUserError('--account picks an account of a mnemonic: use it with --mnemonic-file or NOMX_L2_MNEMONIC')
  }
  const keyFile = flags.get('key-file')
  if (keyFile !== undefined) return l2KeyOf(secretHex(await readSecretFile(keyFile, 'key'), `key file ${keyFile}`), `key file ${keyFile}`)
  const unsafe = flags.get('unsafe-key')
  if (unsafe !== undefined) return l2KeyOf(secretHex(unsafe, '--unsafe-key'), '--unsafe-key')
  const envMnemonic = env.NOMX_L2_MNEMONIC
  if (envMnemonic !== undefined && envMnemonic.trim() !== '') return fromMnemonic(envMnemonic, flags, 'NOMX_L2_MNEMONIC')
  const envKey = env.NOMX_L2_KEY
  if (envKey !== undefined && envKey.trim() !== '') return l2KeyOf(secretHex(envKey, 'NOMX_L2_KEY'), 'NOMX_L2_KEY')
  throw new BridgeUserError(
    'no L2 key: pass --key-file FILE or --mnemonic-file FILE [--account i], or set NOMX_L2_KEY or NOMX_L2_MNEMONIC (a key on the command line only with --unsafe-key HEX)',
  )
}
