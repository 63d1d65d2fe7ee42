/** The anchor's embedded-contract address: type byte 0x01, vanity bech32 name ("anch0r"). */
import type { Address } from '../../nom/types.ts'
import { parseAddress } from '../../nom/address.ts'

export const ANCHOR_ADDRESS_TEXT = 'z1qxemdeddedxanch0rxxxxxxxxxxxxxxxn0lw8t'
/** 01b3b6e5adcb4dd9e2ef198c6318c6318c6318c6 */
export const ANCHOR_ADDRESS: Address = parseAddress(ANCHOR_ADDRESS_TEXT)
