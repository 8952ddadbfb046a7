// Command gen rebuilds Limber's catalogues from the source: it finds every
// i18n.X and lang.X / lang.L call under cmd/ and internal/, writes
// internal/i18n/translations/en.json with the English texts, and keeps the
// German catalogue in step (dropping keys no longer used). Keys without a
// German text are listed; add them to de.json by hand.
//
// Run from the repository root:
//
//	go run ./internal/i18n/gen
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/limber-app/limber/internal/i18n/extract"
)

func main() {
	os.Exit(run())
}

func run() int {
	root, err := os.Getwd()
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		return 1
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		fmt.Fprintln(os.Stderr, "gen: run me from the repository root (where go.mod is)")
		return 2
	}
	msgs, errs := extract.Dirs(root, "cmd", "internal")
	for _, e := range errs {
		fmt.Fprintln(os.Stderr, "gen:", e)
	}
	dir := filepath.Join(root, "internal", "i18n", "translations")
	en := map[string]string{}
	for _, m := range msgs {
		en[m.Key] = m.English
	}
	de := map[string]string{}
	if data, err := os.ReadFile(filepath.Join(dir, "de.json")); err == nil {
		if err := json.Unmarshal(data, &de); err != nil {
			fmt.Fprintln(os.Stderr, "gen: de.json:", err)
			return 1
		}
	}
	missing := 0
	for k := range de {
		if _, ok := en[k]; !ok {
			delete(de, k)
		}
	}
	for _, m := range msgs {
		if de[m.Key] == "" {
			missing++
			fmt.Fprintf(os.Stderr, "gen: no German for %s (%s): %q\n", m.Key, m.Where, m.English)
		}
	}
	for name, cat := range map[string]map[string]string{"en.json": en, "de.json": de} {
		if err := write(filepath.Join(dir, name), cat); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			return 1
		}
	}
	fmt.Printf("gen: %d keys; %d without German\n", len(msgs), missing)
	if len(errs) > 0 || missing > 0 {
		return 1
	}
	return 0
}

func write(path string, m map[string]string) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return fmt.Errorf("encoding %s: %w", path, err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
