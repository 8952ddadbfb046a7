// Command man writes the man page limber(1) to standard output, in roff:
//
//	go run ./packaging/man -version 0.1.0 >limber.1
//
// The COMMANDS section is generated from the command table (cli.Table) and
// each command's own --help text, so the page says what `limber --help`
// and `limber COMMAND --help` say and cannot drift from them; the test
// checks it against Table. The rest (what Limber is, files, exit codes) is
// prose kept here. Hand-written: no served Go module turns a command table
// into roff (cobra's doc package needs cobra commands).
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/cli"
)

func main() {
	version := flag.String("version", "", "the version the page documents (FyneApp.toml's)")
	date := flag.String("date", "", "the date in the page's footer, e.g. 2026-11-24 (none when empty)")
	flag.Parse()
	if flag.NArg() != 0 || *version == "" {
		fmt.Fprintln(os.Stderr, "usage: go run ./packaging/man -version VERSION [-date YYYY-MM-DD] >limber.1")
		os.Exit(2)
	}
	page, err := Page(*version, *date)
	if err != nil {
		fmt.Fprintf(os.Stderr, "packaging/man: %v\n", err)
		os.Exit(1)
	}
	if _, err := io.WriteString(os.Stdout, page); err != nil {
		fmt.Fprintf(os.Stderr, "packaging/man: writing the page: %v\n", err)
		os.Exit(1)
	}
}

// Help returns what `limber NAME --help` prints.
func Help(c cli.Command) (string, error) {
	var out bytes.Buffer
	env := &cli.Env{
		Stdout: &out,
		Stderr: io.Discard,
		Dial: func() (*api.Client, func(), error) {
			return nil, nil, errors.New("no daemon while writing the man page")
		},
	}
	if code := c.Run([]string{"--help"}, env); code != cli.ExitOK {
		return "", fmt.Errorf("limber %s --help exited %d, not 0", c.Name, code)
	}
	if out.Len() == 0 {
		return "", fmt.Errorf("limber %s --help printed nothing", c.Name)
	}
	return out.String(), nil
}

// Page returns the whole man page.
func Page(version, date string) (string, error) {
	var b strings.Builder
	fmt.Fprintf(&b, ".TH LIMBER 1 %q %q \"User Commands\"\n", date, "limber "+version)
	// No hyphenation, left-aligned: command names and paths stay whole.
	b.WriteString(".nh\n.ad l\n")
	b.WriteString(head)
	b.WriteString(".SH COMMANDS\n")
	for _, c := range cli.Table() {
		help, err := Help(c)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, ".TP\n.B %s\n%s\n", Escape(c.Name), Escape(c.Summary))
		b.WriteString(".IP\n.nf\n")
		for _, line := range strings.Split(strings.TrimRight(help, "\n"), "\n") {
			b.WriteString(Escape(line) + "\n")
		}
		b.WriteString(".fi\n")
	}
	b.WriteString(tail)
	return b.String(), nil
}

// Escape makes text safe in roff: a backslash is printed as one, a dash
// is a minus (what options are typed with), and a line that would begin
// with a control character starts with the zero-width \&.
func Escape(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	s = strings.ReplaceAll(s, "-", `\-`)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}

const head = `.SH NAME
limber \- break reminder that counts real sitting time
.SH SYNOPSIS
.B limber
.RB [ \-\-verbose ]
.br
.B limber
.I COMMAND
.RI [ ARGS ]
.SH DESCRIPTION
Limber lives in the system tray and tracks how long you have really been
sitting at the computer: keyboard and pointer input, calls and presentations
count; walking away, a locked screen and a suspended laptop do not.
At the right moments it reminds you to check your posture, drink water,
stretch and move, and shows a short exercise card for each break.
.PP
Without a command,
.B limber
is the daemon: it schedules the breaks, shows the tray icon and its menu,
and opens the break card, settings and statistics windows (the program
.IR /usr/libexec/limber/limber\-window ).
With
.B \-\-verbose
it logs what it does to standard error.
Where no tray host runs (GNOME without the AppIndicator extension), it still
schedules breaks and says once, by notification, how to see it.
.PP
With a command, it controls the running daemon or works on its files, as
below.
.B "limber COMMAND \-\-help"
prints a command's options.
`

const tail = `.SH EXIT STATUS
.TP
.B 0
done
.TP
.B 1
failed (the message says what failed and what you can do)
.TP
.B 2
bad usage
.SH FILES
.TP
.I $XDG_CONFIG_HOME/limber/config.toml
the settings, a commented TOML file (see
.BR "limber config defaults" );
reread when saved.
A mistake is reported with file, line and reason, and the previous settings
stay in use.
.TP
.I $XDG_CONFIG_HOME/limber/cards/
your own exercise cards.
.TP
.I ~/work.ics
(any path)
calendar files or folders of them, named in the settings under
.B [calendar] files
and read again when they change: a break due during a meeting waits until
it ends, one due just before a meeting comes early.
.B "limber config check"
reads them too.
.TP
.I $XDG_DATA_HOME/limber/history.jsonl
the history of sitting time, breaks and water (one JSON object a line).
An old SQLite
.I history.db
is imported once and kept as
.IR history.db.imported ,
never deleted.
.TP
.I $XDG_DATA_HOME/limber/profile.json
the profile chosen by hand
.RB ( "limber profile use" ),
kept until
.BR "limber profile auto" .
.TP
.I $XDG_RUNTIME_DIR/limber/limber.sock
the control socket the commands talk to the daemon through.
.PP
.I $XDG_CONFIG_HOME
defaults to
.IR ~/.config ,
.I $XDG_DATA_HOME
to
.IR ~/.local/share .
.SH SEE ALSO
.UR https://github.com/limber-app/limber
.UE
`
