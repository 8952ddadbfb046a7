//go:build darwin

package autostart

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/limber-app/limber/internal/settings"
)

func agentPath() (string, error) {
	h, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("finding the home folder: %w", err)
	}
	return filepath.Join(h, "Library", "LaunchAgents", agentLabel+".plist"), nil
}

func xmlEscape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func on(exe string) error {
	p, err := agentPath()
	if err != nil {
		return err
	}
	plist := `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>Label</key>
	<string>` + agentLabel + `</string>
	<key>ProgramArguments</key>
	<array>
		<string>` + xmlEscape(exe) + `</string>
	</array>
	<key>RunAtLoad</key>
	<true/>
	<key>ProcessType</key>
	<string>Interactive</string>
</dict>
</plist>
`
	if err := settings.WriteAtomic(p, []byte(plist), 0o644); err != nil {
		return fmt.Errorf("turning on start at login: %w", err)
	}
	return nil
}

func off() error { return removeEntry(agentPath) }

var firstArg = regexp.MustCompile(`(?s)<key>ProgramArguments</key>\s*<array>\s*<string>(.*?)</string>`)

func get(exe string) (Status, error) {
	p, err := agentPath()
	if err != nil {
		return Status{}, err
	}
	st := Status{Where: p}
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("reading %s: %w", p, err)
	}
	st.Enabled = true
	if m := firstArg.FindSubmatch(data); m != nil {
		var v struct {
			S string `xml:",chardata"`
		}
		if xml.Unmarshal([]byte("<s>"+string(m[1])+"</s>"), &v) == nil {
			st.Command = v.S
		}
	}
	st.Stale = exe != "" && st.Command != exe
	return st, nil
}
