package output

import (
	"fmt"
	"strings"
)

// Version identifies what judged a report: the build of aksarc-opa, the OPA it embeds and the
// catalog it judges with. Every verdict depends on dates, so the catalog's review date is part
// of it. The JSON report writes it as summary.tool, SARIF as tool.driver (version and
// properties), JUnit as properties of each test suite; `aksarc-opa version` prints it.
// Every field is optional; a zero Version writes nothing.
type Version struct {
	// Version is the module version of aksarc-opa: a release tag (v1.2.0), a pseudo-version
	// for a build from a commit, or "(devel)".
	Version string `json:"version"`
	// Commit is the VCS revision the binary was built from (vcs.revision of the Go build
	// information); empty when the build recorded none.
	Commit string `json:"commit,omitempty"`
	// CommitTime is the time of that commit, RFC 3339 (vcs.time).
	CommitTime string `json:"commitTime,omitempty"`
	// Modified is true when the working tree had uncommitted changes (vcs.modified).
	Modified bool `json:"modified"`
	// BuildDate is when the binary was built, RFC 3339, when the build recorded it (release
	// builds do, with -ldflags "-X main.buildDate=..."); empty otherwise.
	BuildDate string `json:"buildDate,omitempty"`
	// Go is the Go version the binary was built with (go1.26.0).
	Go string `json:"go,omitempty"`
	// OPA is the version of the Open Policy Agent library that evaluates the policies.
	OPA string `json:"opa,omitempty"`
	// CatalogReviewed is the day the catalog's facts were last checked against their sources
	// (YYYY-MM-DD, the catalog's "reviewed" key).
	CatalogReviewed string `json:"catalogReviewed,omitempty"`
}

// IsZero reports whether v says nothing.
func (v Version) IsZero() bool { return v == Version{} }

// String is v on one line: "v1.2.0 (commit 0123abc, 2026-01-02T03:04:05Z; OPA 1.22.2; catalog
// reviewed 2025-10-09)", leaving out what v lacks.
func (v Version) String() string {
	name := v.Version
	if name == "" {
		name = "(unknown version)"
	}
	var parts []string
	if v.Commit != "" {
		c := "commit " + shortCommit(v.Commit)
		if v.CommitTime != "" {
			c += ", " + v.CommitTime
		}
		if v.Modified {
			c += ", modified"
		}
		parts = append(parts, c)
	}
	if v.BuildDate != "" {
		parts = append(parts, "built "+v.BuildDate)
	}
	if v.OPA != "" {
		parts = append(parts, "OPA "+v.OPA)
	}
	if v.CatalogReviewed != "" {
		parts = append(parts, "catalog reviewed "+v.CatalogReviewed)
	}
	if len(parts) == 0 {
		return name
	}
	return fmt.Sprintf("%s (%s)", name, strings.Join(parts, "; "))
}

// properties are v's fields as name-value pairs, in a fixed order, leaving out empty ones (the
// JUnit properties and SARIF driver properties).
func (v Version) properties() [][2]string {
	var out [][2]string
	add := func(name, value string) {
		if value != "" {
			out = append(out, [2]string{name, value})
		}
	}
	add("version", v.Version)
	add("commit", v.Commit)
	add("commitTime", v.CommitTime)
	if !v.IsZero() {
		add("modified", fmt.Sprint(v.Modified))
	}
	add("buildDate", v.BuildDate)
	add("go", v.Go)
	add("opa", v.OPA)
	add("catalogReviewed", v.CatalogReviewed)
	return out
}

func shortCommit(c string) string {
	if len(c) > 12 {
		return c[:12]
	}
	return c
}
