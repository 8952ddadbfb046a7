// Package extract finds the translatable strings of a Go source tree: every
// call of Limber's i18n.X / i18n.XN / i18n.XIn / i18n.XNIn (X / XN inside
// internal/i18n) and of
// Fyne's lang.X / lang.L / lang.N / lang.XN (and their long names) with its
// key and English text, so the catalogues can be built and checked.
package extract

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// The packages whose calls are messages: Fyne's lang (the windows) and
// internal/i18n (everything the daemon links; its X is lang.X's twin).
const (
	langPath = "fyne.io/fyne/v2/lang"
	i18nPath = "github.com/limber-app/limber/internal/i18n"
)

// Message is one translatable string.
type Message struct {
	Key     string
	English string
	// Where is the first place it is used, "file.go:12".
	Where string
	// Plural is set for a text with a count (lang.N, lang.XN): its
	// catalogue entries are objects of plural forms, and English is the
	// "other" form (the "one" form is written in en.json by hand).
	Plural bool
}

// Dirs walks the given folders (relative to root) and returns every message
// sorted by key. A key used with two different English texts, or a call whose
// key or text is not a literal, is an error naming the place.
func Dirs(root string, dirs ...string) ([]Message, []error) {
	byKey := map[string]Message{}
	var errs []error
	fset := token.NewFileSet()
	for _, d := range dirs {
		err := filepath.WalkDir(filepath.Join(root, d), func(path string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if e.IsDir() {
				if n := e.Name(); n == "testdata" || (strings.HasPrefix(n, ".") && path != filepath.Join(root, d)) {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			msgs, ferrs := File(fset, rel, src)
			errs = append(errs, ferrs...)
			for _, m := range msgs {
				if old, ok := byKey[m.Key]; ok {
					if old.English != m.English || old.Plural != m.Plural {
						errs = append(errs, fmt.Errorf("%s: key %q has English %q (plural %v), but %s has %q (plural %v); use one text per key",
							m.Where, m.Key, m.English, m.Plural, old.Where, old.English, old.Plural))
					}
					continue
				}
				byKey[m.Key] = m
			}
			return nil
		})
		if err != nil {
			errs = append(errs, fmt.Errorf("reading %s: %w", d, err))
		}
	}
	out := make([]Message, 0, len(byKey))
	for _, m := range byKey {
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, errs
}

// File extracts the messages of one Go source file.
func File(fset *token.FileSet, name string, src []byte) ([]Message, []error) {
	f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, []error{fmt.Errorf("parsing %s: %w", name, err)}
	}
	// local names of the two packages in this file
	locals := map[string]bool{}
	for _, imp := range f.Imports {
		name := ""
		switch p, _ := strconv.Unquote(imp.Path.Value); p {
		case langPath:
			name = "lang"
		case i18nPath:
			name = "i18n"
		default:
			continue
		}
		if imp.Name != nil {
			name = imp.Name.Name
		}
		if name != "_" {
			locals[name] = true
		}
	}
	// internal/i18n itself calls its X unqualified (the translated dates).
	self := f.Name.Name == "i18n" && filepath.ToSlash(filepath.Dir(name)) == "internal/i18n"
	if len(locals) == 0 && !self {
		return nil, nil
	}
	var msgs []Message
	var errs []error
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		var pkg, fun *ast.Ident
		switch f := call.Fun.(type) {
		case *ast.SelectorExpr:
			p, ok := f.X.(*ast.Ident)
			if !ok || !locals[p.Name] {
				return true
			}
			pkg, fun = p, f.Sel
		case *ast.Ident:
			if !self || (f.Name != "X" && f.Name != "XN") {
				return true
			}
			pkg, fun = ast.NewIdent("i18n"), f
		default:
			return true
		}
		where := fset.Position(call.Pos()).String()
		var keyArg, textArg ast.Expr
		plural := false
		switch fun.Name {
		case "XN", "LocalizePluralKey", "N", "LocalizePlural", "XNIn":
			plural = true
		}
		switch fun.Name {
		case "XIn", "XNIn": // the language first
			if pkg.Name == "lang" || len(call.Args) < 3 {
				return true
			}
			keyArg, textArg = call.Args[1], call.Args[2]
		case "X", "LocalizeKey", "XN", "LocalizePluralKey":
			if len(call.Args) < 2 {
				return true
			}
			keyArg, textArg = call.Args[0], call.Args[1]
		case "L", "Localize", "N", "LocalizePlural":
			if len(call.Args) < 1 {
				return true
			}
			keyArg, textArg = call.Args[0], call.Args[0]
		default:
			return true
		}
		key, ok1 := literal(keyArg)
		text, ok2 := literal(textArg)
		if !ok1 || !ok2 {
			errs = append(errs, fmt.Errorf("%s: %s.%s needs literal strings for its key and English text so the catalogue can find them",
				where, pkg.Name, fun.Name))
			return true
		}
		msgs = append(msgs, Message{Key: key, English: text, Where: where, Plural: plural})
		return true
	})
	return msgs, errs
}

// literal evaluates a string literal or a + of string literals.
func literal(e ast.Expr) (string, bool) {
	switch v := e.(type) {
	case *ast.BasicLit:
		if v.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(v.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if v.Op != token.ADD {
			return "", false
		}
		a, ok1 := literal(v.X)
		b, ok2 := literal(v.Y)
		return a + b, ok1 && ok2
	case *ast.ParenExpr:
		return literal(v.X)
	}
	return "", false
}
