using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Rollout.Deployer.Journal;

/// <summary>
/// One deployment's journal, <c>&lt;home&gt;/&lt;id&gt;/journal.db</c>: append-only, hash-chained events and the
/// tables projected from them (steps, check results, decisions, plan versions, outside actions). Opening
/// verifies the whole chain and the head file and refuses a tampered or truncated journal, naming the event.
/// One process writes a deployment at a time.
/// </summary>
public sealed class DeploymentJournal : IOutsideActionLog, IDisposable
{
    /// <summary>The database's file name inside the deployment folder.</summary>
    public const string DatabaseFileName = "journal.db";

    /// <summary>The head file's name inside the deployment folder.</summary>
    public const string HeadFileName = "journal.head";

    private readonly SqliteConnection _connection;
    private readonly SqliteConnection _projections;
    private readonly FileStream? _writerLock;
    private readonly TimeProvider _time;
    private readonly string _headPath;

    private DeploymentJournal(string folder, string deploymentId, SqliteConnection connection, SqliteConnection projections, FileStream? writerLock, TimeProvider time, JournalEvent? head)
    {
        Folder = folder;
        DeploymentId = deploymentId;
        _connection = connection;
        _projections = projections;
        _writerLock = writerLock;
        _time = time;
        _headPath = Path.Combine(folder, HeadFileName);
        Head = head;
    }

    /// <summary>The deployment's id.</summary>
    public string DeploymentId { get; }

    /// <summary>The deployment's folder.</summary>
    public string Folder { get; }

    /// <summary>The last event, or null before the first.</summary>
    public JournalEvent? Head { get; private set; }

    /// <summary>True when this instance may append (it holds the deployment's writer lock).</summary>
    public bool IsWriter => _writerLock is not null;

    /// <summary>True when a journal exists for <paramref name="deploymentId"/> under <paramref name="home"/>.</summary>
    public static bool Exists(string home, string deploymentId) =>
        File.Exists(Path.Combine(home, DeploymentIds.Validate(deploymentId), DatabaseFileName));

    /// <summary>Creates a new deployment's journal; refuses an id already in use.</summary>
    public static DeploymentJournal Create(string home, string deploymentId, TimeProvider time)
    {
        var folder = Path.Combine(home, DeploymentIds.Validate(deploymentId));
        if (File.Exists(Path.Combine(folder, DatabaseFileName))) throw new InvalidDataException($"deployment {deploymentId} already exists in {home}");
        Directory.CreateDirectory(folder);
        var writerLock = LockWriter(folder, deploymentId);
        var connection = Connect(Path.Combine(folder, DatabaseFileName), readOnly: false);
        JournalProjections.Execute(connection, null, JournalSchema.Events);
        using (var transaction = connection.BeginTransaction())
        {
            JournalProjections.Rebuild(connection, transaction, []);
            transaction.Commit();
        }
        var journal = new DeploymentJournal(folder, deploymentId, connection, connection, writerLock, time, null);
        journal.Append(EventKinds.DeploymentCreated, new JournalPayloads.Created(deploymentId));
        return journal;
    }

    /// <summary>
    /// Opens an existing deployment's journal to write: takes the deployment's writer lock (a second writer is
    /// refused), verifies the whole chain and the head strictly, and rebuilds the projections from the events.
    /// </summary>
    public static DeploymentJournal Open(string home, string deploymentId, TimeProvider time) => OpenCore(home, deploymentId, time, writer: true);

    /// <summary>
    /// Opens a journal to read while a writer may be running: verifies the chain up to what it reads and builds
    /// the projections in memory; nothing in the deployment folder is changed.
    /// </summary>
    public static DeploymentJournal OpenReadOnly(string home, string deploymentId, TimeProvider time) => OpenCore(home, deploymentId, time, writer: false);

