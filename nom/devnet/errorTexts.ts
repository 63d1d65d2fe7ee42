/**
 * go-zenon's error texts, word for word (go-zenon 667a69d: verifier/errors.go, vm/constants/errors.go,
 * rpc/api/errors.go, rpc/api/ledger.go, rpc/api/utils.go). Kept in one table so tests and code
 * quote the same strings.
 */
export const ErrorText = {
  // verifier/errors.go
  versionMissing: 'account-block version is missing',
  versionInvalid: 'account-block version is invalid',
  /** go-zenon reuses the momentum error for a block's zero chain identifier. */
  chainIdentifierMissing: 'momentum chain-identifier is missing',
  chainIdentifierMismatch: 'momentum chain-identifier mismatch (belongs to another chain)',
  typeMissing: 'account-block type is missing',
  typeMustNotBeGenesis: 'account-block type must not be genesis',
  typeUnsupported: 'account-block type is not supported',
  typeMustBeContract: 'account-block type is not suitable for contracts',
  typeMustBeUser: 'account-block type is not suitable for user-blocks',
  heightMissing: 'account-block height must be higher than 0',
  prevHeightExists: 'account-block prevHeight is cemented but has different hash',
  prevHasCementedOnTop: 'account-block prevHash exists but it has a cemented block on top of it',
  prevHashMissing: 'account-block prevHash must not be zero',
  prevHashMustBeZero: 'account-block prevHash must be zero',
  amountTooBig: 'account-block amount is too big',
  amountMustBeZero: 'account-block amount must be zero',
  ztsMissing: 'account-block zts is missing (non-zero amount)',
  ztsMustBeZero: 'account-block zts must be zero',
  toAddressMustBeZero: 'account-block to-address must be zero',
  hashMissing: 'account-block hash must not be zero',
  hashInvalid: 'account-block hash is different than the one computed',
  dataTooBig: 'account-block data field is too big',
  publicKeyWrongAddress: "account-block publicKey doesn't correspond to the address",
  publicKeyMissing: 'account-block publicKey is missing',
  signatureInvalid: 'account-block signature is invalid',
  signatureMissing: 'account-block signature is missing',
  powInvalid: 'account-block nonce/difficulty is invalid',
  descendantMustBeZero: 'account-block descendant blocks must be empty',
  previousMissing: 'account-block previous block is missing',
  momentumAcknowledgedGap: 'account-block momentum-acknowledged points to an older momentum than previous',
  momentumAcknowledgedMissing: 'account-block momentum-acknowledged points to missing momentum',
  momentumAcknowledgedZero: 'account-block momentum-acknowledged missing',
  fromBlockHashMissing: 'account-block from-block-hash is nor provided',
  fromBlockHashMustBeZero: 'account-block from-block-hash must be zero',
  fromBlockMissing: "account-block from-block doesn't exist",
  fromBlockAlreadyReceived: 'account-block from-block already received',
  fromBlockReceiverMismatch: 'account-block from-block receiver mismatch',
  // supervisor / vm
  /** vm/supervisor.go: a panic inside applyBlock (e.g. base plasma of an oversized or unknown call). */
  vmPanic: 'supervisor - VM panic',
  cantApplyContractSend: "can't apply BlockTypeContractSend",
  insufficientBalance: 'insufficient balance for transfer',
  notEnoughPlasma: 'not enough plasma on account',
  blockPlasmaLimitReached: 'plasma limit for account-block reached',
  notEnoughTotalPlasma: 'not enough TotalPlasma provided for account-block (PoW + Fused)',
  contractDoesntExist: "contract doesn't exist",
  contractMethodNotFound: 'method not found in the abi',
  unpackError: 'invalid unpack method data',
  invalidTokenOrAmount: 'invalid token or amount',
  dataNonExistent: 'data non existent',
  revokeNotDue: 'staking period still active',
  permissionDenied: 'address cannot call this method',
  forbiddenParam: 'forbidden parameter',
  idNotUnique: 'there is another token with the same id',
  tokenInvalidText: 'invalid token name/symbol/domain/decimals',
  tokenInvalidAmount: 'invalid token total/max supply',
  // rpc/api
  tsDoesNotExist: 'ts doesn’t exist',
  paramIsNull: 'parameter must not be null',
  pageSizeTooBig: 'page-size parameter is too big',
  pageIndexTooBig: 'page-index parameter is too big',
  countTooBig: 'count parameter is too big',
  heightParamIsZero: 'height parameter must be strictly greater than zero',
  toAddressIsNil: 'toAddress is nil',
} as const

/** rpc/api/ledger.go: the RPC's own chain check before the verifier runs. */
export function networkIdMismatchText(block: bigint, node: bigint): string {
  return `the block has a different network Id (${block}) from the node (${node})`
}
