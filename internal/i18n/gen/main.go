// Command gen rebuilds Limber's catalogues from the source: it finds every
// lang.X / lang.XN call under cmd/ and internal/, writes
// internal/i18n/translations/en.json with the English texts, and keeps the
// German, French and Spanish catalogues in step: keys no longer used are
// dropped, and the texts still to translate are listed (add them to
// LANG.json by hand). A text with a count (lang.XN) is an object of plural
// forms; its English "other" form comes from the code, its "one" form is
// written in en.json by hand and kept here.
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

	"github.com/limber-app/limber/internal/i18n"
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
	read := func(code string) (map[string]i18n.Text, error) {
		m := map[string]i18n.Text{}
		data, err := os.ReadFile(filepath.Join(dir, code+".json"))
		if os.IsNotExist(err) {
			return m, nil
		}
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("%s.json: %w", code, err)
		}
		return m, nil
	}
	oldEn, err := read(i18n.English)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		return 1
	}
	todo := 0
	en := map[string]i18n.Text{}
	for _, m := range msgs {
		if !m.Plural {
			en[m.Key] = i18n.Text{Other: m.English}
			continue
		}
		forms := map[string]string{"other": m.English}
		if one := oldEn[m.Key].Forms["one"]; one != "" {
			forms["one"] = one
		} else {
			todo++
			fmt.Fprintf(os.Stderr, "gen: en.json: write the \"one\" form of %s (%s): %q\n", m.Key, m.Where, m.English)
		}
		en[m.Key] = i18n.Text{Other: m.English, Forms: forms}
	}
	if err := write(filepath.Join(dir, "en.json"), en); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		return 1
	}
	for _, code := range i18n.Languages()[1:] {
		cat, err := read(code)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			return 1
		}
		for k := range cat {
			if _, ok := en[k]; !ok {
				delete(cat, k)
			}
		}
		for _, m := range msgs {
			t := cat[m.Key]
			switch {
			case t.Other == "":
				todo++
				fmt.Fprintf(os.Stderr, "gen: %s.json: no text for %s (%s): %q\n", code, m.Key, m.Where, m.English)
				continue
			case m.Plural && !t.Plural():
				// Was a plain text: keep it as the "other" form.
				t = i18n.Text{Other: t.Other, Forms: map[string]string{"other": t.Other}}
				cat[m.Key] = t
			case !m.Plural && t.Plural():
				t = i18n.Text{Other: t.Other}
				cat[m.Key] = t
			}
			if m.Plural && t.Forms["one"] == "" {
				todo++
				fmt.Fprintf(os.Stderr, "gen: %s.json: write the \"one\" form of %s (%s)\n", code, m.Key, m.Where)
			}
		}
		if err := write(filepath.Join(dir, code+".json"), cat); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			return 1
		}
	}
	fmt.Printf("gen: %d keys; %d texts to write\n", len(msgs), todo)
	if len(errs) > 0 || todo > 0 {
		return 1
	}
	return 0
}

func write(path string, m map[string]i18n.Text) error {
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
