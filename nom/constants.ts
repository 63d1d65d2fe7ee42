/** NoM protocol constants (reference §1, §2.5, §3). Amounts are in base units (1e8 per coin). */
import type { Address, TokenStandard } from './types.ts'
import { parseAddress } from './address.ts'
import { parseTokenStandard } from './tokenStandard.ts'

export const ZNN_ZTS: TokenStandard = parseTokenStandard('zts1znnxxxxxxxxxxxxx9z4ulx')
export const QSR_ZTS: TokenStandard = parseTokenStandard('zts1qsrxxxxxxxxxxxxxmrhjll')
export const ZNN_DECIMALS = 8
export const QSR_DECIMALS = 8
/** 1 ZNN / 1 QSR in base units. */
export const COIN = 100_000_000n

export const PLASMA_ADDRESS: Address = parseAddress('z1qxemdeddedxplasmaxxxxxxxxxxxxxxxxsctrp')
export const PILLAR_ADDRESS: Address = parseAddress('z1qxemdeddedxpyllarxxxxxxxxxxxxxxxsy3fmg')
export const TOKEN_ADDRESS: Address = parseAddress('z1qxemdeddedxt0kenxxxxxxxxxxxxxxxxh9amk0')
export const SENTINEL_ADDRESS: Address = parseAddress('z1qxemdeddedxsentynelxxxxxxxxxxxxxwy0r2r')
export const SWAP_ADDRESS: Address = parseAddress('z1qxemdeddedxswapxxxxxxxxxxxxxxxxxxl4yww')
export const STAKE_ADDRESS: Address = parseAddress('z1qxemdeddedxstakexxxxxxxxxxxxxxxxjv8v62')
export const SPORK_ADDRESS: Address = parseAddress('z1qxemdeddedxsp0rkxxxxxxxxxxxxxxxx956u48')
export const ACCELERATOR_ADDRESS: Address = parseAddress('z1qxemdeddedxaccelerat0rxxxxxxxxxxp4tk22')
export const LIQUIDITY_ADDRESS: Address = parseAddress('z1qxemdeddedxlyquydytyxxxxxxxxxxxxflaaae')
export const HTLC_ADDRESS: Address = parseAddress('z1qxemdeddedxhtlcxxxxxxxxxxxxxxxxxygecvw')
export const BRIDGE_ADDRESS: Address = parseAddress('z1qxemdeddedxdrydgexxxxxxxxxxxxxxxmqgr0d')

/** Account block and momentum version (pre-Dynamic-Plasma). */
export const ACCOUNT_BLOCK_VERSION = 1n
export const MOMENTUM_VERSION = 1n
export const MAINNET_CHAIN_IDENTIFIER = 1n
export const MAINNET_GENESIS_TIMESTAMP = 1637755200n

/** Base plasma of a plain send or receive. */
export const ACCOUNT_BLOCK_BASE_PLASMA = 21_000n
/** Extra base plasma per data byte of a send to a non-contract address. */
export const PLASMA_PER_DATA_BYTE = 68n
export const EMBEDDED_SIMPLE_PLASMA = 52_500n
export const EMBEDDED_WITHDRAW_PLASMA = 73_500n
export const EMBEDDED_DOUBLE_WITHDRAW_PLASMA = 94_500n
/** Plasma per fused QSR (1e8 base units). */
export const PLASMA_PER_FUSION_UNIT = 2_100n
export const FUSION_UNIT = COIN
export const MIN_FUSION_AMOUNT = 10n * COIN
export const MAX_FUSION_UNITS_PER_ACCOUNT = 5_000n
export const MAX_FUSED_PLASMA_PER_ACCOUNT = 10_500_000n
/** Momentums a fusion stays locked before CancelFuse is allowed. */
export const FUSE_EXPIRATION_MOMENTUMS = 3_600n
export const MAX_POW_PLASMA_PER_BLOCK = 94_500n
export const DIFFICULTY_PER_PLASMA = 1_500n
export const MAX_DIFFICULTY = MAX_POW_PLASMA_PER_BLOCK * DIFFICULTY_PER_PLASMA
export const MAX_DATA_LENGTH = 16_384
export const MAX_ACCOUNT_BLOCKS_PER_MOMENTUM = 100

/** JSON-RPC limits (reference §4). */
export const RPC_MAX_PAGE_SIZE = 1024
export const RPC_MAX_UNRECEIVED_PAGE_SIZE = 50
export const RPC_MAX_UNRECEIVED_PAGE_INDEX = 10
export const DEFAULT_HTTP_PORT = 35997
export const DEFAULT_WS_PORT = 35998
