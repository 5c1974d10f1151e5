package lib.aksarc.dates_test

import data.lib.aksarc.dates

test_count_singular_and_plural if {
	dates.count(1) == "1 day"
	dates.count(0) == "0 days"
	dates.count(45) == "45 days"
}

test_days_since_counts_calendar_days if {
	as_of := dates.ns("2025-11-01")
	dates.days_since(as_of, "2025-11-01T23:59:59Z") == 0
	dates.days_since(as_of, "2025-11-01") == 0
	dates.days_since(as_of, "2025-10-31T23:59:59Z") == 1
	dates.days_since(as_of, "2025-10-09") == 23
	dates.days_since(as_of, "2025-11-02T00:00:00Z") == -1
	dates.days_since(dates.ns("2026-02-06T23:59:59Z"), "2025-10-09") == 120
	not dates.days_since(as_of, "not a date")
}

test_started_by_compares_days if {
	as_of := dates.ns("2025-11-01")
	dates.started_by(as_of, "2025-11-01T06:00:00Z")
	dates.started_by(as_of, "2025-11-01T23:59:59.9Z")
	dates.started_by(as_of, "2025-10-31T06:00:00Z")
	not dates.started_by(as_of, "2025-11-02T00:00:00Z")
	not dates.started_by(dates.ns("2025-11-01T09:20:00Z"), "2025-11-02T00:00:00Z")
	not dates.started_by(as_of, 20251101)
}

test_as_of_for_never_precedes_the_start if {
	as_of := dates.ns("2025-11-01")
	dates.as_of_for(as_of, "2025-11-01T06:00:00Z") == dates.ns("2025-11-01T06:00:00Z")
	dates.as_of_for(as_of, "2025-10-31T06:00:00Z") == as_of
	dates.elapsed_days(dates.as_of_for(as_of, "2025-11-01T06:00:00Z"), "2025-11-01T06:00:00Z") == 0
}

test_ns_reads_lowercase_t_and_z if {
	dates.ns("2025-11-01t08:00:00z") == dates.ns("2025-11-01T08:00:00Z")
}

test_last_day_of_a_month_date if {
	dates.last_day("2026-03") == "2026-03-31"
	dates.last_day("2028-02") == "2028-02-29"
	dates.last_day("2027-12") == "2027-12-31"
	dates.last_day("2026-03-15") == "2026-03-15"
	not dates.last_day("March 2026")
	not dates.last_day(202603)
	dates.precision("2026-03") == "month"
	dates.precision("2026-03-31") == "day"
	dates.first_day_after("2026-03") == "2026-04-01"
	dates.first_day_after("2026-03-15") == "2026-03-16"
}
