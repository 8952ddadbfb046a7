package cli

import (
	"flag"
	"regexp"
	"strings"

	"fyne.io/fyne/v2/lang"
)

// The command line is translated except what people type literally:
// command names, flag names and fixed arguments (now, until, tomorrow, on,
// off, the break kinds) stay English; the placeholders of usage lines
// (FILE, DURATION, KIND) and the flags' value words are in the user's
// language. The flag package names a value by its Go type ("-days int"),
// so printFlags names it here instead, and its parse errors are English
// sentences, so parse turns them into messages of our own (flagError).

// argWord is a usage placeholder in the user's language ("FILE" ->
// "DATEI"); a word that is no placeholder comes back as it is.
func argWord(w string) string {
	switch w {
	case "FILE":
		return lang.X("cli.arg.file", "FILE")
	case "DIR":
		return lang.X("cli.arg.dir", "DIR")
	case "KIND":
		return lang.X("cli.arg.kind", "KIND")
	case "DURATION":
		return lang.X("cli.arg.duration", "DURATION")
	case "COMMAND":
		return lang.X("cli.arg.command", "COMMAND")
	case "ARGS":
		return lang.X("cli.arg.args", "ARGS")
	case "OPTIONS":
		return lang.X("cli.arg.options", "OPTIONS")
	case "TEXT":
		return lang.X("cli.arg.text", "TEXT")
	}
	return w // N, HH:MM, JSON, CSV: the same in every language
}

var upperWord = regexp.MustCompile(`\b[A-Z]{3,}\b`)

// localUsage translates the placeholders of a usage text's first line
// (the synopsis); the lines after it are translated whole by their own
// catalogue entry.
func localUsage(u string) string {
	first, rest, more := strings.Cut(u, "\n")
	first = upperWord.ReplaceAllStringFunc(first, argWord)
	if more {
		return first + "\n" + rest
	}
	return first
}

// flagArgs names the value of each flag that takes one, as its usage line
// writes it.
var flagArgs = map[string]string{
	"days": "N", "count": "N", "length": "DURATION",
	"csv": "FILE", "json": "FILE", "db": "FILE",
}

// flagArg is the value word printFlags shows after a flag: the one its
// usage line uses, else one for its type; "" for a switch.
func flagArg(f *flag.Flag) string {
	if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
		return ""
	}
	if w, ok := flagArgs[f.Name]; ok {
		return argWord(w)
	}
	switch kind, _ := flag.UnquoteUsage(f); kind {
	case "int", "uint", "int64", "uint64", "float":
		return "N"
	case "duration":
		return argWord("DURATION")
	}
	return argWord("TEXT")
}

// flagError turns the flag package's complaint into a sentence in the
// user's language, naming the flag as people type it (--days).
func flagError(err error, fs *flag.FlagSet) string {
	msg := err.Error()
	name := func(s string) string { return "--" + strings.TrimLeft(s, "-") }
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		return lang.X("cli.flag.unknown", "unknown option {{.Flag}}; `limber {{.Cmd}} --help` lists the options.",
			map[string]any{"Flag": name(strings.TrimPrefix(msg, "flag provided but not defined: ")), "Cmd": fs.Name()})
	case strings.HasPrefix(msg, "flag needs an argument: "):
		f := strings.TrimPrefix(msg, "flag needs an argument: ")
		return lang.X("cli.flag.needs_value", "{{.Flag}} needs a value: {{.Flag}} {{.Arg}}",
			map[string]any{"Flag": name(f), "Arg": flagArg(fs.Lookup(strings.TrimLeft(f, "-")))})
	case strings.HasPrefix(msg, "invalid value "), strings.HasPrefix(msg, "invalid boolean value "):
		// invalid value "x" for flag -days: parse error
		var value, f string
		if i := strings.Index(msg, `"`); i >= 0 {
			if j := strings.Index(msg[i+1:], `" for flag `); j >= 0 {
				value = msg[i : i+1+j+1]
				f, _, _ = strings.Cut(msg[i+1+j+len(`" for flag `)+1:], ":")
			}
		}
		if fl := fs.Lookup(strings.TrimLeft(f, "-")); fl != nil {
			if flagArg(fl) == "N" {
				return lang.X("cli.flag.want_number", "{{.Flag}} takes a whole number, not {{.Value}}.", map[string]any{"Flag": name(f), "Value": value})
			}
			if flagArg(fl) == "" {
				return lang.X("cli.flag.want_switch", "{{.Flag}} is a switch: write it alone, without {{.Value}}.", map[string]any{"Flag": name(f), "Value": value})
			}
		}
		return lang.X("cli.flag.invalid", "invalid value {{.Value}} for {{.Flag}}.", map[string]any{"Flag": name(f), "Value": value})
	case strings.HasPrefix(msg, "bad flag syntax: "):
		return lang.X("cli.flag.syntax", "cannot read the option {{.Arg}}; write options as --name or --name VALUE.",
			map[string]any{"Arg": strings.TrimPrefix(msg, "bad flag syntax: ")})
	}
	return msg
}
