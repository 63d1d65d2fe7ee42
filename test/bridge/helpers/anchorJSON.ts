/**
 * The anchor read API's JSON (contracts/anchor/SPEC.md §7) for stand-in NoM clients: a chain record
 * of chain 7 holding `commitmentCount` commitments, and one commitment.
 */
const PROPOSER = 'z1qzenlvgmlf4aqwmxh5zfndgfesqacsm66lu2zr'

export function chainJSON(commitmentCount: number) {
  return {
    chainId: 7, proposer: PROPOSER, challengeWindow: 10, sequencingWindow: 30, depositConfirmations: 2, guardians: [], quorum: 0,
    proposerBond: '0', flagBond: '0', unhaltCooldown: 10, halted: false, haltedAt: 0, unhaltedAt: 0, depositCount: 0, frameCount: 0,
    commitmentCount, nextCommitmentIndex: commitmentCount + 1, forfeitedFlagBonds: '0', createdAt: 1,
    proposerBondBalance: '0', lowestFlaggedIndex: null, assets: [],
  }
}

export function commitmentJSON(index: number, l2BlockNumber: number, proposedAt: number) {
  return {
    chainId: 7, index, l2BlockNumber, outputRoot: '11'.repeat(32), originMomentumHeight: 1, originMomentumHash: '22'.repeat(32), lastDepositIndex: 0,
    framesHash: '33'.repeat(32), proposer: PROPOSER, proposedAt, sendHash: '44'.repeat(32), resolverType: 0,
    finalizableAt: proposedAt + 11, status: 'inWindow', flag: null,
  }
}
