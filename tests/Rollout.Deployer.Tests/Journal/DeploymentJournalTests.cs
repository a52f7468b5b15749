using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Rollout.Deployer.Journal;
using Rollout.TestSupport;

namespace Rollout.Deployer.Tests.Journal;

public sealed class DeploymentJournalTests : IDisposable
{
    private readonly TempDirectory _home = new();
    private readonly ManualTimeProvider _time = new();

    public void Dispose() => _home.Dispose();

    private DeploymentJournal CreateWithSomeHistory()
    {
        var journal = DeploymentJournal.Create(_home.Path, "d1", _time);
        journal.AppendPlanVersion("aa", "plan.yaml", "network: rehearsal\n");
        var step = journal.AppendStepIntent("Planned", "Start", "PeerExchange", null);
        _time.Advance(TimeSpan.FromSeconds(5));
        journal.AppendCheckResult(step, "PeerExchange", "not-available", null, "needs the mesh", _time.GetUtcNow(), _time.GetUtcNow());
        journal.AppendStepOutcome(step, "Completed");
        journal.AppendDecision("retry", "PeerExchange", "mesh telemetry is up", "alice");
        return journal;
    }

    /// <summary>Changes the database behind rollout's back, as someone with file access could.</summary>
    private void Tamper(string sql)
    {
        SqliteSetup.EnsureInitialized();
        var path = Path.Combine(_home.Path, "d1", DeploymentJournal.DatabaseFileName);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete; " + sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void AReopenedJournal_HasEveryEventAndProjection()
    {
        using (CreateWithSomeHistory())
        {
        }

        using var journal = DeploymentJournal.Open(_home.Path, "d1", _time);

        Assert.Equal(
            ["deployment-created", "plan-version", "step-intent", "check-result", "step-outcome", "decision"],
            journal.Events().Select(e => e.Kind));
        var step = Assert.Single(journal.Steps());
        Assert.Equal(("Planned", "PeerExchange", "Completed"), (step.Source, step.Destination, step.Outcome));
        Assert.Equal("not-available", Assert.Single(journal.CheckResults()).Result);
        Assert.Equal("alice", Assert.Single(journal.Decisions()).Operator);
        Assert.Equal(1, Assert.Single(journal.PlanVersions()).Version);
    }

    [Fact]
    public void EachEventHash_IsSha256OfThePreviousHashAndItsCanonicalBytes()
    {
        using var journal = CreateWithSomeHistory();
        var events = journal.Events();

        var first = events[0];
        var expected = SHA256.HashData([.. new byte[32], .. Encoding.UTF8.GetBytes($"1\n{first.Kind}\n{first.At}\n{first.Payload}")]);
        Assert.Equal(Convert.ToHexStringLower(expected), first.Hash);
        Assert.All(events.Skip(1).Zip(events), pair => Assert.Equal(pair.Second.Hash, pair.First.PreviousHash));
    }

    [Fact]
    public void ASecondPlanVersion_IsJournaledOnlyWhenItsHashChanges()
    {
        using var journal = CreateWithSomeHistory();

        Assert.Equal(1, journal.AppendPlanVersion("aa", "plan.yaml", "network: rehearsal\n"));
        Assert.Equal(2, journal.AppendPlanVersion("bb", "plan.yaml", "network: rehearsal\nmesh: {heartbeat: 700ms}\n"));
        Assert.Equal(["aa", "bb"], journal.PlanVersions().Select(v => v.Sha256));
    }

    [Fact]
    public void AnAlteredEvent_IsRefusedOnOpen_NamingTheEvent()
    {
        using (CreateWithSomeHistory())
        {
        }
        Tamper("UPDATE events SET payload = replace(payload, 'alice', 'mallory') WHERE seq = 6;");

        var ex = Assert.Throws<InvalidDataException>(() => DeploymentJournal.Open(_home.Path, "d1", _time));

        Assert.Contains("event #6 (decision", ex.Message, StringComparison.Ordinal);
        Assert.Contains("altered", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATruncatedJournal_IsRefusedOnOpen()
    {
        using (CreateWithSomeHistory())
        {
        }
        Tamper("DELETE FROM events WHERE seq >= 5;");

        var ex = Assert.Throws<InvalidDataException>(() => DeploymentJournal.Open(_home.Path, "d1", _time));

        Assert.Contains("truncated: journal.head records event #6 but the journal ends at event #4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEventRemovedFromTheMiddle_IsRefusedOnOpen()
    {
        using (CreateWithSomeHistory())
        {
        }
        Tamper("DELETE FROM events WHERE seq = 3;");

        var ex = Assert.Throws<InvalidDataException>(() => DeploymentJournal.Open(_home.Path, "d1", _time));

        Assert.Contains("event #3 is missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AlteredProjectionTables_AreRebuiltFromTheVerifiedEvents()
    {
        using (CreateWithSomeHistory())
        {
        }
        Tamper("UPDATE steps SET outcome = NULL; DELETE FROM decisions;");

        using var journal = DeploymentJournal.Open(_home.Path, "d1", _time);

        Assert.Equal("Completed", Assert.Single(journal.Steps()).Outcome);
        Assert.Single(journal.Decisions());
    }

    [Fact]
    public void AHeadOneEventBehind_IsAProcessKilledBetweenCommitAndHead_AndIsAccepted()
    {
        string previousHash;
        using (var journal = CreateWithSomeHistory())
        {
            previousHash = journal.Events()[^2].Hash;
        }
        File.WriteAllText(Path.Combine(_home.Path, "d1", DeploymentJournal.HeadFileName), $"5 {previousHash}\n");

        using var reopened = DeploymentJournal.Open(_home.Path, "d1", _time);

        Assert.Equal(6, reopened.Head!.Seq);
    }

    [Fact]
    public void TheEventsTable_RefusesUpdatesAndDeletes()
    {
        using var journal = CreateWithSomeHistory();
        var path = Path.Combine(_home.Path, "d1", DeploymentJournal.DatabaseFileName);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM events WHERE seq = 1";

        var ex = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());

        Assert.Contains("append-only", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutsideActions_AreRecordedBeforeSending_AndSettledOnce()
    {
        using var journal = CreateWithSomeHistory();
        byte[] raw = [0x02, 0xf8, 0x6c];

        var id = await journal.RecordPreparedAsync(3, "ethereum-transaction", "31337:0xabc:7", raw, "0xhash");
        Assert.Equal(OutsideActionStatus.Prepared, (await journal.FindAsync("31337:0xabc:7"))!.Status);
        await journal.RecordSentAsync(id);
        Assert.Equal(OutsideActionStatus.Sent, Assert.Single(await journal.ListUnsettledAsync()).Status);
        await journal.RecordOutcomeAsync(id, OutsideActionStatus.Confirmed, "block 12");

        var action = (await journal.FindAsync("31337:0xabc:7"))!;
        Assert.Equal(("02f86c", OutsideActionStatus.Confirmed, "block 12"), (action.RawHex, action.Status, action.Detail));
        Assert.Empty(await journal.ListUnsettledAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => journal.RecordPreparedAsync(3, "ethereum-transaction", "31337:0xabc:7", raw, "0xhash"));
    }

    [Fact]
    public void ADeploymentIdThatIsNotAFolderName_IsRefused()
    {
        Assert.Throws<InvalidDataException>(() => DeploymentJournal.Create(_home.Path, "../escape", _time));
        Assert.Throws<InvalidDataException>(() => DeploymentJournal.Create(_home.Path, "", _time));
    }

    [Fact]
    public void CreatingAnExistingDeployment_IsRefused()
    {
        using (CreateWithSomeHistory())
        {
        }

        Assert.Throws<InvalidDataException>(() => DeploymentJournal.Create(_home.Path, "d1", _time));
    }

    [Fact]
    public void ASecondWriter_IsRefusedWhileTheFirstHoldsTheDeployment_ButAReaderIsNot()
    {
        using var writer = CreateWithSomeHistory();

        var ex = Assert.Throws<InvalidDataException>(() => DeploymentJournal.Open(_home.Path, "d1", _time));
        using var reader = DeploymentJournal.OpenReadOnly(_home.Path, "d1", _time);

        Assert.Contains("being written by another rollout process", ex.Message, StringComparison.Ordinal);
        Assert.Equal(writer.Head, reader.Head);
        Assert.Equal(writer.Steps(), reader.Steps());
    }

    [Fact]
    public void AReader_ChangesNeitherTheJournalNorItsHead_AndCannotAppend()
    {
        using (CreateWithSomeHistory())
        {
        }
        // SQLite's own WAL index files may appear beside the database; the journal and its head must not change.
        string[] files = [Path.Combine(_home.Path, "d1", DeploymentJournal.DatabaseFileName), Path.Combine(_home.Path, "d1", DeploymentJournal.HeadFileName)];
        var before = files.Select(File.ReadAllBytes).Select(Convert.ToHexString).ToList();

        using (var reader = DeploymentJournal.OpenReadOnly(_home.Path, "d1", _time))
        {
            Assert.Single(reader.Decisions());
            Assert.Throws<InvalidOperationException>(() => reader.AppendDecision("retry", "x", "y", "z"));
        }

        Assert.Equal(before, files.Select(File.ReadAllBytes).Select(Convert.ToHexString).ToList());
    }

    [Fact]
    public void EventsPastAStaleHead_AreToleratedByAReader_ButRefusedByAWriter()
    {
        string hash;
        using (var journal = CreateWithSomeHistory())
        {
            hash = journal.Events()[3].Hash;
        }
        File.WriteAllText(Path.Combine(_home.Path, "d1", DeploymentJournal.HeadFileName), $"4 {hash}\n");

        using (DeploymentJournal.OpenReadOnly(_home.Path, "d1", _time))
        {
        }
        var ex = Assert.Throws<InvalidDataException>(() => DeploymentJournal.Open(_home.Path, "d1", _time));

        Assert.Contains("events #6..#6 were appended outside rollout", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADeploymentKilledBeforeAdoptingItsPlan_SaysSo()
    {
        using var journal = DeploymentJournal.Create(_home.Path, "d1", _time);

        var ex = Assert.Throws<InvalidDataException>(() => journal.CurrentPlan());

        Assert.Contains("has no plan", ex.Message, StringComparison.Ordinal);
    }
}
