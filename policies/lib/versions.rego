# METADATA
# description: Kubernetes version strings ("v1.30.4", "1.30", "1.31.2-preview") as comparable numbers.
package lib.aksarc.versions

# parse returns {major, minor, patch (null when absent), suffix, minor_key ("1.30")}
# and is undefined for a string that is not a Kubernetes version.
parse(s) := v if {
	is_string(s)
	m := regex.find_all_string_submatch_n(`^v?([0-9]+)\.([0-9]+)(?:\.([0-9]+))?(?:[-+](.+))?$`, trim_space(s), 1)[0]
	v := {
		"major": to_number(m[1]),
		"minor": to_number(m[2]),
		"patch": _patch(m[3]),
		"suffix": m[4],
		"minor_key": sprintf("%s.%s", [m[1], m[2]]),
		"text": trim_prefix(trim_space(s), "v"),
	}
}

_patch(s) := null if s == ""

_patch(s) := to_number(s) if s != ""

# minor_ord orders minor versions across majors: 1.30 -> 1030.
minor_ord(v) := (v.major * 1000) + v.minor

# key_ord orders catalog keys such as "1.30".
key_ord(k) := minor_ord(parse(k))

# minor_distance is how many minors a is newer than b (negative when older).
minor_distance(a, b) := minor_ord(a) - minor_ord(b)
