// Input: {"txs": [{"key": "0x..", "tx": {type, chainId, nonce, gasLimit, to, value, data, ... as ethers TransactionLike}}],
//         "messages": [{"key": "0x..", "message": "0x<bytes>"}],
//         "rlp": [<nested arrays of "0x.." strings>]}
// Output: {"txs": [{"unsignedHash", "serialized", "walletSerialized", "hash", "from"}], "messages": [{"hash", "signature"}], "rlp": ["0x.."]}
import { Transaction, Wallet, encodeRlp, getBytes, hashMessage } from 'ethers';

const input = JSON.parse(await new Response(process.stdin).text());
const output = {
  txs: await Promise.all((input.txs ?? []).map(async ({ key, tx }) => {
    const wallet = new Wallet(key);
    const transaction = Transaction.from(tx);
    transaction.signature = wallet.signingKey.sign(transaction.unsignedHash);
    const walletSerialized = await wallet.signTransaction(tx);
    return { unsignedHash: transaction.unsignedHash, serialized: transaction.serialized, walletSerialized, hash: transaction.hash, from: transaction.from };
  })),
  messages: (input.messages ?? []).map(({ key, message }) => ({
    hash: hashMessage(getBytes(message)),
    signature: new Wallet(key).signMessageSync(getBytes(message)),
  })),
  rlp: (input.rlp ?? []).map((item) => encodeRlp(item)),
};
process.stdout.write(JSON.stringify(output));
