package history

import (
	"unicode/utf8"
)

// decodeLine reads a line as the writer writes it ({"t":"glass","at":...}:
// no spaces, integers, booleans, strings without escapes) about ten times
// faster than encoding/json, which is most of what statistics cost. It
// returns false for anything else (goals, escapes, spaces, a line edited
// by hand, a newer Limber's fields), which the caller then hands to
// encoding/json: when it returns true, r is what json.Unmarshal would
// have made of b (FuzzDecodeLine checks that).
func decodeLine(b []byte, r *record) bool {
	*r = record{}
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
	}
	if len(b) < 2 || b[0] != '{' || b[len(b)-1] != '}' {
		return false
	}
	b = b[1 : len(b)-1]
	for len(b) > 0 {
		key, rest, ok := str(b)
		if !ok || len(rest) == 0 || rest[0] != ':' {
			return false
		}
		b = rest[1:]
		switch key {
		case "t", "kind", "card", "outcome", "src":
			v, rest, ok := str(b)
			if !ok {
				return false
			}
			switch key {
			case "t":
				r.T = v
			case "kind":
				r.Kind = v
			case "card":
				r.Card = v
			case "outcome":
				r.Outcome = v
			case "src":
				r.Src = v
			}
			b = rest
		case "at", "end", "due", "ms", "debt", "paid":
			v, rest, ok := integer(b)
			if !ok {
				return false
			}
			switch key {
			case "at":
				r.At = v
			case "end":
				r.End = v
			case "due":
				r.Due = v
			case "ms":
				r.MS = v
			case "debt":
				r.Debt = v
			case "paid":
				r.Paid = v
			}
			b = rest
		case "ah", "spent":
			var v bool
			switch {
			case len(b) >= 4 && string(b[:4]) == "true":
				v, b = true, b[4:]
			case len(b) >= 5 && string(b[:5]) == "false":
				b = b[5:]
			default:
				return false
			}
			if key == "ah" {
				r.AH = v
			} else {
				r.Spent = v
			}
		default:
			return false // goals, or a field this build does not know
		}
		if len(b) > 0 {
			if b[0] != ',' || len(b) == 1 {
				return false
			}
			b = b[1:]
		}
	}
	return true
}

// str reads a JSON string without escapes at the start of b.
func str(b []byte) (string, []byte, bool) {
	if len(b) == 0 || b[0] != '"' {
		return "", nil, false
	}
	for i := 1; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			s := b[1:i]
			if !utf8.Valid(s) {
				return "", nil, false // encoding/json would replace bytes
			}
			return string(s), b[i+1:], true
		case c == '\\' || c < 0x20:
			return "", nil, false
		}
	}
	return "", nil, false
}

// integer reads a JSON integer that fits an int64 at the start of b.
func integer(b []byte) (int64, []byte, bool) {
	i, neg := 0, false
	if len(b) > 0 && b[0] == '-' {
		neg, i = true, 1
	}
	start := i
	var v int64
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		v = v*10 + int64(b[i]-'0')
		i++
	}
	n := i - start
	switch {
	case n == 0 || n > 18: // 18 digits cannot overflow
		return 0, nil, false
	case n > 1 && b[start] == '0': // a leading zero is no JSON
		return 0, nil, false
	case i < len(b) && (b[i] == '.' || b[i] == 'e' || b[i] == 'E'):
		return 0, nil, false
	}
	if neg {
		v = -v
	}
	return v, b[i:], true
}
