// Signed account blocks of reference §9, as go-zenon JSON (shared by the block, JSON and PoW tests).
export const SEND_JSON = {
  version: 1,
  chainIdentifier: 100,
  blockType: 2,
  hash: '6e9bf5f7512931a4b74d3d1dd20b0f8105a006b1ae059e1535f935e283f2a66c',
  previousHash: '598fa623dd308bec7163bb375aa7546ec4aced3b71a1c9278709903e69280dbd',
  height: 2,
  momentumAcknowledged: { hash: '0385d849ee33b94c8783288c148e3ae741c2ecec98b08b3f59d6bcc219168fe5', height: 1 },
  address: 'z1qzal6c5s9rjnnxd2z7dvdhjxpmmj4fmw56a0mz',
  toAddress: 'z1qr4pexnnfaexqqz8nscjjcsajy5hdqfkgadvwx',
  amount: '10000000000',
  tokenStandard: 'zts1znnxxxxxxxxxxxxx9z4ulx',
  fromBlockHash: '0000000000000000000000000000000000000000000000000000000000000000',
  descendantBlocks: [],
  data: '',
  fusedPlasma: 21000,
  difficulty: 0,
  nonce: '0000000000000000',
  basePlasma: 21000,
  usedPlasma: 21000,
  changesHash: '0000000000000000000000000000000000000000000000000000000000000000',
  publicKey: 'GYyn77OXTL31zPbDBCe/eKir+VCF3hv+LxiOUF3XcJY=',
  signature: '130sas2Jlmu5AC5SsvJ3I0m31WtvzTKmB3DfoAROQ7kuvx/Hd/g+eZn5rSW5+o5jxV5BJtq1vITs/3lCieGaAw==',
}

export const RECEIVE_JSON = {
  ...SEND_JSON,
  blockType: 3,
  hash: 'f845e19928c2452b96c88ff49b60d5e3fa7632a86006a951f80fe8a22dbeb810',
  previousHash: '57b6b7c6edb82b38ec4c992d99c84bf8016f03bf0727ff9daa811d2e862fa77a',
  height: 2,
  momentumAcknowledged: { hash: 'ea202e600eb999ad1bb46788a46c9bebc7c6795c772cbb1f5a262a29a77da740', height: 2 },
  address: 'z1qr4pexnnfaexqqz8nscjjcsajy5hdqfkgadvwx',
  toAddress: 'z1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqsggv2f',
  amount: '0',
  tokenStandard: 'zts1qqqqqqqqqqqqqqqqtq587y',
  fromBlockHash: '6e9bf5f7512931a4b74d3d1dd20b0f8105a006b1ae059e1535f935e283f2a66c',
  publicKey: 'tUJu3P7Drp25XP662lIjyFlFpvj8bWUpyC+0y5YTzXM=',
  signature: 'IBFUD+6F4sZ5BTS1IzZH1IT/QVc8laskvtoieKQbOM6BGEVy4dstAlznSNHrblBnorKUDofuR7ekjfPem2wGBQ==',
}

export const DART_JSON = {
  ...SEND_JSON,
  hash: '3835082b4afb76971d58d6ad510e7e91f3bb0d41912fac4ec4cfef7bd7bbea73',
  momentumAcknowledged: { hash: 'c37c70550e95d0c72f0924d480321976040108f29fa7530487f8dde81e713689', height: 1 },
  tokenStandard: 'zts1tfjkummwyppk76twsnv50e',
  signature: 'hrQwfpdEYTjoLV9yzEppeky2Y/9T1x760vQPL6NLgD+cn0XD1+F/dOcSwyhg8RxjHWMN6MvD2NnTAX7N+5aCBQ==',
}

