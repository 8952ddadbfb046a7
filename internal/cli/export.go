package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2/lang"
)

func cmdExport(args []string, env *Env) int {
	const usage = "export --csv FILE|- | --json FILE|- [--force]"
	fs := newFlags("export", usage, env)
	csvOut := fs.String("csv", "", lang.X("cli.flag.csv", "write every event as CSV (RFC 4180, header row) to FILE, or - for standard output"))
	jsonOut := fs.String("json", "", lang.X("cli.flag.json_file", "write every event as a JSON array to FILE, or - for standard output"))
	db := fs.String("db", "", lang.X("cli.flag.db", "read this history file instead of the usual one"))
	force := fs.Bool("force", false, lang.X("cli.flag.force", "replace FILE if it exists"))
	if done, code := parse(fs, args, env); done {
		return code
	}
	if fs.NArg() > 0 {
		return usageErr(env, usage, "%s", lang.X("cli.export.args", "export takes no arguments besides its options, got {{.Arg}}", map[string]any{"Arg": fmt.Sprintf("%q", fs.Arg(0))}))
	}
	if (*csvOut == "") == (*jsonOut == "") {
		return usageErr(env, usage, "%s", lang.X("cli.export.one", "give exactly one of --csv FILE or --json FILE (- for standard output)"))
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
	if err := exportTo(dest, *force, func(w io.Writer) error { return write(w, time.Local) }); err != nil {
		fmt.Fprintf(env.Stderr, "limber export: %v\n", err)
		return ExitFailed
	}
	fmt.Fprintln(env.Stdout, lang.X("stats.cli.exported", "Exported the history to {{.F}}.", map[string]any{"F": dest}))
	return ExitOK
}

// exportTo writes an export to path. A named pipe or a character device
// (a terminal, /dev/stdout on one) is written as a stream, never replaced;
// an existing file is replaced only with force (atomically, through a
// symlink to its target); anything else is refused.
func exportTo(path string, force bool, fill func(io.Writer) error) error {
	fi, err := os.Stat(path) // follows a symlink: what would be written
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return writeFileAtomic(path, fill)
	case err != nil:
		return fmt.Errorf("checking %s: %w", path, err)
	case fi.Mode()&(fs.ModeNamedPipe|fs.ModeCharDevice) != 0:
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("opening %s: %w", path, err)
		}
		if err := fill(f); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	case !fi.Mode().IsRegular():
		return errors.New(lang.X("cli.export.not_file", "{{.Path}} is not a regular file ({{.Mode}}); give a new file name, or - for standard output.", map[string]any{"Path": path, "Mode": fi.Mode().Type().String()}))
	case !force:
		return errors.New(lang.X("cli.export.exists", "{{.Path}} exists; add --force to replace it, or give a new file name.", map[string]any{"Path": path}))
	}
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return fmt.Errorf("resolving %s: %w", path, err)
	}
	return writeFileAtomic(target, fill)
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
