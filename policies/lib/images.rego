# METADATA
# description: |
#   Container image references as catalog data names them: the repository path without the
#   registry host, tag or digest ("quay.io/cilium/cilium:v1.16.3@sha256:..." is "cilium/cilium").
#   A catalog pattern matches that path or its tail after a "/", so a mirror in a private registry
#   ("contoso.azurecr.io/mirror/cilium/cilium") is recognised too.
package lib.aksarc.images

# repository is the lower-case repository path of an image reference; undefined for a
# non-string or an empty reference.
repository(image) := path if {
	is_string(image)
	parts := split(split(lower(trim_space(image)), "@")[0], "/")
	last := count(parts) - 1
	named := array.concat(array.slice(parts, 0, last), [split(parts[last], ":")[0]])
	path := concat("/", _without_registry(named))
	path != ""
}

# name is the last component of an image's repository path (lower case, without tag or digest:
# "proxyv2" of "docker.io/istio/proxyv2:1.23.2"), with builtins only: a cheap first test before
# repository and matches, as a repository can only match a pattern whose last component is its
# name. Undefined for a non-string.
name(image) := n if {
	is_string(image)
	parts := split(split(lower(trim_space(image)), "@")[0], "/")
	n := split(parts[count(parts) - 1], ":")[0]
}

# The first component is a registry host when more components follow and it has a dot or a
# port, or is localhost (the Docker reference grammar).
_without_registry(parts) := array.slice(parts, 1, count(parts)) if {
	count(parts) > 1
	_registry(parts[0])
}

_without_registry(parts) := parts if {
	not _strippable(parts)
}

_strippable(parts) if {
	count(parts) > 1
	_registry(parts[0])
}

_registry(host) if contains(host, ".")

_registry(host) if contains(host, ":")

_registry("localhost")

# matches is the set of patterns (repository paths, lower case) that an image matches.
matches(image, patterns) := {p |
	repo := repository(image)
	some p in patterns
	is_string(p)
	_matches(repo, lower(p))
}

_matches(repo, pattern) if repo == pattern

_matches(repo, pattern) if endswith(repo, concat("", ["/", pattern]))
