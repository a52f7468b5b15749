// Hardhat configuration for the local devchain (`ops/devchain/start`). It serves only `hardhat node`:
// nothing is compiled here (ops/devchain/compile.mjs does that with solc-js), nothing is forked, and
// the node binds to 127.0.0.1 because start passes --hostname.
'use strict';

const accounts = require('./accounts.cjs');

module.exports = {
  defaultNetwork: 'hardhat',
  networks: {
    hardhat: {
      chainId: accounts.chainId,
      // Must match the evmVersion in compile.mjs, so the devchain runs exactly the opcodes mainnet does.
      hardfork: 'cancun',
      accounts: {
        mnemonic: accounts.mnemonic,
        path: accounts.path,
        count: accounts.count,
        accountsBalance: '10000000000000000000000',
      },
      mining: { auto: true, interval: 0 },
    },
  },
  paths: {
    // An empty sources folder keeps `hardhat node` from compiling anything or downloading a compiler.
    sources: './cache/no-sources',
    artifacts: './cache/artifacts',
    cache: './cache',
  },
};
