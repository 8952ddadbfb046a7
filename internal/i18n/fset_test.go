package i18n

import "go/token"

func newFset() *token.FileSet { return token.NewFileSet() }
