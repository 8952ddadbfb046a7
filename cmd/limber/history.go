package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/limber-app/limber/internal/history"
	"github.com/limber-app/limber/internal/i18n"
)

// importWait is how long the daemon's start waits for the import of an
// old history.db, so today's sitting, skips and debt are restored from
// the whole history. A longer import goes on beside the running daemon.
const importWait = 5 * time.Second

// importTimeout stops an import that hangs (a file on a dead network
// mount): the daemon logs to the new file meanwhile, and says so.
const importTimeout = 2 * time.Minute

// importOldHistory has limber-window take the old SQLite history at old
// (history.db, kept as history.db.imported) into the journal's file, once:
// SQLite is linked only there (see internal/historydb). It runs on the
// journal's writer (Journal.Reload: the file is closed meanwhile, events
// wait in memory), and start waits at most importWait for it.
func importOldHistory(j *history.Journal, old string, logf func(string, ...any)) {
	fi, err := os.Lstat(old)
	if err != nil || !fi.Mode().IsRegular() {
		return // nothing to import (or not a file: left alone)
	}
	done := make(chan struct{})
	j.Reload(func(dst string) error {
		out, err := runImport(old, dst)
		if err != nil {
			return errors.New(i18n.X("history.import_failed",
				"Limber could not import the old history {{.Src}} ({{.Err}}). It keeps recording in {{.Dst}}, and the old file is untouched. Install limber-window beside limber (make install) and restart Limber, or run `limber-window import-history {{.Src}} {{.Dst}}` while Limber is stopped.",
				map[string]any{"Src": old, "Dst": dst, "Err": err}))
		}
		logf("history: %s", out)
		return nil
	}, func(error) { close(done) })
	select {
	case <-done:
	case <-time.After(importWait):
		logf("history: importing %s takes longer than %v; it goes on while Limber runs", old, importWait)
	}
}

// runImport runs limber-window import-history old dst and returns what
// it said.
func runImport(old, dst string) (string, error) {
	cmd, err := windowCommand("import-history", old, dst)
	if err != nil {
		return "", err
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		return "", fmt.Errorf("starting %s: %w", cmd.Path, err)
	}
	t := time.AfterFunc(importTimeout, func() { cmd.Process.Kill() })
	err = cmd.Wait()
	t.Stop()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", errors.New(msg)
		}
		return "", fmt.Errorf("%s import-history: %w", cmd.Path, err)
	}
	return strings.TrimSpace(stdout.String()), nil
}
