package azurepolicy

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// create.sh calls az once per definition, with the mode and the files of that definition, then
// once for the initiative, whose definition IDs name the scope it was given. The test puts a
// stand-in az first on PATH that records its arguments (and the initiative's definitions file,
// a temporary file the script removes).
func TestCreateScriptCallsAz(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("bash script")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	files, err := Files(build(t).out)
	if err != nil {
		t.Fatal(err)
	}
	dir, bin, logDir := t.TempDir(), t.TempDir(), t.TempDir()
	for name, b := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fake := `#!/usr/bin/env bash
printf '%s\n' "$*" >> "$AZ_LOG/calls"
for a in "$@"; do case "$a" in @*) cp "${a#@}" "$AZ_LOG/definitions.json" ;; esac; done
`
	if err := os.WriteFile(filepath.Join(bin, "az"), []byte(fake), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bash, filepath.Join(dir, "create.sh"), "--management-group", "contoso")
	cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "AZ_LOG="+logDir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("create.sh: %v\n%s", err, out)
	}
	calls, err := os.ReadFile(filepath.Join(logDir, "calls"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(calls)), "\n")
	out := build(t).out
	if len(lines) != len(out.Definitions)+1 {
		t.Fatalf("%d az calls, want %d:\n%s", len(lines), len(out.Definitions)+1, calls)
	}
	for i, d := range out.Definitions {
		area := strings.TrimPrefix(d.Name, "aksarc-")
		for _, want := range []string{"policy definition create --name " + d.Name + " --management-group contoso --mode Microsoft.Kubernetes.Data",
			"--rules definitions/" + area + ".rules.json --params definitions/" + area + ".params.json"} {
			if !strings.Contains(lines[i], want) {
				t.Errorf("call %d: %s\nwant %s", i, lines[i], want)
			}
		}
	}
	if !strings.HasPrefix(lines[len(lines)-1], "policy set-definition create --name aksarc-support --management-group contoso --definitions @") {
		t.Errorf("last call: %s", lines[len(lines)-1])
	}
	refs, err := os.ReadFile(filepath.Join(logDir, "definitions.json"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(refs), ScopePlaceholder) || !strings.Contains(string(refs), `"/providers/Microsoft.Management/managementGroups/contoso/providers/Microsoft.Authorization/policyDefinitions/aksarc-versions"`) {
		t.Errorf("the initiative's definitions do not name the management group:\n%.300s", refs)
	}
}
