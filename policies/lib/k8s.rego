# METADATA
# description: Kubernetes object helpers shared by the object rules.
package lib.aksarc.k8s

# resource identifies a document in findings.
resource(obj) := {
	"apiVersion": object.get(obj, "apiVersion", ""),
	"kind": object.get(obj, "kind", ""),
	"namespace": object.get(obj, ["metadata", "namespace"], ""),
	"name": object.get(obj, ["metadata", "name"], ""),
}

namespace(obj) := object.get(obj, ["metadata", "namespace"], "")

name(obj) := object.get(obj, ["metadata", "name"], "")

labels(obj) := object.get(obj, ["metadata", "labels"], {})

annotations(obj) := object.get(obj, ["metadata", "annotations"], {})

# observed is true for an object read from a live cluster (kubectl get): the API server gave it
# a uid or a resourceVersion. A manifest in a repository has neither; it is a desired change.
observed(obj) if obj.metadata.uid

observed(obj) if obj.metadata.resourceVersion

# api_group is the group of an apiVersion ("" for the core group "v1").
api_group(obj) := "" if not contains(object.get(obj, "apiVersion", ""), "/")

api_group(obj) := split(obj.apiVersion, "/")[0] if contains(obj.apiVersion, "/")
