package evaluator

// Owner is the object of the same run that owns a finding's object, followed through
// metadata.ownerReferences to the top (a Pod's ReplicaSet's Deployment): reports show the finding
// under it, so that a cluster dump does not repeat one problem for every Pod.
type Owner struct {
	Resource Resource `json:"resource"`
	Source   Source   `json:"source"`
}

// ownerRef is one of metadata.ownerReferences: the owner's uid, and whether it is the controller.
type ownerRef struct {
	uid        string
	controller bool
}

// ownerRefs reads the owner references of an object.
func ownerRefs(obj map[string]any) []ownerRef {
	meta, _ := obj["metadata"].(map[string]any)
	refs, _ := meta["ownerReferences"].([]any)
	var out []ownerRef
	for _, r := range refs {
		ref, _ := r.(map[string]any)
		uid, _ := ref["uid"].(string)
		controller, _ := ref["controller"].(bool)
		out = append(out, ownerRef{uid: uid, controller: controller})
	}
	return out
}

// owners returns, for each document, the topmost object of the run that owns it (through the
// uids of metadata.ownerReferences; a controller reference first), or nil.
func owners(docs []evaluated) []*Owner {
	byUID := make(map[string]int, len(docs))
	for i, d := range docs {
		if d.uid != "" {
			if _, dup := byUID[d.uid]; !dup {
				byUID[d.uid] = i
			}
		}
	}
	if len(byUID) == 0 {
		return make([]*Owner, len(docs))
	}
	parent := func(i int) (int, bool) {
		found := -1
		for _, ref := range docs[i].refs {
			j, ok := byUID[ref.uid]
			if !ok || j == i {
				continue
			}
			if ref.controller {
				return j, true
			}
			if found < 0 {
				found = j
			}
		}
		return found, found >= 0
	}
	out := make([]*Owner, len(docs))
	for i := range docs {
		top, seen := i, map[int]bool{i: true}
		for {
			p, ok := parent(top)
			if !ok || seen[p] { // no owner in the run, or a loop of references
				break
			}
			seen[p] = true
			top = p
		}
		if top != i {
			out[i] = &Owner{Resource: docs[top].checked.Resource, Source: docs[top].checked.Source}
		}
	}
	return out
}

func metaString(obj map[string]any, key string) string {
	meta, _ := obj["metadata"].(map[string]any)
	s, _ := meta[key].(string)
	return s
}