    private static DeploymentJournal OpenCore(string home, string deploymentId, TimeProvider time, bool writer)
    {
        var folder = Path.Combine(home, DeploymentIds.Validate(deploymentId));
        var path = Path.Combine(folder, DatabaseFileName);
        if (!File.Exists(path)) throw new InvalidDataException($"deployment {deploymentId}: no journal at {path}");
        var writerLock = writer ? LockWriter(folder, deploymentId) : null;
        SqliteConnection? connection = null;
        SqliteConnection? projections = null;
        try
        {
            // The head is read before the events: a writer only moves it forward, so a reader never sees a false truncation.
            var head = JournalHead.Read(Path.Combine(folder, HeadFileName));
            connection = Connect(path, readOnly: !writer);
            var events = ReadEvents(connection);
            JournalVerifier.Verify(path, events, head, strictEnd: writer);
            projections = writer ? connection : Connect(":memory:", readOnly: false);
            using (var transaction = projections.BeginTransaction())
            {
                JournalProjections.Rebuild(projections, transaction, events);
                transaction.Commit();
            }
            var journal = new DeploymentJournal(folder, deploymentId, connection, projections, writerLock, time, events.Count == 0 ? null : events[^1]);
            if (writer && journal.Head is { } last) JournalHead.Write(journal._headPath, last.Seq, last.Hash);
            return journal;
        }
        catch (Exception ex)
        {
            if (!ReferenceEquals(projections, connection)) projections?.Dispose();
            connection?.Dispose();
            writerLock?.Dispose();
            if (ex is SqliteException sqlite) throw new InvalidDataException($"{path}: not a readable journal ({sqlite.Message})", sqlite);
            throw;
        }
    }

    /// <summary>The plan version in force; a deployment killed before adopting its plan has none and cannot go on.</summary>
    public PlanVersionRecord CurrentPlan() =>
        PlanVersions() is { Count: > 0 } versions ? versions[^1]
            : throw new InvalidDataException($"deployment {DeploymentId} has no plan (its run stopped before adopting one); start a new deployment");

    /// <summary>Records a step's intent; its id is the event's seq.</summary>
    public long AppendStepIntent(string source, string trigger, string destination, string? argument) =>
        Append(EventKinds.StepIntent, new JournalPayloads.Intent(source, trigger, destination, argument)).Seq;

    /// <summary>Records a step's outcome.</summary>
    public void AppendStepOutcome(long stepId, string outcome) => Append(EventKinds.StepOutcome, new JournalPayloads.StepEnd(stepId, outcome));

    /// <summary>Records a check's result.</summary>
    public long AppendCheckResult(long stepId, string check, string result, string? causeCode, string detail, DateTimeOffset startedAt, DateTimeOffset finishedAt) =>
        Append(EventKinds.CheckResult, new JournalPayloads.CheckRun(stepId, check, result, causeCode, detail, Iso(startedAt), Iso(finishedAt))).Seq;

    /// <summary>Records an operator decision.</summary>
    public long AppendDecision(string action, string subject, string note, string operatorName) =>
        Append(EventKinds.Decision, new JournalPayloads.Decision(action, subject, note, operatorName)).Seq;

    /// <summary>Adopts a plan version unless it is already the current one; returns the current version number.</summary>
    public int AppendPlanVersion(string sha256, string source, string content)
    {
        var versions = PlanVersions();
        if (versions.Count > 0 && versions[^1].Sha256 == sha256) return versions[^1].Version;
        Append(EventKinds.PlanVersion, new JournalPayloads.Plan(versions.Count + 1, sha256, source, content));
        return versions.Count + 1;
    }

    /// <inheritdoc/>
    public Task<long> RecordPreparedAsync(long stepId, string kind, string key, ReadOnlyMemory<byte> raw, string hashHex, CancellationToken cancellationToken = default)
    {
        if (OutsideActions().Any(a => a.Key == key)) throw new InvalidOperationException($"outside action {key} was already prepared");
        return Task.FromResult(Append(EventKinds.OutsideActionPrepared, new JournalPayloads.Prepared(stepId, kind, key, Convert.ToHexStringLower(raw.Span), hashHex)).Seq);
    }

