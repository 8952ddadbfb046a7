package historydb

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations[i] turns a database at schema version i into version i+1.
// PRAGMA user_version holds the version. Entries are never edited once
// released: the schema at version N is exactly migrations[0..N-1] applied to
// an empty file, which is how the upgrade test builds every old database.
//
// All times are INTEGER milliseconds since the Unix epoch (UTC): compact,
// indexable, free of time zone parsing. Day boundaries are applied when
// reading, in the reader's time zone.
//
// Sitting time is kept as spans (start, end), not one row per minute: a
// working day is a few dozen spans against ~500 minute rows, so the file is
// ~15x smaller and a 30-day query reads ~1000 rows instead of ~15000. The
// daemon extends the open span in place (one UPDATE of a fixed-size row),
// which costs the same as appending a minute row.
func migrations() []string {
	return []string{
		// v1: the journal.
		`CREATE TABLE breaks (
			id       INTEGER PRIMARY KEY,
			at       INTEGER NOT NULL,          -- when the outcome happened
			kind     TEXT    NOT NULL,          -- posture|hydration|stretch|movement
			card     TEXT    NOT NULL DEFAULT '',
			due      INTEGER,                   -- when it fell due; NULL if unknown
			outcome  TEXT    NOT NULL,          -- done|snoozed|skipped|natural|closed_early|short
			dur_ms   INTEGER NOT NULL DEFAULT 0 -- how long (see BreakRecord.Duration)
		);
		CREATE INDEX breaks_at ON breaks(at);
		CREATE TABLE activity (
			id          INTEGER PRIMARY KEY,
			start_at    INTEGER NOT NULL,
			end_at      INTEGER NOT NULL,
			after_hours INTEGER NOT NULL DEFAULT 0
		);
		CREATE INDEX activity_end ON activity(end_at);
		CREATE TABLE glasses (
			id     INTEGER PRIMARY KEY,
			at     INTEGER NOT NULL,
			source TEXT    NOT NULL          -- card|tray|cli
		);
		CREATE INDEX glasses_at ON glasses(at);
		CREATE TABLE pauses (
			id       INTEGER PRIMARY KEY,
			start_at INTEGER NOT NULL,
			end_at   INTEGER NOT NULL
		);
		CREATE INDEX pauses_end ON pauses(end_at);
		CREATE TABLE limit_warnings (
			id         INTEGER PRIMARY KEY,
			at         INTEGER NOT NULL,
			sitting_ms INTEGER NOT NULL
		);
		CREATE INDEX limit_warnings_at ON limit_warnings(at);`,

		// v2: the daemon's goals, so read-only readers (CLI, stats window
		// without a daemon) judge days against the same goals without
		// parsing the settings themselves.
		`CREATE TABLE meta (
			key   TEXT PRIMARY KEY,
			value TEXT NOT NULL
		) WITHOUT ROWID;`,

		// v3: the skip budget and break debt. Rows written before have
		// neither (0): they owed nothing and spent no budget.
		`ALTER TABLE breaks ADD COLUMN debt_ms INTEGER NOT NULL DEFAULT 0; -- missing time owed (BreakRecord.Debt)
		ALTER TABLE breaks ADD COLUMN paid_ms INTEGER NOT NULL DEFAULT 0;  -- debt repaid (BreakRecord.Paid)
		ALTER TABLE breaks ADD COLUMN spent INTEGER NOT NULL DEFAULT 0;    -- a skip of the daily budget`,
	}
}

// SchemaVersion is the schema version this build writes.
func SchemaVersion() int { return len(migrations()) }

// migrateTo brings db to version target, one transaction per step so a kill
// in the middle leaves a database at a whole version.
func migrateTo(ctx context.Context, db *sql.DB, target int) error {
	all := migrations()
	for {
		var v int
		if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
			return fmt.Errorf("reading the schema version: %w", err)
		}
		if v > len(all) {
			return fmt.Errorf("%w: the file has schema version %d, this Limber knows up to %d", ErrNewerSchema, v, len(all))
		}
		if v >= target {
			return nil
		}
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("starting the upgrade to schema version %d: %w", v+1, err)
		}
		if _, err := tx.ExecContext(ctx, all[v]); err != nil {
			tx.Rollback()
			return fmt.Errorf("upgrading the schema to version %d: %w", v+1, err)
		}
		// user_version cannot take a bound parameter.
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
			tx.Rollback()
			return fmt.Errorf("setting the schema version %d: %w", v+1, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("committing the upgrade to schema version %d: %w", v+1, err)
		}
	}
}
