package evaluator

// Owner is the object of the same run that owns a finding's object, followed through
// metadata.ownerReferences to the top (a Pod's ReplicaSet's Deployment): reports show the finding
// under it, so that a cluster dump does not repeat one problem for every Pod.
type Owner struct {
	Resource Resource `json:"resource"`
	Source   Source   `json:"source"`
}

// owners returns, for each document, the topmost object of docs that owns it (through the uids
// of metadata.ownerReferences; a controller reference first), or nil.
func owners(docs []*Document) []*Owner {
	byUID := make(map[string]int, len(docs))
	for i, d := range docs {
		if uid := metaString(d.Object, "uid"); uid != "" {
			if _, dup := byUID[uid]; !dup {
				byUID[uid] = i
			}
		}
	}
	if len(byUID) == 0 {
		return make([]*Owner, len(docs))
	}
	parent := func(i int) (int, bool) {
		meta, _ := docs[i].Object["metadata"].(map[string]any)
		refs, _ := meta["ownerReferences"].([]any)
		found := -1
		for _, r := range refs {
			ref, _ := r.(map[string]any)
			uid, _ := ref["uid"].(string)
			j, ok := byUID[uid]
			if !ok || j == i {
				continue
			}
			if controller, _ := ref["controller"].(bool); controller {
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
			out[i] = &Owner{Resource: docs[top].Resource(), Source: docs[top].Source}
		}
	}
	return out
}

func metaString(obj map[string]any, key string) string {
	meta, _ := obj["metadata"].(map[string]any)
	s, _ := meta[key].(string)
	return s
}
