// Input: {"hash": [["decimal", ...], ...], "hashBytes": ["hex", ...], "constants": true|false}.
// Output: {"hash": ["decimal", ...], "hashBytes": ["decimal" | null, ...], "constants": [{"mds": [[...]], "first": [...]}]}.
// hashBytes of an empty message is undefined in iden3, written as null. "constants" lists, for widths
// 2..17, the MDS matrix (as iden3 stores it: column-major, M[j][i] weighs lane j in output i) and the
// first round's constants, the only ones its optimised tables keep unchanged.
import { poseidon, OPT } from '@iden3/js-crypto';

const input = JSON.parse(await new Response(process.stdin).text());
const hash = (input.hash ?? []).map((inputs) => poseidon.hash(inputs.map(BigInt)).toString());
const hashBytes = (input.hashBytes ?? []).map((hex) => {
  const h = poseidon.hashBytes(Uint8Array.from(Buffer.from(hex, 'hex')));
  return h === undefined ? null : h.toString();
});
const constants = input.constants
  ? OPT.M.map((m, w) => ({
      mds: m.map((row) => row.map((x) => x.toString())),
      first: OPT.C[w].slice(0, w + 2).map((x) => x.toString()),
    }))
  : [];
process.stdout.write(JSON.stringify({ hash, hashBytes, constants }));