// A go-zenon RPC read of the Dart SDK send block (chainId 100) with its three extra keys and the
// paired receive, as a node returns it (node response data published in znn_sdk_dart's model tests).
export const RPC_SEND_WITH_EXTRAS_TEXT = `{"version":1,"chainIdentifier":100,"blockType":2,"hash":"3835082b4afb76971d58d6ad510e7e91f3bb0d41912fac4ec4cfef7bd7bbea73","previousHash":"598fa623dd308bec7163bb375aa7546ec4aced3b71a1c9278709903e69280dbd","height":2,"momentumAcknowledged":{"hash":"c37c70550e95d0c72f0924d480321976040108f29fa7530487f8dde81e713689","height":1},"address":"z1qzal6c5s9rjnnxd2z7dvdhjxpmmj4fmw56a0mz","toAddress":"z1qr4pexnnfaexqqz8nscjjcsajy5hdqfkgadvwx","amount":"10000000000","tokenStandard":"zts1tfjkummwyppk76twsnv50e","fromBlockHash":"0000000000000000000000000000000000000000000000000000000000000000","descendantBlocks":[],"data":"","fusedPlasma":21000,"difficulty":0,"nonce":"0000000000000000","basePlasma":21000,"usedPlasma":21000,"changesHash":"a31a31bb26f7a7ee5b5c8e83e6b47aeeab6e2330476199d93ee8ca37ac71465a","publicKey":"GYyn77OXTL31zPbDBCe/eKir+VCF3hv+LxiOUF3XcJY=","signature":"hrQwfpdEYTjoLV9yzEppeky2Y/9T1x760vQPL6NLgD+cn0XD1+F/dOcSwyhg8RxjHWMN6MvD2NnTAX7N+5aCBQ==","token":{"name":"Zenon Coin","symbol":"ZNN","domain":"zenon.network","totalSupply":"19500000000000","decimals":8,"owner":"z1qxemdeddedxpyllarxxxxxxxxxxxxxxxsy3fmg","tokenStandard":"zts1tfjkummwyppk76twsnv50e","maxSupply":"4611686018427387903","isBurnable":true,"isMintable":true,"isUtility":true},"confirmationDetail":{"numConfirmations":2,"momentumHeight":2,"momentumHash":"0f92b0be5eef439be78f9d48add78288391d6723e40c7059fae0f1241a9e639f","momentumTimestamp":1000000010},"pairedAccountBlock":{"version":1,"chainIdentifier":100,"blockType":3,"hash":"158a0a5a7b4d57f4d92e3c068db19125fcc31ff0f059de0df98c920b54a83cd2","previousHash":"57b6b7c6edb82b38ec4c992d99c84bf8016f03bf0727ff9daa811d2e862fa77a","height":2,"momentumAcknowledged":{"hash":"0f92b0be5eef439be78f9d48add78288391d6723e40c7059fae0f1241a9e639f","height":2},"address":"z1qr4pexnnfaexqqz8nscjjcsajy5hdqfkgadvwx","toAddress":"z1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqsggv2f","amount":"0","tokenStandard":"zts1qqqqqqqqqqqqqqqqtq587y","fromBlockHash":"3835082b4afb76971d58d6ad510e7e91f3bb0d41912fac4ec4cfef7bd7bbea73","descendantBlocks":[],"data":"","fusedPlasma":21000,"difficulty":0,"nonce":"0000000000000000","basePlasma":21000,"usedPlasma":21000,"changesHash":"b897ac3a508c060b98f808a343f7f5c33d6b8bf7a50c5c34ceb5f08dd33b581e","publicKey":"tUJu3P7Drp25XP662lIjyFlFpvj8bWUpyC+0y5YTzXM=","signature":"0od6a05O680FGc7bJzVdrAuOCNQLLPwXrLvCy9YfozlYSYGMx7dBbDoQzSUCQYhANghCrkQvNEObNdV8fRMtDQ==","token":null,"confirmationDetail":{"numConfirmations":1,"momentumHeight":3,"momentumHash":"7dc927d9144e705754a99abe120903fb86eef489a3968f7b724b2df4c0fbb7ef","momentumTimestamp":1000000020},"pairedAccountBlock":null}}`

// A momentum as a go-zenon node returns it (chainId 100; also in znn_sdk_dart's model tests). Its
// content was trimmed there, so its hash does not recompute (reference §9); the shape and the
// signature over the stated hash do.
export const RPC_MOMENTUM_TEXT = `{"version":1,"chainIdentifier":100,"hash":"c54f50fbd2dca9f3410b7693031b1a44d75375bfc0946410a2558895b2330db9","previousHash":"0a1ec5f298fdca1402d2a88472f806b020b161896dab064ba381138d66fad712","height":2,"timestamp":1000000010,"data":"","content":[],"changesHash":"0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8","publicKey":"SAPwVIVQma3zMak169crdLkcu2B2Gm3iBCdDgfQ6IxU=","signature":"qvlKN6rTQgM11/FosNazpeReViuD1GH1tIww2F0zNfXruTp3g9ULhA1mYnRYAiPJyP2NlIGhENwhzBAHJ0dYBw==","producer":"z1qz8v73ea2vy2rrlq7skssngu8cm8mknjjkr2ju"}`
