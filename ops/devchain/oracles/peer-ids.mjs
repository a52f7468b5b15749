// Input: {"keys": N, "bytes": ["hex", ...]}. Output: {"peerIds": [{"text", "multihashHex"}], "base58": ["..."]}.
import { generateKeyPair } from '@libp2p/crypto/keys';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import { base58btc } from 'multiformats/bases/base58';

const input = JSON.parse(await new Response(process.stdin).text());
const peerIds = [];
for (let i = 0; i < (input.keys ?? 0); i++) {
  const key = await generateKeyPair(i % 2 === 0 ? 'Ed25519' : 'secp256k1');
  const id = peerIdFromPrivateKey(key);
  peerIds.push({ text: id.toString(), multihashHex: Buffer.from(id.toMultihash().bytes).toString('hex') });
}
// The RSA form uses SHA2-256, like Quilibrium's Ed448 peers ("Qm...").
if (input.rsa) {
  const key = await generateKeyPair('RSA', 1024);
  const id = peerIdFromPrivateKey(key);
  peerIds.push({ text: id.toString(), multihashHex: Buffer.from(id.toMultihash().bytes).toString('hex') });
}
const base58 = (input.bytes ?? []).map((hex) => base58btc.baseEncode(Buffer.from(hex, 'hex')));
process.stdout.write(JSON.stringify({ peerIds, base58 }));