    /// <inheritdoc/>
    public Task RecordSentAsync(long actionId, CancellationToken cancellationToken = default)
    {
        Append(EventKinds.OutsideActionSent, new JournalPayloads.Sent(actionId));
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task RecordOutcomeAsync(long actionId, OutsideActionStatus status, string detail, CancellationToken cancellationToken = default)
    {
        if (status is OutsideActionStatus.Prepared or OutsideActionStatus.Sent) throw new ArgumentOutOfRangeException(nameof(status), status, "an outcome must settle the action or declare it unknown");
        Append(EventKinds.OutsideActionOutcome, new JournalPayloads.Settled(actionId, status.ToString(), detail));
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<OutsideAction?> FindAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(OutsideActions().FirstOrDefault(a => a.Key == key));

    /// <inheritdoc/>
    public Task<IReadOnlyList<OutsideAction>> ListUnsettledAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<OutsideAction>>(OutsideActions()
            .Where(a => a.Status is OutsideActionStatus.Prepared or OutsideActionStatus.Sent or OutsideActionStatus.Unknown).ToList());

    /// <summary>Every event, in order.</summary>
    public IReadOnlyList<JournalEvent> Events() => ReadEvents(_connection);

    /// <summary>Every step, in order.</summary>
    public IReadOnlyList<StepRecord> Steps() => Query("SELECT * FROM steps ORDER BY step_id", r =>
        new StepRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), Text(r, 4), r.GetString(5), Text(r, 6), Text(r, 7)));

    /// <summary>Every check result, in order.</summary>
    public IReadOnlyList<CheckResultRecord> CheckResults() => Query("SELECT * FROM check_results ORDER BY seq", r =>
        new CheckResultRecord(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), Text(r, 4), r.GetString(5), r.GetString(6), r.GetString(7)));

    /// <summary>Every operator decision, in order.</summary>
    public IReadOnlyList<DecisionRecord> Decisions() => Query("SELECT * FROM decisions ORDER BY seq", r =>
        new DecisionRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5)));

    /// <summary>Every plan version, in order.</summary>
    public IReadOnlyList<PlanVersionRecord> PlanVersions() => Query("SELECT * FROM plan_versions ORDER BY version", r =>
        new PlanVersionRecord(r.GetInt32(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5)));

    /// <summary>Every outside action, in order.</summary>
    public IReadOnlyList<OutsideAction> OutsideActions() => Query("SELECT * FROM outside_actions ORDER BY action_id", r =>
        new OutsideAction(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
            Enum.Parse<OutsideActionStatus>(r.GetString(6)), r.GetString(7)));

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!ReferenceEquals(_projections, _connection)) _projections.Dispose();
        _connection.Dispose();
        _writerLock?.Dispose();
    }

    private JournalEvent Append<T>(string kind, T payload)
    {
        if (!IsWriter) throw new InvalidOperationException($"deployment {DeploymentId} was opened read-only");
        var seq = (Head?.Seq ?? 0) + 1;
        var previous = Head?.Hash ?? EventHasher.Genesis;
        var at = Iso(_time.GetUtcNow());
        var json = JsonSerializer.Serialize(payload);
        var e = new JournalEvent(seq, kind, at, json, previous, EventHasher.Hash(previous, seq, kind, at, json));
        using (var transaction = _connection.BeginTransaction())
        {
            JournalProjections.Execute(_connection, transaction, "INSERT INTO events VALUES ($a, $b, $c, $d, $e, $f)", e.Seq, e.Kind, e.At, e.Payload, e.PreviousHash, e.Hash);
            JournalProjections.Apply(_connection, transaction, e);
            transaction.Commit();
        }
        Head = e;
        JournalHead.Write(_headPath, e.Seq, e.Hash);
        return e;
    }

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> map)
    {
        using var command = _projections.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(map(reader));
        return rows;
    }

    private static List<JournalEvent> ReadEvents(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, kind, at, payload, prev_hash, hash FROM events ORDER BY seq";
        using var reader = command.ExecuteReader();
        var events = new List<JournalEvent>();
        while (reader.Read())
        {
            events.Add(new JournalEvent(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        }
        return events;
    }

    private static SqliteConnection Connect(string path, bool readOnly)
    {
        SqliteSetup.EnsureInitialized();
        var mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate;
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = mode }.ToString());
        connection.Open();
        // WAL with FULL sync: one fsync per commit, and a commit survives a kill or a power loss.
        if (!readOnly && path != ":memory:") JournalProjections.Execute(connection, null, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL");
        return connection;
    }

    /// <summary>Holds <c>journal.lock</c> exclusively for as long as this process writes; the OS drops it when the process dies.</summary>
    private static FileStream LockWriter(string folder, string deploymentId)
    {
        try
        {
            return new FileStream(Path.Combine(folder, "journal.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new InvalidDataException($"deployment {deploymentId} is being written by another rollout process", ex);
        }
    }

    private static string? Text(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
