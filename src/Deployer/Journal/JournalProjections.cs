using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Rollout.Deployer.Journal;

/// <summary>
/// Applies events to the projection tables. The same code serves appends and the rebuild every open does
/// after verifying the chain, so the tables can never disagree with the hash-chained events.
/// </summary>
internal static class JournalProjections
{
    public static void Rebuild(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<JournalEvent> events)
    {
        Execute(connection, transaction, JournalSchema.Projections);
        foreach (var e in events) Apply(connection, transaction, e);
    }

    public static void Apply(SqliteConnection connection, SqliteTransaction transaction, JournalEvent e)
    {
        switch (e.Kind)
        {
            case EventKinds.DeploymentCreated:
                var created = Parse<JournalPayloads.Created>(e);
                Execute(connection, transaction, "INSERT INTO meta(key, value) VALUES ('deployment_id', $a), ('created_at', $b)", created.DeploymentId, e.At);
                break;
            case EventKinds.PlanVersion:
                var plan = Parse<JournalPayloads.Plan>(e);
                Execute(connection, transaction, "INSERT INTO plan_versions VALUES ($a, $b, $c, $d, $e, $f)", plan.Version, e.Seq, e.At, plan.Sha256, plan.Source, plan.Content);
                break;
            case EventKinds.StepIntent:
                var intent = Parse<JournalPayloads.Intent>(e);
                Execute(connection, transaction, "INSERT INTO steps VALUES ($a, $b, $c, $d, $e, $f, NULL, NULL)", e.Seq, intent.Source, intent.Trigger, intent.Destination, intent.Argument, e.At);
                break;
            case EventKinds.StepOutcome:
                var outcome = Parse<JournalPayloads.StepEnd>(e);
                Require(e, Execute(connection, transaction, "UPDATE steps SET outcome = $a, outcome_at = $b WHERE step_id = $c AND outcome IS NULL", outcome.Outcome, e.At, outcome.StepId),
                    $"an outcome for step {outcome.StepId}, which has no open intent");
                break;
            case EventKinds.CheckResult:
                var check = Parse<JournalPayloads.CheckRun>(e);
                Execute(connection, transaction, "INSERT INTO check_results VALUES ($a, $b, $c, $d, $e, $f, $g, $h)", e.Seq, check.StepId, check.Check, check.Result, check.CauseCode, check.Detail, check.StartedAt, check.FinishedAt);
                break;
            case EventKinds.Decision:
                var decision = Parse<JournalPayloads.Decision>(e);
                Execute(connection, transaction, "INSERT INTO decisions VALUES ($a, $b, $c, $d, $e, $f)", e.Seq, e.At, decision.Action, decision.Subject, decision.Note, decision.Operator);
                break;
            case EventKinds.OutsideActionPrepared:
                var prepared = Parse<JournalPayloads.Prepared>(e);
                Execute(connection, transaction, "INSERT INTO outside_actions VALUES ($a, $b, $c, $d, $e, $f, $g, '')", e.Seq, prepared.StepId, prepared.Kind, prepared.Key, prepared.RawHex, prepared.HashHex, nameof(OutsideActionStatus.Prepared));
                break;
            case EventKinds.OutsideActionSent:
                var sent = Parse<JournalPayloads.Sent>(e);
                Require(e, Execute(connection, transaction, "UPDATE outside_actions SET status = $a WHERE action_id = $b", nameof(OutsideActionStatus.Sent), sent.ActionId), $"unknown action {sent.ActionId}");
                break;
            case EventKinds.OutsideActionOutcome:
                var settled = Parse<JournalPayloads.Settled>(e);
                Require(e, Execute(connection, transaction, "UPDATE outside_actions SET status = $a, detail = $b WHERE action_id = $c", settled.Status, settled.Detail, settled.ActionId), $"unknown action {settled.ActionId}");
                break;
            default:
                throw new InvalidDataException($"journal event #{e.Seq}: unknown kind \"{e.Kind}\"");
        }
    }

    public static int Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params object?[] values)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++) command.Parameters.AddWithValue("$" + (char)('a' + i), values[i] ?? DBNull.Value);
        return command.ExecuteNonQuery();
    }

    private static T Parse<T>(JournalEvent e)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(e.Payload) ?? throw new InvalidDataException($"journal event #{e.Seq} ({e.Kind}): empty payload");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"journal event #{e.Seq} ({e.Kind}): payload is not valid: {ex.Message}", ex);
        }
    }

    private static void Require(JournalEvent e, int rows, string what)
    {
        if (rows != 1) throw new InvalidDataException($"journal event #{e.Seq} ({e.Kind}) records {what}");
    }
}
