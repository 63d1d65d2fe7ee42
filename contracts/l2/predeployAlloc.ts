/**
 * The genesis `alloc` entries of the four predeploys: runtime code, nonce 1 (contract accounts) and
 * the fee vault's storage (slot 0 = NoM recipient, 20 raw bytes; slot 1 = minimum withdrawal in wei).
 * JSON-shaped (0x hex) because it is written into genesis files.
 */
import { FEE_VAULT_ADDRESS, L2_TO_NOM_MESSAGE_PASSER_ADDRESS, L2_TOKEN_BRIDGE_ADDRESS, NOM_INFO_ADDRESS } from './addresses.ts'

export interface PredeployParams {
  /** 20 raw bytes of the NoM address the fee vault pays. */
  feeVaultRecipient: Uint8Array
  /** Smallest fee vault withdrawal, wei. */
  feeVaultMinimum: bigint
}

export interface PredeployCode {
  NoMInfo: `0x${string}`
  L2ToNoMMessagePasser: `0x${string}`
  L2TokenBridge: `0x${string}`
  FeeVault: `0x${string}`
}

export interface GenesisAllocEntry {
  code: `0x${string}`
  nonce: `0x${string}`
  storage?: Record<string, `0x${string}`>
}

export class PredeployParamsError extends Error {
  override name = 'PredeployParamsError'
}

/** Dev chain: fees go to the first NoM devnet account (z1qzenlvgmlf4aqwmxh5zfndgfesqacsm66lu2zr) from 1 ZNN. */
export const DEV_PREDEPLOY_PARAMS: Readonly<PredeployParams> = Object.freeze({
  feeVaultRecipient: Uint8Array.from(Buffer.from('00b33fb11bfa6bd03b66bd0499b509cc01dc437a', 'hex')),
  feeVaultMinimum: 10n ** 18n,
})

const word = (value: bigint) => `0x${value.toString(16).padStart(64, '0')}` as const

export function predeployAlloc(params: PredeployParams, code: PredeployCode): Record<string, GenesisAllocEntry> {
  const recipient = params.feeVaultRecipient
  if (recipient.length !== 20 || (recipient[0] !== 0x00 && recipient[0] !== 0x01)) {
    throw new PredeployParamsError('feeVaultRecipient: expected the 20 raw bytes of a NoM address (type byte 0x00 or 0x01)')
  }
  if (params.feeVaultMinimum < 0n || params.feeVaultMinimum >= 2n ** 256n) throw new PredeployParamsError('feeVaultMinimum: expected a uint256')
  return {
    [L2_TOKEN_BRIDGE_ADDRESS]: { code: code.L2TokenBridge, nonce: '0x1' },
    [FEE_VAULT_ADDRESS]: {
      code: code.FeeVault,
      nonce: '0x1',
      storage: {
        [word(0n)]: word(BigInt(`0x${Buffer.from(recipient).toString('hex')}`)),
        [word(1n)]: word(params.feeVaultMinimum),
      },
    },
    [NOM_INFO_ADDRESS]: { code: code.NoMInfo, nonce: '0x1' },
    [L2_TO_NOM_MESSAGE_PASSER_ADDRESS]: { code: code.L2ToNoMMessagePasser, nonce: '0x1' },
  }
}
