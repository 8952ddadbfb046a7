package daemon

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/limber-app/limber/assets/cardfiles"
	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/cards"
	"github.com/limber-app/limber/internal/ipc"
	"github.com/limber-app/limber/internal/notify"
)

// 10,000 bad card files: every reply still fits the socket's cap, status
// carries the count and the first few, --problems lists up to the bound,
// and drink answers success (the glass was recorded: a failure here made
// users retry and log duplicates).
func TestTenThousandBadCardsFitTheCap(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 10,000 files")
	}
	dir := filepath.Join(t.TempDir(), "cards")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	const n = 10000
	long := strings.Repeat("a-very-long-card-file-name-", 4)
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s%05d.toml", long, i)), []byte("this is [not toml"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	lib := cards.Load(cardfiles.FS(), dir)
	w := &world{}
	d := New(Options{Source: w, Now: w.Now, Notifier: &notify.Recorder{}, Cards: lib})
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() { d.loop(ctx, nil); close(stopped) }()
	defer func() { cancel(); <-stopped }()
	m := d.mux()
	send := func(cmd, args string) api.Response {
		t.Helper()
		reply := m.Serve(ctx, []byte(`{"v":2,"cmd":"`+cmd+`","args":`+args+`}`))
		if len(reply) > ipc.MaxLine {
			t.Fatalf("%s: a reply of %d bytes, over the %d cap", cmd, len(reply), ipc.MaxLine)
		}
		var r api.Response
		if err := json.Unmarshal(reply, &r); err != nil {
			t.Fatal(err)
		}
		if !r.OK {
			t.Fatalf("%s failed: %s", cmd, r.Error)
		}
		return r
	}
	var st api.Status
	json.Unmarshal(send("status", `{}`).Data, &st)
	if st.ProblemCount != n || len(st.Problems) != api.FewProblems+1 {
		t.Errorf("status: count %d, %d listed", st.ProblemCount, len(st.Problems))
	}
	json.Unmarshal(send("status", `{"all_problems":true}`).Data, &st)
	if len(st.Problems) != api.MaxProblems+1 || !strings.Contains(st.Problems[api.MaxProblems], fmt.Sprint(n-api.MaxProblems)) {
		t.Errorf("all problems: %d listed, last %q", len(st.Problems), st.Problems[len(st.Problems)-1])
	}
	for range 3 {
		send("drink", `{"source":"cli"}`)
	}
}

// Numbers in requests are checked by the daemon with the command line's
// limits: a huge snooze or pause, NaN or an unknown card never reach the
// core or the journal.
func TestRequestRangesChecked(t *testing.T) {
	h := newHarness(t)
	for name, req := range map[string][2]string{
		"huge snooze":          {"snooze", `{"seconds":6912000000000}`},
		"negative snooze":      {"snooze", `{"seconds":-1}`},
		"huge pause":           {"pause", `{"seconds":99999999999}`},
		"pause until the past": {"pause", `{"until":"2001-01-01T00:00:00Z"}`},
		"pause until far off":  {"pause", `{"until":"2999-01-01T00:00:00Z"}`},
		"huge result snooze":   {"break_result", `{"kind":"stretch","outcome":"snoozed","snooze_seconds":999999999999}`},
		"huge elapsed":         {"break_result", `{"kind":"stretch","outcome":"done","elapsed_seconds":1e300}`},
		"huge pick":            {"card_pick", `{"kind":"stretch","length_seconds":99999999999}`},
	} {
		if err := h.raw(req[0], req[1]); !api.IsUsage(err) {
			t.Errorf("%s: %v, want a usage error", name, err)
		}
	}
	// an unknown card id is dropped, the outcome kept
	if err := h.raw("break_result", `{"kind":"stretch","outcome":"done","card_id":"=HYPERLINK(\"http://x\")"}`); err != nil {
		t.Fatal(err)
	}
	for _, b := range h.journal("break") {
		if b.Card != "" {
			t.Errorf("an unknown card id reached the journal: %q", b.Card)
		}
	}
	st := h.status()
	for _, b := range st.Breaks {
		if b.RemainingSeconds > 7*24*3600 {
			t.Errorf("%s due in %ds after refused requests", b.Kind, b.RemainingSeconds)
		}
	}
}
