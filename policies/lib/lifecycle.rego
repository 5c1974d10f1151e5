# METADATA
# description: |
#   Shared helpers of the lifecycle and subscription rules (AKSARC-04x, AKSARC-05x): day limits
#   counted from the moment a state began, the warning window before a limit, the facts of a
#   stopped cluster and the subscription states.
package lib.aksarc.lifecycle

import data.lib.aksarc.dates
import data.lib.aksarc.snapshot

# past_limit is true when more than limit_days have passed from the timestamp since to the as-of
# instant ("more than 30 days": exactly 30 days is not past the limit).
past_limit(as_of, since, limit_days) if dates.elapsed_ns(as_of, since) > limit_days * dates.day_ns

# remaining_ns is the time from the as-of instant to the moment limit_days after since
# (0 at exactly the limit, negative once past it).
remaining_ns(as_of, since, limit_days) := (dates.ns(since) + (limit_days * dates.day_ns)) - as_of

# within_warning is true when the limit is not yet passed and at most warn_days remain.
within_warning(as_of, since, limit_days, warn_days) if {
	r := remaining_ns(as_of, since, limit_days)
	r >= 0
	r <= warn_days * dates.day_ns
}

# days_left is the number of whole days remaining before the limit (0 on the last day).
days_left(as_of, since, limit_days) := floor(remaining_ns(as_of, since, limit_days) / dates.day_ns)

# deadline is the YYYY-MM-DD date limit_days after since: the day the limit is reached.
deadline(since, limit_days) := dates.add_days(since, limit_days)

# day formats a timestamp or date (RFC 3339 or YYYY-MM-DD) as YYYY-MM-DD.
day(s) := dates.date(dates.ns(s))

# stopped_power is the snapshot's power object when the cluster is Stopped and the time it
# stopped is a readable timestamp; undefined otherwise (the rules then stay silent).
stopped_power(doc) := power if {
	snapshot.is_snapshot(doc)
	power := snapshot.cluster(doc).power
	power.state == "Stopped"
	dates.ns(power.since)
}

# host_product_matches is true when the host OS string (e.g. "Windows Server 2022 Datacenter",
# optionally prefixed "Microsoft ") names the catalog host product name (e.g. "Windows Server 2022").
host_product_matches(os, name) if _normalize_os(os) == lower(name)

host_product_matches(os, name) if startswith(_normalize_os(os), concat("", [lower(name), " "]))

_normalize_os(os) := trim_prefix(lower(trim_space(os)), "microsoft ")

# subscription_suspended_states are the subscription states Azure means by suspended
# (https://learn.microsoft.com/azure/cost-management-billing/manage/subscription-states):
# Disabled (no resource can be created or managed, VMs deallocated), and Expired (cancelled; it
# can be reactivated). Warned and PastDue are not suspended: subscription_at_risk_states.
subscription_suspended_states := {"Disabled", "Expired"}

# subscription_at_risk_states are active subscriptions that Azure disables unless their cause is
# fixed: PastDue (every operation still available) and Warned (read and delete only; resources
# may go offline). No 60-day clock runs for them (AKSARC-053).
subscription_at_risk_states := {"Warned", "PastDue"}

# subscription_out_states are the states that take a cluster out of support after the
# subscription limit: suspended or deleted.
subscription_out_states := subscription_suspended_states | {"Deleted"}
