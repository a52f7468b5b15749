// Input: {"keys": [{"seedHex", "messageHex"}]}. Output: [{"peerId", "publicKeyProtobufHex", "signatureHex"}]:
// js-libp2p's Ed25519 key from that 32-byte seed, its peer ID, and its signature over the message.
import { generateKeyPairFromSeed, publicKeyToProtobuf } from '@libp2p/crypto/keys';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';

const input = JSON.parse(await new Response(process.stdin).text());
const answers = [];
for (const { seedHex, messageHex } of input.keys) {
  const key = await generateKeyPairFromSeed('Ed25519', Buffer.from(seedHex, 'hex'));
  const signature = await key.sign(Buffer.from(messageHex, 'hex'));
  answers.push({
    peerId: peerIdFromPrivateKey(key).toString(),
    publicKeyProtobufHex: Buffer.from(publicKeyToProtobuf(key.publicKey)).toString('hex'),
    signatureHex: Buffer.from(signature).toString('hex'),
  });
}
process.stdout.write(JSON.stringify(answers));
