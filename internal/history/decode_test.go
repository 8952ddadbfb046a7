package history

import (
	"encoding/json"
	"testing"
)

// FuzzDecodeLine: whenever the fast decoder takes a line, it reads what
// encoding/json reads.
func FuzzDecodeLine(f *testing.F) {
	for _, r := range []record{
		{T: TypeBreak, At: 1772438400000, Kind: "stretch", Card: "neck", Due: 1772438300000, Outcome: "done", MS: 60000, Debt: 5, Paid: 3, Spent: true},
		{T: TypeSitting, At: 1, End: 2, AH: true},
		{T: TypeGlass, At: -5, Src: "tray"},
		{T: lineGoals, Goals: &Goals{Glasses: 3}},
	} {
		b, _ := json.Marshal(r)
		f.Add(append(b, '\n'))
	}
	for _, s := range []string{`{}`, `{"t":"x","at":01}`, `{"t":"é\u00e9"}`, `{"t":"a","at":1.5}`, `{"t":"a",}`, `{"T":"a"}`,
		`{"t":"a","at":99999999999999999999}`, `{"t":"a"} `, `{"t":"a","ah":tru}`, "{\"t\":\"\xff\"}", `{"t":"a","t":"b"}`, `{"t":"a","at":-0}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var fast record
		if !decodeLine(b, &fast) {
			return
		}
		var slow record
		if err := json.Unmarshal(b, &slow); err != nil {
			t.Fatalf("fast decoder took %q, encoding/json refuses it: %v", b, err)
		}
		if fast.Goals != nil || slow.Goals != nil || fast != slow {
			t.Fatalf("%q: fast %+v, encoding/json %+v", b, fast, slow)
		}
	})
}

// Every line the writer writes (but goals) takes the fast path.
func TestWriterLinesDecodeFast(t *testing.T) {
	for _, r := range []record{
		{T: TypeBreak, At: 1772438400000, Kind: "stretch", Card: "neck", Due: 1772438300000, Outcome: "done", MS: 60000, Debt: 5, Paid: 3, Spent: true},
		{T: TypeSitting, At: 1772438400000, End: 1772438500000},
		{T: TypePause, At: 1772438400000, End: 1772438500000},
		{T: TypeLimitWarning, At: 1772438400000, MS: 14400000},
		{T: TypeGlass, At: 1772438400000, Src: "notification"},
		{T: lineImport, At: 1772438400000, Src: "/home/ada/.local/share/limber/history.db"},
	} {
		b, err := json.Marshal(r)
		must(t, err)
		var got record
		if !decodeLine(append(b, '\n'), &got) || got != r {
			t.Errorf("%s: fast path %+v", b, got)
		}
	}
}
