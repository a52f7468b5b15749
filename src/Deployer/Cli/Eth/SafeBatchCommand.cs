using System.CommandLine;
using Rollout.Bridge.Contracts;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Safe;
using Rollout.Deployer.Storage;

namespace Rollout.Deployer.Cli.Eth;

/// <summary>
/// <c>rollout eth safe-batch --tx FILE --out FILE [--name TEXT]</c>: the same SafeTx as a Transaction
/// Builder batch, for owners who approve in the Safe web interface. The call must be one the embedded
/// ABIs know (WrappedQuil, Safe), so the interface can show the method and its arguments.
/// </summary>
internal static class SafeBatchCommand
{
    private static readonly ContractAbi[] KnownAbis = [WrappedQuilContract.Abi, SafeContract.Abi];

    public static Command Create(TextWriter output, TimeProvider timeProvider)
    {
        var tx = new Option<string>("--tx") { Description = "The SafeTx file the deployer wrote", Required = true };
        var outPath = new Option<string>("--out") { Description = "The batch file to write (never overwritten)", Required = true };
        var name = new Option<string?>("--name") { Description = "The batch's name in the web interface (default: the SafeTx's description)" };
        var command = new Command("safe-batch", "Export a SafeTx as a Safe Transaction Builder batch file") { tx, outPath, name };
        command.SetAction(parse =>
        {
            var txPath = parse.GetValue(tx)!;
            if (!File.Exists(txPath)) throw new InvalidDataException($"--tx: {txPath} does not exist");
            var proposal = SafeTxProposal.FromJson(File.ReadAllText(txPath), txPath);
            if (proposal.Tx.Operation != 0) throw new InvalidDataException($"{txPath}.operation: the Transaction Builder cannot express a delegatecall");
            var function = KnownAbis.Select(a => a.FunctionForCall(proposal.Tx.Data)).FirstOrDefault(f => f is not null)
                ?? throw new InvalidDataException($"{txPath}.data: {Hex.Encode(proposal.Tx.Data.AsSpan(0, Math.Min(4, proposal.Tx.Data.Length)))} is not a WrappedQuil or Safe function");
            var arguments = function.DecodeCall(proposal.Tx.Data);
            var target = parse.GetValue(outPath)!;
            if (File.Exists(target)) throw new InvalidDataException($"--out: {target} already exists; a batch file is never overwritten");
            var batch = new TransactionBuilderBatch(proposal.ChainId, proposal.Safe, timeProvider.GetUtcNow(), parse.GetValue(name) ?? proposal.Description ?? function.Name, proposal.Description);
            try
            {
                batch.Add(proposal, function, arguments);
            }
            catch (ArgumentException ex)
            {
                throw new InvalidDataException($"{txPath}: {ex.Message}", ex);
            }
            AtomicFile.WriteNewText(target, batch.ToJson());
            output.WriteLine($"batch: {target} ({function.Signature} on {proposal.Tx.To}, Safe {proposal.Safe}, chain {proposal.ChainId})");
            output.WriteLine($"the web interface proposes it at the Safe's next nonce; this SafeTx was made for nonce {proposal.Tx.Nonce}");
            return ExitCodes.Success;
        });
        return command;
    }
}
