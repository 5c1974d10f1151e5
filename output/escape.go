package output

import (
	"fmt"
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
)

// Values in a report come from the input (object names, file names, messages that quote a
// field): a manifest in a pull request must not be able to steer what reads the report. The
// line-oriented formats (text, JUnit) write a copy of the report in which every string is
// defused: control characters (newlines first), Unicode line separators and bidirectional
// controls are written as Go escapes (\n, \x1b, \u202e), so a value stays on its line and shows
// what it holds, and "::" becomes ":\:", so no value can be read as a GitHub Actions workflow
// command (::error, ::add-mask, ::stop-commands). JSON and SARIF escape by their own syntax; the
// github format escapes workflow-command data and properties (github.go).

// defuse returns s with what could steer a line-oriented reader escaped; s itself when clean.
func defuse(s string) string {
	if !needsDefusing(s) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case unsafeRune(r) && r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		case r == ':' && strings.HasPrefix(s[i+1:], ":"):
			b.WriteString(`:\`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// DefuseLines defuses each line of a message as the text report defuses a value, keeping its
// line breaks: for what the CLI writes on standard error, which a CI log reads as the report
// and which names input files (a file in a pull request may be named "x\n::add-mask::..."). A
// line break that came from the input still breaks the line, but no line can then start a
// workflow command or carry a terminal escape.
func DefuseLines(s string) string {
	if !needsDefusing(strings.ReplaceAll(s, "\n", "")) {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = defuse(l)
	}
	return strings.Join(lines, "\n")
}

func needsDefusing(s string) bool {
	if strings.Contains(s, "::") || !utf8.ValidString(s) {
		return true
	}
	for _, r := range s {
		if unsafeRune(r) || r == '\t' {
			return true
		}
	}
	return false
}

// unsafeRune is a control character, a Unicode line or paragraph separator or a bidirectional
// control (which can make a line read differently from what it holds).
func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Bidi_Control, r)
}

// defused returns a deep copy of the report with every string defused; the report is not changed.
func defused(r *evaluator.Report) *evaluator.Report {
	if r == nil {
		return nil
	}
	return defusedCopy(r)
}

// defusedCopy returns a copy of x with every string defused.
func defusedCopy[T any](x T) T { return defuseValue(reflect.ValueOf(x)).Interface().(T) }

func defuseValue(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.String:
		return reflect.ValueOf(defuse(v.String())).Convert(v.Type())
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		p := reflect.New(v.Type().Elem())
		p.Elem().Set(defuseValue(v.Elem()))
		return p
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		c := reflect.New(v.Type()).Elem()
		c.Set(defuseValue(v.Elem()))
		return c
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			c.Index(i).Set(defuseValue(v.Index(i)))
		}
		return c
	case reflect.Array:
		c := reflect.New(v.Type()).Elem()
		for i := range v.Len() {
			c.Index(i).Set(defuseValue(v.Index(i)))
		}
		return c
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeMapWithSize(v.Type(), v.Len())
		it := v.MapRange()
		for it.Next() {
			c.SetMapIndex(defuseValue(it.Key()), defuseValue(it.Value()))
		}
		return c
	case reflect.Struct:
		c := reflect.New(v.Type()).Elem()
		c.Set(v) // unexported fields (time.Time) as they are
		for i := range v.NumField() {
			if c.Field(i).CanSet() {
				c.Field(i).Set(defuseValue(v.Field(i)))
			}
		}
		return c
	default:
		return v
	}
}
