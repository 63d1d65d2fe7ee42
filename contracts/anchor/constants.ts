/** Fixed numbers of the anchor contract (a go-zenon port would put these in vm/constants). */
import { fromHex } from '../../nom/hash.ts'
import { ACCOUNT_BLOCK_BASE_PLASMA, MAX_DATA_LENGTH } from '../../nom/constants.ts'

/** Guardians per chain, at least (the NoM bridge's MinGuardians). */
export const MIN_GUARDIANS = 5
/** 1 NoM ZNN base unit (8 decimals) = 10^10 wei of L2 ZNN (18 decimals). */
export const WEI_PER_ZNN_UNIT = 10_000_000_000n
/** L2 token bridge predeploy: its withdrawals carry data = abi.encode(bytes10 zts, uint256 amount). */
export const L2_TOKEN_BRIDGE: Uint8Array = fromHex('4200000000000000000000000000000000000010')
/** L2ToNoMMessagePasser predeploy, whose `sentMessages` mapping (slot 0) withdrawals are proven against. */
export const L2_MESSAGE_PASSER: Uint8Array = fromHex('4200000000000000000000000000000000000016')
/**
 * Frame payload limit: the whole account-block data must fit NoM's 16 KiB. SubmitFrame's call
 * framing is 100 bytes (selector 4 + chainId word + offset word + length word) and the payload is
 * padded to whole 32-byte words: 100 + 16,256 = 16,356 bytes fit, one more word (16,388) does not.
 */
export const FRAME_CALL_OVERHEAD = 4 + 3 * 32
export const MAX_FRAME_BYTES = Math.floor((MAX_DATA_LENGTH - FRAME_CALL_OVERHEAD) / 32) * 32
/** Plain-data plasma: SubmitFrame costs what the same bytes cost in a send to a user address. */
export const FRAME_BASE_PLASMA = ACCOUNT_BLOCK_BASE_PLASMA
/** Default time-challenge delay for administrator changes: 48 h of momentums (the bridge's MinAdministratorDelay). */
export const DEFAULT_ADMINISTRATOR_DELAY = 17_280n
/** Page size limit of the read API (go-zenon's RPC limit). */
export const MAX_PAGE_SIZE = 1024
/** Failed calls remembered by the in-memory failure log (diagnostics, not state). */
export const DEFAULT_FAILURE_LOG_SIZE = 10_000
/** Resolver types of a commitment: who decides a dispute. 0 = guardian quorum (stage 0). */
export const RESOLVER_GUARDIANS = 0n
/** DepositCall: least L2 gas (OP's rule: 21,000 + 40 per calldata byte), so the call can at least start. */
export const DEPOSIT_CALL_BASE_GAS = 21_000n
export const DEPOSIT_CALL_GAS_PER_BYTE = 40n
/** DepositCall: most L2 gas, so any deposit fits an L2 block beside the origin-info deposit. */
export const MAX_DEPOSIT_CALL_GAS = 5_000_000n
/** DepositCall: most call-data bytes (the whole account-block data must stay within NoM's 16 KiB). */
export const MAX_DEPOSIT_CALL_DATA = 10_240
/** DepositCall plasma per byte of account-block data, on top of the simple embedded call (it carries data like a frame). */
export const DEPOSIT_CALL_PLASMA_PER_BYTE = 68n
