package lib.aksarc.dates_test

import data.lib.aksarc.dates

test_count_singular_and_plural if {
	dates.count(1) == "1 day"
	dates.count(0) == "0 days"
	dates.count(45) == "45 days"
}
