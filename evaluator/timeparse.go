package evaluator

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// The one reading of a timestamp or date, for every field the rules compare with the as-of date:
// snapshot fields, --as-of, settings, waivers. The policies compute in nanoseconds since 1970 in
// 64 bits, which reach from 1677-09-21 to 2262-04-11; rules add up to a few years to a date, so
// what a user gives must lie in the years MinYear to MaxYear. Anything outside is an input
// error, never a rule that silently cannot compare.
const (
	MinYear = 1678
	MaxYear = 2261
)

// ErrNever is Azure's "never" value: 0001-01-01T00:00:00Z (the zero time of .NET and Go), which
// `az connectedk8s show` prints for a cluster that never connected. It is not a date: the fact
// is missing.
var ErrNever = errors.New(`0001-01-01 is Azure's "never" value, not a date: the fact is missing`)

var (
	rfc3339Shape = regexp.MustCompile(`^([0-9]{4})-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:([0-9]{2})(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$`)
	dateShape    = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
)

// TimeError says why a value is not a date or time that can be judged.
type TimeError struct {
	Value string
	// OutOfRange is true for a well-formed date whose year is outside MinYear to MaxYear.
	OutOfRange bool
	Reason     string
}

func (e *TimeError) Error() string { return fmt.Sprintf("%q %s", e.Value, e.Reason) }

// ParseTime reads an RFC 3339 timestamp (2025-11-01T08:00:00Z; "t" and "z" may be lowercase, as
// RFC 3339 allows) or a date (2025-11-01, midnight UTC). It refuses what RFC 3339 does not
// allow, a leap second (:60, which no date arithmetic here can place), and years outside MinYear
// to MaxYear; the year 0001 is ErrNever.
func ParseTime(s string) (time.Time, error) {
	var t time.Time
	var err error
	switch m := rfc3339Shape.FindStringSubmatch(s); {
	case m != nil:
		if m[2] == "60" {
			return time.Time{}, &TimeError{Value: s, Reason: "is a leap second (:60), which cannot be judged: write :59"}
		}
		t, err = time.Parse(time.RFC3339Nano, strings.ToUpper(s))
	case dateShape.MatchString(s):
		t, err = time.Parse(time.DateOnly, s)
	default:
		return time.Time{}, &TimeError{Value: s, Reason: "is not a date (YYYY-MM-DD) or an RFC 3339 time (2025-11-01T08:00:00Z)"}
	}
	if err != nil {
		return time.Time{}, &TimeError{Value: s, Reason: "is not a valid date or time: " + parseErrorText(err)}
	}
	if strings.HasPrefix(s, "0001-01-01") {
		return time.Time{}, ErrNever
	}
	if y := t.UTC().Year(); y < MinYear || y > MaxYear {
		return time.Time{}, &TimeError{Value: s, OutOfRange: true,
			Reason: fmt.Sprintf("is in the year %d, outside what can be judged (%d to %d)", y, MinYear, MaxYear)}
	}
	return t, nil
}

// ParseDate reads a date written YYYY-MM-DD (midnight UTC), within the years ParseTime accepts.
func ParseDate(s string) (time.Time, error) {
	if !dateShape.MatchString(s) {
		return time.Time{}, &TimeError{Value: s, Reason: "is not a date (YYYY-MM-DD)"}
	}
	return ParseTime(s)
}

// parseErrorText keeps the reason of a time.ParseError ("month out of range") without repeating
// the layout Go parsed with.
func parseErrorText(err error) string {
	var pe *time.ParseError
	if errors.As(err, &pe) && pe.Message != "" {
		return strings.TrimPrefix(pe.Message, ": ")
	}
	return "not a calendar date"
}
