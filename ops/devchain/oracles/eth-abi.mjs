// Input: {"encode": [{"types": ["uint256", ...], "values": [...]}],   numbers as decimal strings, bytes as 0x hex
//         "fragments": ["function f(uint a)", "event E(address indexed a)", "error X(uint)"],
//         "events": [{"fragment": "event E(...)", "values": [...]}],
//         "errors": [{"fragment": "error X(...)", "values": [...]}]}
// Output: {"encode": ["0x..."], "fragments": [{"sighash": "f(uint256)", "id": "0x<selector or topic>"}],
//          "events": [{"topics": [...], "data": "0x..."}], "errors": ["0x..."]}
import { AbiCoder, Fragment, Interface } from 'ethers';

const input = JSON.parse(await new Response(process.stdin).text());
const coder = AbiCoder.defaultAbiCoder();
const output = {
  encode: (input.encode ?? []).map((c) => coder.encode(c.types, c.values)),
  fragments: (input.fragments ?? []).map((text) => {
    const fragment = Fragment.from(text);
    return { sighash: fragment.format('sighash'), id: fragment.type === 'event' ? fragment.topicHash : fragment.selector };
  }),
  events: (input.events ?? []).map((e) => {
    const iface = new Interface([e.fragment]);
    return iface.encodeEventLog(iface.fragments[0], e.values);
  }),
  errors: (input.errors ?? []).map((e) => {
    const iface = new Interface([e.fragment]);
    return iface.encodeErrorResult(iface.fragments[0], e.values);
  }),
};
process.stdout.write(JSON.stringify(output));
