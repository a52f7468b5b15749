namespace Rollout.Deployer.Journal;

/// <summary>The journal's tables. Events are append-only (triggers refuse UPDATE and DELETE); the other tables are projections of them.</summary>
internal static class JournalSchema
{
    public const string Events = """
        CREATE TABLE IF NOT EXISTS events(
            seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, at TEXT NOT NULL, payload TEXT NOT NULL,
            prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
        CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'journal events are append-only'); END;
        CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'journal events are append-only'); END;
        """;

    public const string Projections = """
        DROP TABLE IF EXISTS meta; DROP TABLE IF EXISTS plan_versions; DROP TABLE IF EXISTS steps;
        DROP TABLE IF EXISTS check_results; DROP TABLE IF EXISTS decisions; DROP TABLE IF EXISTS outside_actions;
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE plan_versions(version INTEGER PRIMARY KEY, seq INTEGER NOT NULL, at TEXT NOT NULL, sha256 TEXT NOT NULL, source TEXT NOT NULL, content TEXT NOT NULL);
        CREATE TABLE steps(step_id INTEGER PRIMARY KEY, source TEXT NOT NULL, trigger TEXT NOT NULL, destination TEXT NOT NULL, argument TEXT,
            intent_at TEXT NOT NULL, outcome TEXT, outcome_at TEXT);
        CREATE TABLE check_results(seq INTEGER PRIMARY KEY, step_id INTEGER NOT NULL, check_name TEXT NOT NULL, result TEXT NOT NULL,
            cause_code TEXT, detail TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT NOT NULL);
        CREATE TABLE decisions(seq INTEGER PRIMARY KEY, at TEXT NOT NULL, action TEXT NOT NULL, subject TEXT NOT NULL, note TEXT NOT NULL, operator TEXT NOT NULL);
        CREATE TABLE outside_actions(action_id INTEGER PRIMARY KEY, step_id INTEGER NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL UNIQUE,
            raw_hex TEXT NOT NULL, hash_hex TEXT NOT NULL, status TEXT NOT NULL, detail TEXT NOT NULL);
        """;
}
