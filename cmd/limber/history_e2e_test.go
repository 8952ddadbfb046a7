package main

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite" // only the test writes an old history.db
)

// writeOldHistory writes a history.db as Limber wrote it at schema version
// 1 (before the history became history.jsonl), holding n glasses today.
func writeOldHistory(t *testing.T, dataHome string, n int) string {
	t.Helper()
	dir := filepath.Join(dataHome, "limber")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "history.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stmts := []string{
		`CREATE TABLE breaks (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, kind TEXT NOT NULL, card TEXT NOT NULL DEFAULT '', due INTEGER, outcome TEXT NOT NULL, dur_ms INTEGER NOT NULL DEFAULT 0)`,
		`CREATE TABLE activity (id INTEGER PRIMARY KEY, start_at INTEGER NOT NULL, end_at INTEGER NOT NULL, after_hours INTEGER NOT NULL DEFAULT 0)`,
		`CREATE TABLE glasses (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, source TEXT NOT NULL)`,
		`CREATE TABLE pauses (id INTEGER PRIMARY KEY, start_at INTEGER NOT NULL, end_at INTEGER NOT NULL)`,
		`CREATE TABLE limit_warnings (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, sitting_ms INTEGER NOT NULL)`,
		`PRAGMA user_version = 1`,
	}
	for i := range n {
		stmts = append(stmts, fmt.Sprintf(`INSERT INTO glasses(at, source) VALUES(%d, 'tray')`, time.Now().Add(-time.Duration(i+1)*time.Second).UnixMilli()))
	}
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func (d *desktop) dataHome() string {
	for _, e := range d.env {
		if v, ok := strings.CutPrefix(e, "XDG_DATA_HOME="); ok {
			return v
		}
	}
	return ""
}

// TestEndToEndImportsOldHistory: the first start beside an old history.db
// takes it in (through limber-window import-history) before today's
// totals are read, and keeps the old file as history.db.imported.
func TestEndToEndImportsOldHistory(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	bin := limberBin(t)
	d := newDesktop(t)
	old := writeOldHistory(t, d.dataHome(), 2)
	d.startDaemon(t, bin)
	out, errs, code := d.limber(t, bin, "drink")
	if code != 0 || !strings.Contains(out, "3 of") {
		t.Errorf("drink after the import: %d %q %q (want the 2 old glasses counted)", code, out, errs)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("history.db is still there: %v", err)
	}
	if _, err := os.Stat(old + ".imported"); err != nil {
		t.Errorf("history.db.imported: %v", err)
	}
	out, _, _ = d.limber(t, bin, "status")
	if strings.Contains(out, "import") {
		t.Errorf("status names an import problem:\n%s", out)
	}
}

// TestEndToEndImportWithoutWindowProgram: without limber-window the old
// history stays where it is, Limber records in the new file, and status
// says what failed and what to do.
func TestEndToEndImportWithoutWindowProgram(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	src, err := os.ReadFile(limberBin(t))
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "limber")
	if err := os.WriteFile(bin, src, 0o755); err != nil {
		t.Fatal(err)
	}
	d := newDesktop(t)
	old := writeOldHistory(t, d.dataHome(), 2)
	d.startDaemon(t, bin)
	if out, errs, code := d.limber(t, bin, "drink"); code != 0 || !strings.Contains(out, "1 of") {
		t.Errorf("drink: %d %q %q", code, out, errs)
	}
	out, _, _ := d.limber(t, bin, "status")
	if !strings.Contains(out, "could not import the old history") || !strings.Contains(out, "limber-window") {
		t.Errorf("status does not say the import failed:\n%s", out)
	}
	if _, err := os.Stat(old); err != nil {
		t.Errorf("the old history was not left in place: %v", err)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(old), "history.jsonl")); err != nil {
		t.Errorf("no new history file: %v", err)
	}
}
