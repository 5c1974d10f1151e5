package output

import (
	"bufio"
	"encoding/json"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// docFields reads docs/report-json.md: for each object of the report (the "### " headings:
// "Top level", `summary`, `findings[]`, ...), its fields and whether each is optional.
func docFields(t *testing.T) map[string]map[string]bool {
	t.Helper()
	f, err := os.Open("../docs/report-json.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	heading := regexp.MustCompile("^### (?:`([^`]+)`|Top level)")
	row := regexp.MustCompile("^\\| `([A-Za-z]+)` \\| ([^|]+) \\|")
	fields := map[string]map[string]bool{}
	section := "-"
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "## ") {
			section = "-" // past the field tables
		}
		if m := heading.FindStringSubmatch(line); m != nil {
			section = m[1] // "" for the top level
			fields[section] = map[string]bool{}
			continue
		}
		if m := row.FindStringSubmatch(line); m != nil && section != "-" {
			fields[section][m[1]] = strings.Contains(m[2], "optional")
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return fields
}

// The JSON report has exactly the fields docs/report-json.md lists, object by object: every
// field it writes is documented, and every documented field appears (the inputs give a
// namespace, a List item, details, missing facts and notes; the waivers give a waived finding,
// an expired and an unused waiver; a skipped rule gives skippedRules).
func TestJSONReportMatchesDocs(t *testing.T) {
	doc := docFields(t)
	for _, section := range []string{"", "summary", "summary.tool", "findings[]", "notEvaluated[]", "runway[]", "resource", "source",
		"waiver", "waiver.object", "waiver.source", "expiredWaivers[]", "findings[].owner", "skipped[]"} {
		if len(doc[section]) == 0 {
			t.Fatalf("docs/report-json.md has no field table for %q (found %v)", section, keys(doc))
		}
	}
	ev := evaluatorWith(t, "output/testdata/waivers.yaml", nil, []string{"AKSARC-091"})
	_, _, report := evaluateWith(t, ev, "fixtures/snapshots/minimal.yaml", "fixtures/snapshots/cni-not-supported-azure-local.yaml",
		"fixtures/cluster/kube-system-dump-with-foreign.yaml", "fixtures/manifests/cni-cilium.yaml", "fixtures/cluster/deployment-dump.yaml", "fixtures/repo-tree")
	var out map[string]any
	if err := json.Unmarshal(render(t, "json", Options{Version: goldenVersion}, report), &out); err != nil {
		t.Fatal(err)
	}
	seen := map[string]map[string]bool{}
	note := func(section string, obj any) {
		m, ok := obj.(map[string]any)
		if !ok {
			t.Fatalf("%s is not an object: %v", section, obj)
		}
		if seen[section] == nil {
			seen[section] = map[string]bool{}
		}
		for k := range m {
			seen[section][k] = true
			if _, documented := doc[section][k]; !documented {
				t.Errorf("the JSON report writes %s%s, which docs/report-json.md does not list", prefix(section), k)
			}
		}
		for k, optional := range doc[section] {
			if _, present := m[k]; !present && !optional {
				t.Errorf("docs/report-json.md says %s%s is always present; it is not in %v", prefix(section), k, m)
			}
		}
	}
	note("", out)
	note("summary", out["summary"])
	note("summary.tool", out["summary"].(map[string]any)["tool"])
	for _, list := range []string{"findings", "notEvaluated", "runway"} {
		items, _ := out[list].([]any)
		if len(items) == 0 {
			t.Fatalf("the inputs give no %s", list)
		}
		for _, item := range items {
			note(list+"[]", item)
			m := item.(map[string]any)
			note("resource", m["resource"])
			note("source", m["source"])
		}
	}
	if notes, _ := out["notes"].([]any); len(notes) == 0 {
		t.Error("the inputs give no notes")
	}
	// A waiver: of a finding, an unused one, and an expired one (its fields and "findings").
	noteWaiver := func(w any) {
		m, _ := w.(map[string]any)
		note("waiver", m)
		note("waiver.object", m["object"])
		note("waiver.source", m["source"])
	}
	for _, f := range out["findings"].([]any) {
		if w, ok := f.(map[string]any)["waiver"]; ok {
			noteWaiver(w)
		}
		if o, ok := f.(map[string]any)["owner"]; ok {
			note("findings[].owner", o)
			note("resource", o.(map[string]any)["resource"])
			note("source", o.(map[string]any)["source"])
		}
	}
	for _, w := range out["unusedWaivers"].([]any) {
		noteWaiver(w)
	}
	for _, e := range out["expiredWaivers"].([]any) {
		w := map[string]any{}
		for k, v := range e.(map[string]any) {
			w[k] = v
		}
		note("expiredWaivers[]", map[string]any{"findings": w["findings"]})
		delete(w, "findings")
		noteWaiver(w)
	}
	inputs, _ := out["skipped"].([]any)
	if len(inputs) == 0 {
		t.Fatal("the inputs give no skipped input")
	}
	for _, s := range inputs {
		note("skipped[]", s)
	}
	if skipped, _ := out["skippedRules"].([]any); len(skipped) != 1 || skipped[0] != "AKSARC-091" {
		t.Errorf("skippedRules = %v", out["skippedRules"])
	}
	for section, fields := range doc {
		for k := range fields {
			if !seen[section][k] {
				t.Errorf("docs/report-json.md lists %s%s, which the inputs never gave: choose inputs that do", prefix(section), k)
			}
		}
	}
	if out["schema"] != JSONSchemaVersion {
		t.Errorf("schema %v", out["schema"])
	}
	b, err := os.ReadFile("../docs/report-json.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "# The JSON report (`"+JSONSchemaVersion+"`)") {
		t.Errorf("docs/report-json.md does not document %s", JSONSchemaVersion)
	}
}

func prefix(section string) string {
	if section == "" {
		return ""
	}
	return section + "."
}

func keys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
