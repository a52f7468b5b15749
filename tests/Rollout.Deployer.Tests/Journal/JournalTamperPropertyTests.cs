using FsCheck;
using FsCheck.Fluent;
using Microsoft.Data.Sqlite;
using Rollout.Deployer.Journal;
using Rollout.TestSupport;

namespace Rollout.Deployer.Tests.Journal;

public sealed class JournalTamperPropertyTests
{
    [Fact]
    public void ChangingAnyFieldOfAnyEvent_IsRefusedOnOpen_NamingThatEvent()
    {
        var cases =
            from notes in Gen.Choose(1, 12)
            from target in Gen.Choose(1, notes + 1)
            from field in Gen.Elements("kind", "at", "payload")
            select (notes, target, field);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            using var home = new TempDirectory();
            using (var journal = DeploymentJournal.Create(home.Path, "p", new ManualTimeProvider()))
            {
                for (var i = 0; i < c.notes; i++) journal.AppendDecision("retry", "PeerExchange", $"note {i}", "op");
            }
            using (var connection = new SqliteConnection($"Data Source={Path.Combine(home.Path, "p", "journal.db")};Pooling=False"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = $"DROP TRIGGER events_no_update; UPDATE events SET {c.field} = {c.field} || ' ' WHERE seq = {c.target}";
                command.ExecuteNonQuery();
            }

            var ex = Assert.Throws<InvalidDataException>(() => DeploymentJournal.Open(home.Path, "p", new ManualTimeProvider()));
            return ex.Message.Contains($"event #{c.target} (", StringComparison.Ordinal) && ex.Message.Contains("does not match its hash", StringComparison.Ordinal);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(25));
    }
}
