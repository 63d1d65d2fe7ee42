/**
 * Where the L2 predeploys live (OP Stack numbering, so OP tooling such as viem's op-stack helpers
 * finds them) and the depositor system address that sends system deposits. Lower-case 0x hex, as
 * the genesis `alloc` keys and the JSON-RPC spell them.
 */

/** Sender of system deposits (origin info into NoMInfo, ZTS deposits into the token bridge); it has no key. */
export const DEPOSITOR_ADDRESS = '0xdeaddeaddeaddeaddeaddeaddeaddeaddead0001'

/** Token bridge: bridged ZTS ERC-20s, finalizeDeposit / withdraw. */
export const L2_TOKEN_BRIDGE_ADDRESS = '0x4200000000000000000000000000000000000010'

/** Fee vault: receives every block's base fees; withdraw() sends them to NoM. */
export const FEE_VAULT_ADDRESS = '0x4200000000000000000000000000000000000011'

/** NoMInfo: the current block's origin momentum (height, hash, timestamp, sequenceNumber). */
export const NOM_INFO_ADDRESS = '0x4200000000000000000000000000000000000015'

/** L2ToNoMMessagePasser: initiateWithdrawal, sentMessages at slot 0. */
export const L2_TO_NOM_MESSAGE_PASSER_ADDRESS = '0x4200000000000000000000000000000000000016'
