package evaluator

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Settings are what a user may change without editing the policies. In a data file they sit
// under the key aksarc_settings, so that the same file works with `aksarc-opa check --data`
// and `conftest test --data`.
type Settings struct {
	// AsOf pins the evaluation date (RFC 3339 or YYYY-MM-DD).
	AsOf string `json:"asOf,omitempty"`
	// Platform is the platform of documents that do not state one: WindowsServer or AzureLocal.
	Platform string `json:"platform,omitempty"`
	// Parameters change thresholds (versionWarnDays, stopWarnDays, ...).
	Parameters map[string]any `json:"parameters,omitempty"`
	// Catalog is merged over the embedded catalog: objects merge key by key, lists replace.
	Catalog map[string]any `json:"catalog,omitempty"`
}

// SettingsError says what is wrong with settings that only the compiled policies can judge
// (unknown parameters, a catalog override of the wrong shape).
type SettingsError struct {
	Problems []string // one sentence per problem, naming the setting
}

// Error lists the problems.
func (e *SettingsError) Error() string { return "settings: " + strings.Join(e.Problems, "; ") }

// SettingsKey is the top-level key of a settings data file.
const SettingsKey = "aksarc_settings"

// Platforms are the platforms the policy knows.
var Platforms = []string{"WindowsServer", "AzureLocal"}

// LoadSettings reads a settings file (YAML or JSON) whose top level is {aksarc_settings: {...}}.
func LoadSettings(path string) (Settings, error) {
	data, err := readRegular(path, DefaultMaxInputSize)
	if err != nil {
		return Settings{}, err
	}
	docs, err := decodeObjects(path, data)
	if err != nil {
		return Settings{}, err
	}
	if len(docs) != 1 {
		return Settings{}, &InputError{File: path, Problems: []string{fmt.Sprintf("a settings file holds one document, found %d", len(docs))}}
	}
	return settingsFrom(docs[0].value.(map[string]any), docs[0].source)
}

func settingsFrom(doc map[string]any, src Source) (Settings, error) {
	var problems []string
	for k := range doc {
		if k != SettingsKey {
			problems = append(problems, fmt.Sprintf("unknown top-level key %q (settings sit under %s)", k, SettingsKey))
		}
	}
	body, ok := doc[SettingsKey].(map[string]any)
	if !ok {
		problems = append(problems, fmt.Sprintf("%s: expected an object", SettingsKey))
		sort.Strings(problems)
		return Settings{}, &InputError{File: src.File, Document: src.Document, Line: src.Line, Problems: problems}
	}
	var s Settings
	for k, v := range body {
		switch k {
		case "asOf":
			s.AsOf, ok = v.(string)
			if !ok {
				problems = append(problems, "asOf: expected a date (YYYY-MM-DD) or an RFC 3339 time as a string")
			}
		case "platform":
			s.Platform, ok = v.(string)
			if !ok {
				problems = append(problems, "platform: expected a string")
			}
		case "parameters":
			s.Parameters, ok = v.(map[string]any)
			if !ok {
				problems = append(problems, "parameters: expected an object")
			}
		case "catalog":
			s.Catalog, ok = v.(map[string]any)
			if !ok {
				problems = append(problems, "catalog: expected an object")
			}
		default:
			problems = append(problems, fmt.Sprintf("%s.%s: unknown setting (known: asOf, platform, parameters, catalog)", SettingsKey, k))
		}
	}
	if len(problems) == 0 {
		if err := s.check(); err != nil {
			problems = append(problems, err.Error())
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return Settings{}, &InputError{File: src.File, Document: src.Document, Line: src.Line, Problems: problems}
	}
	return s, nil
}

// check validates what can be checked without the policies.
func (s Settings) check() error {
	if s.AsOf != "" {
		if _, err := ParseAsOf(s.AsOf); err != nil {
			return fmt.Errorf("asOf: %w", err)
		}
	}
	if s.Platform != "" && !validPlatform(s.Platform) {
		return fmt.Errorf("platform %q: expected one of %s", s.Platform, strings.Join(Platforms, ", "))
	}
	return nil
}

// defaultParametersQuery reads the parameters the policies define, with their defaults.
const defaultParametersQuery = "data.lib.aksarc.context.default_parameters"

// checkParameters accepts only the parameters the policies define, as whole non-negative numbers.
func (s Settings) checkParameters(defaults map[string]any) error {
	var problems []string
	for k, v := range s.Parameters {
		if _, known := defaults[k]; !known {
			names := make([]string, 0, len(defaults))
			for n := range defaults {
				names = append(names, n)
			}
			sort.Strings(names)
			problems = append(problems, fmt.Sprintf("parameters.%s: unknown parameter (known: %s)", k, strings.Join(names, ", ")))
			continue
		}
		if !wholeNonNegative(v) {
			problems = append(problems, fmt.Sprintf("parameters.%s: expected a whole number of days, 0 or more, got %s %s", k, describe(v), quoted(v)))
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return &SettingsError{Problems: problems}
	}
	return nil
}

func wholeNonNegative(v any) bool {
	switch n := v.(type) {
	case json.Number:
		i, err := n.Int64()
		return err == nil && i >= 0
	case int:
		return n >= 0
	case int64:
		return n >= 0
	case float64:
		return n >= 0 && n == float64(int64(n))
	}
	return false
}

func validPlatform(p string) bool {
	for _, known := range Platforms {
		if p == known {
			return true
		}
	}
	return false
}

// document is the settings as the policies read them (data.aksarc_settings). asOf is left out:
// the evaluator pins the time of each evaluation instead.
func (s Settings) document() map[string]any {
	doc := map[string]any{}
	if s.Platform != "" {
		doc["platform"] = s.Platform
	}
	if len(s.Parameters) > 0 {
		doc["parameters"] = s.Parameters
	}
	if len(s.Catalog) > 0 {
		doc["catalog"] = s.Catalog
	}
	return doc
}

// ParseAsOf reads an evaluation date: RFC 3339 (2025-11-01T08:00:00Z) or a date (2025-11-01,
// midnight UTC), as ParseTime reads every date.
func ParseAsOf(s string) (time.Time, error) {
	t, err := ParseTime(s)
	if errors.Is(err, ErrNever) {
		return time.Time{}, fmt.Errorf("%q is not an evaluation date", s)
	}
	return t, err
}

// quoted shows a value as the user wrote it: strings in quotes, numbers as written.
func quoted(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprint(v)
}
