package output

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestVersionString(t *testing.T) {
	for _, c := range []struct {
		v    Version
		want string
	}{
		{Version{}, "(unknown version)"},
		{Version{Version: "(devel)"}, "(devel)"},
		{goldenVersion, "v1.2.3 (commit 0123456789ab, 2026-01-02T03:04:05Z; built 2026-01-03T04:05:06Z; OPA 1.22.2; catalog reviewed 2025-10-09)"},
		{Version{Version: "v1", Commit: "abc", Modified: true}, "v1 (commit abc, modified)"},
	} {
		if got := c.v.String(); got != c.want {
			t.Errorf("String() = %q, want %q", got, c.want)
		}
	}
}

// A zero Version writes nothing into any report: a Go program that does not know its version
// gets the reports of before.
func TestZeroVersionWritesNothing(t *testing.T) {
	_, docs, report := evaluate(t, "fixtures/snapshots/stopped-45-days-azure-local.yaml")
	var j struct{ Summary map[string]any }
	if err := json.Unmarshal(render(t, "json", Options{Documents: docs}, report), &j); err != nil {
		t.Fatal(err)
	}
	if _, ok := j.Summary["tool"]; ok {
		t.Errorf("json summary.tool without a version: %v", j.Summary["tool"])
	}
	var sarif struct {
		Runs []struct {
			Tool struct {
				Driver map[string]any
			}
		}
	}
	if err := json.Unmarshal(render(t, "sarif", Options{}, report), &sarif); err != nil || len(sarif.Runs) != 1 {
		t.Fatalf("sarif: %v", err)
	}
	if p, ok := sarif.Runs[0].Tool.Driver["properties"]; ok {
		t.Errorf("sarif driver properties without a version: %v", p)
	}
	if s := string(render(t, "junit", Options{}, report)); strings.Contains(s, `name="version"`) || strings.Contains(s, `name="modified"`) {
		t.Error("junit version properties without a version")
	}
}
