package lib.aksarc.lifecycle_test

import data.lib.aksarc.dates
import data.lib.aksarc.lifecycle

as_of := dates.ns("2025-11-01")

test_past_limit_is_strictly_more_than_the_limit if {
	not lifecycle.past_limit(as_of, "2025-10-02T00:00:00Z", 30)
	lifecycle.past_limit(as_of, "2025-10-01T23:59:59Z", 30)
	not lifecycle.past_limit(as_of, "not a date", 30)
}

test_remaining_and_days_left if {
	lifecycle.remaining_ns(as_of, "2025-10-02T00:00:00Z", 30) == 0
	lifecycle.remaining_ns(as_of, "2025-10-01T23:59:59Z", 30) == -1000000000
	lifecycle.days_left(as_of, "2025-10-05T00:00:00Z", 30) == 3
	lifecycle.days_left(as_of, "2025-10-05T12:00:00Z", 30) == 3
	lifecycle.days_left(as_of, "2025-10-02T00:00:01Z", 30) == 0
}

test_within_warning if {
	lifecycle.within_warning(as_of, "2025-10-02T00:00:00Z", 30, 7)
	lifecycle.within_warning(as_of, "2025-10-09T00:00:00Z", 30, 7)
	not lifecycle.within_warning(as_of, "2025-10-09T00:00:01Z", 30, 7)
	not lifecycle.within_warning(as_of, "2025-10-01T23:59:59Z", 30, 7)
}

test_deadline_and_day if {
	lifecycle.deadline("2025-09-01T18:30:00Z", 30) == "2025-10-01"
	lifecycle.deadline("2025-09-01", 60) == "2025-10-31"
	lifecycle.day("2022-11-04T14:59:59.050000+00:00") == "2022-11-04"
}

test_host_product_matches if {
	lifecycle.host_product_matches("Windows Server 2022 Datacenter", "Windows Server 2022")
	lifecycle.host_product_matches("Windows Server 2022", "Windows Server 2022")
	lifecycle.host_product_matches("  Microsoft Windows Server 2019 Datacenter ", "Windows Server 2019")
	lifecycle.host_product_matches("windows server 2019 datacenter", "Windows Server 2019")
	not lifecycle.host_product_matches("Windows Server 20190", "Windows Server 2019")
	not lifecycle.host_product_matches("Windows Server 2025 Datacenter", "Windows Server 2022")
}

test_subscription_states if {
	lifecycle.subscription_suspended_states == {"Disabled", "Expired"}
	lifecycle.subscription_at_risk_states == {"Warned", "PastDue"}
	count(lifecycle.subscription_suspended_states & lifecycle.subscription_at_risk_states) == 0
}
