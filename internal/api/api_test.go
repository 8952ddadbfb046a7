package api

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/limber-app/limber/internal/schedule"
)

func testMux() *Mux {
	m := NewMux()
	Handle(m, CmdBreakNow, func(_ context.Context, a KindArgs) (None, error) {
		if a.Kind == "" {
			return None{}, Usagef("say which kind")
		}
		return None{}, nil
	})
	Handle(m, CmdVersion, func(context.Context, None) (VersionReply, error) {
		return VersionReply{Version: "1.2.3"}, nil
	})
	Handle(m, CmdQuit, func(context.Context, None) (None, error) { panic("boom") })
	Handle(m, CmdSkip, func(context.Context, KindArgs) (SkipReply, error) { return SkipReply{}, errors.New("it failed") })
	return m
}

func TestTypedCalls(t *testing.T) {
	c := NewClient(Local(testMux()))
	ctx := context.Background()
	if v, err := c.Version(ctx); err != nil || v != "1.2.3" {
		t.Fatalf("Version = %q, %v", v, err)
	}
	if _, err := c.BreakNow(ctx, schedule.Stretch); err != nil {
		t.Fatal(err)
	}
	_, err := c.BreakNow(ctx, "")
	if !IsUsage(err) || err.Error() != "say which kind" {
		t.Fatalf("BreakNow without kind: %v (usage %t)", err, IsUsage(err))
	}
	if _, err := c.Skip(ctx, ""); err == nil || IsUsage(err) || err.Error() != "it failed" {
		t.Fatalf("Skip: %v", err)
	}
	if err := c.Quit(ctx); err == nil || !strings.Contains(err.Error(), "internal error in quit") {
		t.Fatalf("panicking handler: %v", err)
	}
	if err := c.Resume(ctx); !IsUsage(err) || !strings.Contains(err.Error(), `unknown command "resume"`) {
		t.Fatalf("unserved command: %v", err)
	}
	// The mux still answers.
	if _, err := c.Version(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestServeBadInput(t *testing.T) {
	m := testMux()
	for name, tc := range map[string]struct {
		line, want string
		code       Code
	}{
		"not json":    {`hello`, "malformed request", CodeUsage},
		"wrong type":  {`{"v":"1"}`, "malformed request", CodeUsage},
		"old version": {`{"v":1,"cmd":"version"}`, "version mismatch: restart limber", CodeVersion},
		"no version":  {`{}`, "version mismatch", CodeVersion},
		"bad args":    {`{"v":2,"cmd":"break_now","args":[1]}`, "malformed arguments to break_now", CodeUsage},
		"bad kind":    {`{"v":2,"cmd":"break_now","args":{"kind":7}}`, "malformed arguments", CodeUsage},
	} {
		t.Run(name, func(t *testing.T) {
			var resp Response
			if err := json.Unmarshal(m.Serve(context.Background(), []byte(tc.line)), &resp); err != nil {
				t.Fatal(err)
			}
			if resp.OK || !strings.Contains(resp.Error, tc.want) || resp.Code != tc.code {
				t.Fatalf("got %+v, want %s error containing %q", resp, tc.code, tc.want)
			}
		})
	}
}

// A daemon of another protocol version answers in its own version: the
// client says to restart, whatever the reply says.
func TestClientSeesOtherVersion(t *testing.T) {
	old := transportFunc(func(context.Context, []byte) ([]byte, error) {
		return []byte(`{"v":1,"ok":false,"error":"protocol version 2 is not supported"}`), nil
	})
	_, err := NewClient(old).Status(context.Background(), false)
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeVersion || !strings.Contains(err.Error(), "restart limber") {
		t.Fatalf("got %v", err)
	}
}

type transportFunc func(context.Context, []byte) ([]byte, error)

func (f transportFunc) RoundTrip(ctx context.Context, line []byte) ([]byte, error) {
	return f(ctx, line)
}

func FuzzServe(f *testing.F) {
	for _, s := range []string{`{"v":2,"cmd":"version"}`, `{"v":2,"cmd":"break_now","args":{"kind":"x"}}`, `{`, `null`, `{"v":2,"cmd":"skip","args":"x"}`} {
		f.Add([]byte(s))
	}
	m := testMux()
	f.Fuzz(func(t *testing.T, line []byte) {
		var resp Response
		if err := json.Unmarshal(m.Serve(context.Background(), line), &resp); err != nil {
			t.Fatalf("reply is not JSON: %v", err)
		}
		if resp.V != Version {
			t.Fatalf("reply without version: %+v", resp)
		}
		if !resp.OK && (resp.Error == "" || resp.Code == "") {
			t.Fatalf("failed reply without a message or code: %+v", resp)
		}
	})
}

// The client's language reaches the handler; a request without one (an
// old client) gets "", and an old daemon that knows no lang field still
// serves a new client's request (unknown fields are ignored).
func TestRequestLanguage(t *testing.T) {
	m := NewMux()
	Handle(m, CmdVersion, func(ctx context.Context, _ None) (VersionReply, error) {
		return VersionReply{Version: "lang=" + Lang(ctx)}, nil
	})
	ctx := context.Background()
	if v, err := NewClientIn(Local(m), "fr").Version(ctx); err != nil || v != "lang=fr" {
		t.Errorf("with fr: %q, %v", v, err)
	}
	if v, err := NewClient(Local(m)).Version(ctx); err != nil || v != "lang=" {
		t.Errorf("without a language: %q, %v", v, err)
	}
	var sent map[string]any
	spy := transportFunc(func(_ context.Context, line []byte) ([]byte, error) {
		if err := json.Unmarshal(line, &sent); err != nil {
			return nil, err
		}
		// An old daemon decodes into a Request without Lang: same reply.
		var old struct {
			V   int    `json:"v"`
			ID  uint64 `json:"id"`
			Cmd string `json:"cmd"`
		}
		if err := json.Unmarshal(line, &old); err != nil || old.Cmd != "version" {
			t.Errorf("old daemon reads %+v, %v", old, err)
		}
		return json.Marshal(Response{V: Version, ID: old.ID, OK: true, Data: json.RawMessage(`{"version":"old"}`)})
	})
	if v, err := NewClientIn(spy, "de").Version(ctx); err != nil || v != "old" || sent["lang"] != "de" {
		t.Errorf("to an old daemon: %q, %v, sent %v", v, err, sent)
	}
	sent = nil
	if _, err := NewClient(spy).Version(ctx); err != nil || sent["lang"] != nil {
		t.Errorf("no language: sent %v (%v)", sent, err)
	}
}
