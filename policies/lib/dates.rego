# METADATA
# description: |
#   Date arithmetic on the one evaluation date ("as-of"). Dates in the catalog are whole days
#   (YYYY-MM-DD, midnight UTC); timestamps in snapshots are RFC 3339.
package lib.aksarc.dates

day_ns := ((24 * 60) * 60) * 1000000000

# ns returns the nanoseconds of an RFC 3339 timestamp ("t" and "z" may be lowercase, as RFC 3339
# allows) or a YYYY-MM-DD date (midnight UTC). It is undefined for anything else; the evaluator
# refuses such a snapshot before it reaches a rule (evaluator.ParseTime).
ns(s) := time.parse_rfc3339_ns(upper(s)) if {
	is_string(s)
	contains(upper(s), "T")
}

ns(s) := time.parse_ns("2006-01-02", s) if {
	is_string(s)
	not contains(upper(s), "T")
}

# last_day is the last day a catalog date stands for: the date itself (YYYY-MM-DD), or the last
# day of the month for a date a source gives only to the month (YYYY-MM, "March 2026"), so that a
# deny never fires before the month has ended.
last_day(s) := s if {
	is_string(s)
	regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, s)
}

last_day(s) := date(time.add_date(ns(concat("", [s, "-01"])), 0, 1, 0) - day_ns) if {
	is_string(s)
	regex.match(`^[0-9]{4}-[0-9]{2}$`, s)
}

# first_day_after is the day after the last day a catalog date stands for (last_day): the first
# day on which a deny that the date bounds may fire.
first_day_after(s) := add_days(last_day(s), 1)

# from_day is the first day on which a change a catalog date marks (a removal) is certain: the
# date itself (YYYY-MM-DD), or the first day after the month for a month (YYYY-MM), so that a deny
# that starts with the change never fires before the month has ended.
from_day(s) := s if {
	is_string(s)
	regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, s)
}

from_day(s) := first_day_after(s) if {
	is_string(s)
	regex.match(`^[0-9]{4}-[0-9]{2}$`, s)
}

# add_years_to adds n years to a catalog date, keeping its precision: "2026-03" -> "2027-03",
# "2025-03-31" -> "2026-03-31".
add_years_to(s, n) := add_years(s, n) if precision(s) == "day"

add_years_to(s, n) := sprintf("%04d-%s", [to_number(substring(s, 0, 4)) + n, substring(s, 5, 2)]) if precision(s) == "month"

# precision says how exactly a catalog date is known: "day" (YYYY-MM-DD) or "month" (YYYY-MM).
precision(s) := "day" if regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, s)

precision(s) := "month" if regex.match(`^[0-9]{4}-[0-9]{2}$`, s)

# date formats nanoseconds as YYYY-MM-DD (UTC).
date(t) := sprintf("%04d-%02d-%02d", time.date(t))

# day_start truncates nanoseconds to midnight UTC of the same day.
day_start(t) := ns(date(t))

# days_until counts whole calendar days from the as-of day to the day s (negative when s is past).
days_until(as_of, s) := round((ns(s) - day_start(as_of)) / day_ns)

# elapsed_ns is the time from s to the as-of instant.
elapsed_ns(as_of, s) := as_of - ns(s)

# elapsed_days is the number of whole days from s to the as-of instant.
elapsed_days(as_of, s) := floor(elapsed_ns(as_of, s) / day_ns)

# days_since counts whole calendar days from the day of the timestamp or date s to the as-of day
# (UTC): 0 on the same day whatever the times, negative when s falls on a later day.
days_since(as_of, s) := 0 - days_until(as_of, date(ns(s)))

# started_by is true when the timestamp or date s falls on the as-of day or an earlier day (UTC).
# A date-only as-of is midnight UTC, yet it means the whole day: a state that begins later on the
# as-of day is in effect as of that day; only one that begins on a later day is not.
started_by(as_of, s) if days_since(as_of, s) >= 0

# as_of_for is the as-of instant to count a state that began at s with: the as-of instant, or s
# itself when s is later (a state that began later on the as-of day counts as just begun), so
# that the time elapsed since s is never negative for a state started_by the as-of day.
as_of_for(as_of, s) := max({as_of, ns(s)})

# add_days returns the YYYY-MM-DD date n days after the timestamp or date s.
add_days(s, n) := date(ns(s) + (n * day_ns))

# add_years returns the YYYY-MM-DD date n years after the date s.
add_years(s, n) := date(time.add_date(ns(s), n, 0, 0))

# count says "1 day" or "N days".
count(1) := "1 day"

count(n) := sprintf("%d days", [n]) if n != 1
