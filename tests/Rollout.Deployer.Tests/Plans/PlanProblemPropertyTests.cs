using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Rollout.Deployer.Plans;
using Rollout.TestSupport;

namespace Rollout.Deployer.Tests.Plans;

public sealed class PlanProblemPropertyTests
{
    private static readonly string[] Lines = File.ReadAllText(RepoPaths.Combine("ops", "samples", "plans", "mainnet.example.yaml")).Split('\n');
    private static readonly int FirstSignatoryLine = Array.FindIndex(Lines, l => l.StartsWith("signatories:", StringComparison.Ordinal)) + 1;

    [Fact]
    public void AnyMalformedSignatory_IsReportedAtItsIndexAndLine_AndNothingElseIs()
    {
        var cases =
            from index in Gen.Choose(0, 16)
            from length in Gen.Choose(0, 200).Where(n => n != 114)
            from digit in Gen.Elements("0123456789abcdefABCDEF".ToCharArray())
            select (index, length, digit);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var lines = (string[])Lines.Clone();
            lines[FirstSignatoryLine + c.index] = "  - " + (c.length == 0 ? "\"\"" : new string(c.digit, c.length));
            var validation = PlanReader.Validate(Encoding.UTF8.GetBytes(string.Join('\n', lines)), "mainnet.yaml");

            var problem = Assert.Single(validation.Problems);
            return problem.Path == $"signatories[{c.index}]"
                && problem.Line == FirstSignatoryLine + c.index + 1
                && problem.Message.StartsWith("not a 57-byte Ed448 key", StringComparison.Ordinal);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    [Fact]
    public void AnyValidKeyWithOrWithoutPrefix_IsAcceptedInLowercase()
    {
        var keys = Gen.ArrayOf(Gen.Elements("0123456789abcdefABCDEF".ToCharArray()), 114).Select(chars => new string(chars));
        Prop.ForAll(keys.ToArbitrary(), Gen.Elements("", "0x").ToArbitrary(), (key, prefix) =>
        {
            var lines = (string[])Lines.Clone();
            lines[FirstSignatoryLine + 5] = "  - " + prefix + key;
            var validation = PlanReader.Validate(Encoding.UTF8.GetBytes(string.Join('\n', lines)), "mainnet.yaml");
            return validation.Problems.Count == 0 && validation.Plan!.Signatories[5] == key.ToLowerInvariant();
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(100));
    }
}
