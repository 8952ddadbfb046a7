package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2/lang"
)

func cmdExport(args []string, env *Env) int {
	const usage = "export --csv FILE|- | --json FILE|-"
	fs := newFlags("export", usage, env)
	csvOut := fs.String("csv", "", "write every event as CSV (RFC 4180, header row) to FILE, or - for standard output")
	jsonOut := fs.String("json", "", "write every event as a JSON array to FILE, or - for standard output")
	db := fs.String("db", "", "read this history file instead of the usual one")
	if done, code := parse(fs, args, env); done {
		return code
	}
	if fs.NArg() > 0 {
		return usageErr(env, usage, "export takes no arguments besides its options, got %q", fs.Arg(0))
	}
	if (*csvOut == "") == (*jsonOut == "") {
		return usageErr(env, usage, "give exactly one of --csv FILE or --json FILE (- for standard output)")
	}
	s, err := openHistory(*db)
	if err != nil {
		return historyErr(env, "export", err)
	}
	defer s.Close()
	write, dest := s.ExportCSV, *csvOut
	if *jsonOut != "" {
		write, dest = s.ExportJSON, *jsonOut
	}
	if dest == "-" {
		if err := write(env.Stdout, time.Local); err != nil {
			fmt.Fprintf(env.Stderr, "limber export: %v\n", err)
			return ExitFailed
		}
		return ExitOK
	}
	if err := writeFileAtomic(dest, func(w io.Writer) error { return write(w, time.Local) }); err != nil {
		fmt.Fprintf(env.Stderr, "limber export: %v\n", err)
		return ExitFailed
	}
	fmt.Fprintln(env.Stdout, lang.X("stats.cli.exported", "Exported the history to {{.F}}.", map[string]any{"F": dest}))
	return ExitOK
}

// writeFileAtomic writes through a temporary file beside path and renames
// it into place, so a failed export never leaves half a file (or clobbers
// an earlier export). The file is private (0600): it is personal data.
func writeFileAtomic(path string, fill func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("creating %s: %w", path, err)
	}
	tmp := f.Name()
	if err := fill(f); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
