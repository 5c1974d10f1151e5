package evaluator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// Extensions of the files a directory walk reads.
var Extensions = []string{".yaml", ".yml", ".json"}

// LoadOptions say how Load reads its paths.
type LoadOptions struct {
	// Limits bound the bytes of each input and document and what YAML aliases may add in the run.
	Limits
	// Exclude are globs of paths that directory walks leave out (and report as skipped): `**`
	// matches any number of folders; a glob without / matches a file or folder name at any
	// depth. Paths named on the command line are always read.
	Exclude []string
	// Strict makes directory walks as strict as named files: a document that is not a
	// Kubernetes object, a Helm chart and a kustomization are errors instead of skipped inputs.
	Strict bool
}

// Inputs are what a run read: the documents to judge, and what it skipped or noted, which every
// report lists so that nothing is left out silently.
type Inputs struct {
	Documents []*Document
	// Skipped are the files, folders and documents a directory walk did not judge, and why.
	Skipped []SkippedInput
	// Notes say what else limits the run (an empty List holds no object).
	Notes []string
}

// SkippedInput is a file, folder or document that a directory walk found and did not judge.
type SkippedInput struct {
	// File is the file or folder as found (relative when the walk's path was).
	File string `json:"file"`
	// Document and Line place a skipped document in its file; 0 when the whole file or folder
	// is skipped.
	Document int `json:"document,omitempty"`
	Line     int `json:"line,omitempty"`
	// Kind says why, for programs: one of the Skip* constants.
	Kind string `json:"kind"`
	// Reason says why, in a sentence.
	Reason string `json:"reason"`
	// Hint says how to check it anyway, when there is a way.
	Hint string `json:"hint,omitempty"`
}

// The kinds of skipped inputs.
const (
	SkipNotKubernetes = "not-kubernetes-object" // a YAML or JSON document that is not a Kubernetes object
	SkipEmpty         = "empty"                 // a file with no document
	SkipHelmChart     = "helm-chart"            // a folder holding Chart.yaml
	SkipKustomization = "kustomization"         // a folder holding kustomization.yaml
	SkipHidden        = "hidden"                // a file or folder whose name starts with "."
	SkipExcluded      = "excluded"              // a path that --exclude leaves out
)

// String is "file:line (document 2): reason".
func (s SkippedInput) String() string {
	return Source{File: s.File, Document: s.Document, Line: s.Line}.String() + ": " + s.Reason
}

// Load reads documents from paths, strictly: files (any name), directories (recursively, the
// files with one of Extensions, skipping hidden files and folders), or "-" for stdin. Anything
// a walk would skip (a document that is not a Kubernetes object, a Helm chart, a
// kustomization) is an error here; LoadInputs skips and reports it instead.
func Load(paths []string, stdin io.Reader) ([]*Document, error) {
	in, err := LoadInputs(paths, stdin, LoadOptions{Strict: true})
	if err != nil {
		return nil, err
	}
	return in.Documents, nil
}

// LoadInputs reads documents from paths as `aksarc-opa check` does. A path named is strict: a
// file or standard input ("-") must hold at least one Kubernetes object or ClusterSnapshot
// (an empty List counts, with a note), and every document of it must be one. A directory is
// walked in lexical order for files with one of Extensions; unless opts.Strict, what it finds
// but cannot judge is skipped and listed in Inputs.Skipped: documents that are not Kubernetes
// objects, empty files, Helm charts and kustomizations (whole folders: render them and pipe the
// output in), hidden files and folders, and what opts.Exclude leaves out. Named pipes, devices
// and sockets found in a walk are errors. A file reached twice (a folder and a file in it, a
// link to it) is read once. Invalid YAML or JSON is an error; the error names every bad input
// of the run (InputErrors).
func LoadInputs(paths []string, stdin io.Reader, opts LoadOptions) (*Inputs, error) {
	l, err := newLoader(opts)
	if err != nil {
		return nil, err
	}
	l.emit = func(d *Document) error {
		l.in.Documents = append(l.in.Documents, d)
		return nil
	}
	if err := l.run(paths, stdin); err != nil {
		return nil, err
	}
	return l.in, nil
}

// newLoader checks the Exclude globs and returns a loader for one pass over the inputs.
func newLoader(opts LoadOptions) (*loader, error) {
	for _, g := range opts.Exclude {
		if err := checkGlob(g); err != nil {
			return nil, fmt.Errorf("--exclude %q: %w", g, err)
		}
	}
	return &loader{opts: opts, dec: NewDecoder(opts.Limits), seen: map[string]bool{}, in: &Inputs{}}, nil
}

// run reads every path; the error names every bad input of the run.
func (l *loader) run(paths []string, stdin io.Reader) error {
	for _, p := range paths {
		if err := l.path(p, stdin); err != nil {
			return err // the run cannot go on
		}
	}
	return l.errs.orNil()
}

// CheckInputs reads paths as LoadInputs does and judges each document as it is read (a
// Stream): the documents are not kept, so memory is bounded by the evaluation's workers and
// the findings, and by the largest input, which is read whole, rather than by all of them.
// A first pass finds the ClusterSnapshots, the cluster context every document needs: it
// decodes only the inputs whose bytes may hold one, and keeps what it read of the inputs that
// cannot be read twice (standard input, a named pipe). It returns the report (with what the
// walk skipped and noted, as EvaluateInputs) and the documents judged.
func (e *Evaluator) CheckInputs(ctx context.Context, paths []string, stdin io.Reader, lo LoadOptions, opts ...EvaluateOption) (*Report, []Checked, error) {
	first, err := newLoader(lo)
	if err != nil {
		return nil, nil, err
	}
	first.scan = true
	first.dec.only = mayHoldSnapshot
	if err := first.run(paths, stdin); err != nil {
		var ie *InputError
		var ies InputErrors
		if !errors.As(err, &ies) && !errors.As(err, &ie) {
			return nil, nil, err
		}
		// Input errors are reported by the second pass, with every other bad input; one that
		// stops the run (a spent alias budget) stops the second pass too, at the same document
		// or before it, as the second pass decodes all that the first did and more.
	}
	// What the first pass read is garbage now (but what it kept): collect it before the second
	// pass reads the inputs again, so that a large input is not held twice.
	runtime.GC()
	s, err := e.NewStream(ctx, first.snapshots, opts...)
	if err != nil {
		return nil, nil, err
	}
	l, _ := newLoader(lo) // the globs are checked
	l.kept = first.kept
	l.emit = s.Add
	if err := l.run(paths, stdin); err != nil {
		_, _ = s.Close()
		return nil, nil, err
	}
	r, err := s.Close()
	if err != nil {
		return nil, nil, err
	}
	return withInputs(r, l.in), s.Checked(), nil
}

// EvaluateInputs evaluates the documents of inputs (as Evaluate does) and adds to the report
// what the inputs skipped and noted.
func (e *Evaluator) EvaluateInputs(ctx context.Context, in *Inputs, opts ...EvaluateOption) (*Report, error) {
	r, err := e.Evaluate(ctx, in.Documents, opts...)
	if err != nil {
		return nil, err
	}
	return withInputs(r, in), nil
}

// withInputs adds to a report what the inputs skipped and noted.
func withInputs(r *Report, in *Inputs) *Report {
	r.Skipped = append([]SkippedInput{}, in.Skipped...)
	r.Summary.Skipped = len(r.Skipped)
	r.Notes = append(append([]string{}, in.Notes...), r.Notes...)
	return r
}

type loader struct {
	opts  LoadOptions
	dec   *Decoder
	seen  map[string]bool         // files read, by their resolved path
	files map[int64][]os.FileInfo // regular files read, by size: hard links are the same file
	stdin bool                    // standard input was read
	in    *Inputs
	errs  InputErrors
	// emit takes each document read; LoadInputs keeps them in Inputs.Documents.
	emit func(*Document) error
	// kept holds what was read of inputs that cannot be read twice (standard input, a named
	// pipe, a device), by name, for the second pass of CheckInputs.
	kept map[string]keptInput
	// scan makes the loader a first pass (CheckInputs): it decodes only inputs that may hold a
	// ClusterSnapshot, keeps those snapshots, and keeps what it read of inputs that cannot be
	// read twice.
	scan      bool
	snapshots []*Document
}

// keptInput is an input the first pass read: its bytes, or why they could not be read.
type keptInput struct {
	data []byte
	err  error
}

// found is what one input or walk gave: documents and empty Lists.
type found struct{ documents, emptyLists int }

// fail notes an input error; it returns the error when the run cannot go on.
func (l *loader) fail(err error) error {
	var ie *InputError
	if !errors.As(err, &ie) {
		return err
	}
	if ie.stop {
		return ie
	}
	if ies := (InputErrors)(nil); errors.As(err, &ies) {
		l.errs = append(l.errs, ies...)
	} else {
		l.errs = append(l.errs, ie)
	}
	return nil
}

func (l *loader) path(p string, stdin io.Reader) error {
	if p == "-" {
		if l.stdin {
			return l.fail(&InputError{File: "-", Problems: []string{"standard input is named twice"}})
		}
		l.stdin = true
		if stdin == nil {
			return l.fail(&InputError{File: "-", Problems: []string{"no standard input"}})
		}
		var f found
		if err := l.read("-", stdin, true, &f); err != nil {
			return err
		}
		return l.requireObjects("-", f, "standard input is empty or holds only comments")
	}
	info, err := os.Stat(p)
	if err != nil {
		return l.fail(&InputError{File: p, Problems: []string{fmt.Sprintf("cannot read: %v", unwrapPathError(err))}})
	}
	if info.IsDir() {
		return l.walk(p)
	}
	if l.once(p) {
		return nil
	}
	// A file named is read whatever it is: a named pipe (`<(kubectl get ...)`) too; the size
	// limit bounds a device such as /dev/zero. What the first pass kept is not opened again (a
	// pipe opened twice would wait for a writer that is gone).
	var r io.Reader
	if _, kept := l.kept[p]; !kept || l.scan {
		f, err := os.Open(p)
		if err != nil {
			return l.fail(&InputError{File: p, Problems: []string{fmt.Sprintf("cannot read: %v", unwrapPathError(err))}})
		}
		defer f.Close()
		r = f
	}
	var got found
	if err := l.read(p, r, true, &got); err != nil {
		return err
	}
	return l.requireObjects(p, got, "the file is empty or holds only comments")
}

// requireObjects fails a named input that gave no document and no empty List.
func (l *loader) requireObjects(name string, f found, why string) error {
	if f.documents > 0 || f.emptyLists > 0 || l.failedOn(name) {
		return nil
	}
	return l.fail(&InputError{File: name, Problems: []string{"no Kubernetes object or ClusterSnapshot: " + why}})
}

// failedOn reports whether an error already names the input.
func (l *loader) failedOn(name string) bool {
	for _, e := range l.errs {
		if e.File == name {
			return true
		}
	}
	return false
}

// once reports whether the file was read already (by another path to it), and notes it.
func (l *loader) once(p string) bool {
	key, err := filepath.Abs(p)
	if err == nil {
		if resolved, err := filepath.EvalSymlinks(key); err == nil {
			key = resolved
		}
	}
	if l.seen[key] {
		return true
	}
	l.seen[key] = true
	// A hard link has a path of its own: the file is the same if the system says so.
	if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
		for _, other := range l.files[fi.Size()] {
			if os.SameFile(fi, other) {
				return true
			}
		}
		if l.files == nil {
			l.files = map[int64][]os.FileInfo{}
		}
		l.files[fi.Size()] = append(l.files[fi.Size()], fi)
	}
	return false
}

// read decodes one input; strict inputs refuse documents that are not Kubernetes objects,
// others skip them.
func (l *loader) read(name string, r io.Reader, strict bool, f *found) error {
	data, err := l.input(name, r)
	if err != nil {
		return l.fail(err)
	}
	if l.scan && !mayHoldSnapshot(data) {
		return nil
	}
	err = l.dec.eachData(name, data, func(doc rawDoc) error {
		if doc.err != nil {
			l.errs = append(l.errs, doc.err)
			return nil
		}
		if problem := notAnObject(doc.value); problem != "" {
			if strict {
				l.errs = append(l.errs, inputError(doc.source, "%s", problem))
			} else {
				l.in.Skipped = append(l.in.Skipped, SkippedInput{File: name, Document: doc.source.Document, Line: doc.source.Line,
					Kind: SkipNotKubernetes, Reason: problem})
			}
			return nil
		}
		if l.scan {
			// Only what claims to be a snapshot is checked and converted; the errors are the
			// second pass's to report.
			_ = unpack(doc.value.(map[string]any), doc.source, doc.items, func(obj map[string]any, src Source) error {
				if claimsSnapshot(obj) {
					if d, err := NewDocument(obj, src); err == nil {
						l.snapshots = append(l.snapshots, d)
					}
				}
				return nil
			}, func(*InputError) {})
			return nil
		}
		return l.dec.objects(doc, &l.errs, func(d *Document) error {
			f.documents++
			return l.emit(d)
		}, func(e *InputError) {
			f.emptyLists++
			l.in.Notes = append(l.in.Notes, e.Error())
		})
	})
	if err != nil {
		return l.fail(err)
	}
	return nil
}

// input reads one input whole, within the size limit. An input that cannot be read twice
// (standard input, a named pipe, a device) is read once, by the first pass, and kept for the
// second.
func (l *loader) input(name string, r io.Reader) ([]byte, error) {
	if k, ok := l.kept[name]; ok && !l.scan {
		return k.data, k.err
	}
	data, err := readLimited(name, r, l.dec.limits.MaxInputSize)
	if l.scan && !rereadable(name, r) {
		if l.kept == nil {
			l.kept = map[string]keptInput{}
		}
		l.kept[name] = keptInput{data, err}
	}
	return data, err
}

// rereadable reports whether the second pass can open the input again: a regular file, named.
func rereadable(name string, r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok || name == "-" {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode().IsRegular()
}

// mayHoldSnapshot reports whether an input or a YAML document of it may hold a
// ClusterSnapshot: its bytes name the kind or the API group, or could spell them otherwise (an
// escape in a quoted string, a tag such as !!binary, whose URI may be escaped too, a UTF-16
// byte order mark). The first pass decodes only such inputs and documents; should a snapshot
// slip past it, the second pass finds it and the run fails (Stream.Close).
func mayHoldSnapshot(data []byte) bool {
	for _, s := range []string{snapshotKind, snapshotGroup, "\\", "!", "\xfe\xff", "\xff\xfe"} {
		if bytes.Contains(data, []byte(s)) {
			return true
		}
	}
	return false
}

// walk reads the files of a directory, in lexical order.
func (l *loader) walk(root string) error {
	var got found
	skippedBefore := len(l.in.Skipped)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if ferr := l.fail(&InputError{File: p, Problems: []string{fmt.Sprintf("cannot read: %v", unwrapPathError(err))}}); ferr != nil {
				return ferr
			}
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if p != root {
			if skip, dir := l.leftOut(p, d); skip {
				if dir {
					return filepath.SkipDir
				}
				return nil
			}
		}
		if d.IsDir() {
			if l.renderedElsewhere(p) {
				return filepath.SkipDir
			}
			return nil
		}
		mode := d.Type()
		if mode&fs.ModeSymlink != 0 {
			// The walk does not follow links; say so rather than skip what is behind one.
			target, err := os.Stat(p)
			if err != nil {
				return l.fail(&InputError{File: p, Problems: []string{fmt.Sprintf("cannot read: %v", unwrapPathError(err))}})
			}
			if target.IsDir() {
				return l.fail(&InputError{File: p, Problems: []string{"a link to a directory is not followed: name the directory itself"}})
			}
			mode = target.Mode().Type()
		}
		if !hasExtension(p) {
			return nil
		}
		if !mode.IsRegular() {
			return l.fail(notRegular(p, mode))
		}
		if l.once(p) {
			return nil
		}
		f, err := openRegular(p)
		if err != nil {
			return l.fail(err)
		}
		defer f.Close()
		var one found
		if err := l.read(p, f, l.opts.Strict, &one); err != nil {
			return err
		}
		if one.documents == 0 && one.emptyLists == 0 && !l.failedOn(p) && !l.skippedDocuments(p) {
			if l.opts.Strict {
				return l.fail(&InputError{File: p, Problems: []string{"no Kubernetes object or ClusterSnapshot: the file is empty or holds only comments"}})
			}
			l.in.Skipped = append(l.in.Skipped, SkippedInput{File: p, Kind: SkipEmpty, Reason: "no document: the file is empty or holds only comments"})
		}
		got.documents += one.documents
		got.emptyLists += one.emptyLists
		return nil
	})
	if err != nil {
		return l.fail(err)
	}
	if got.documents > 0 || got.emptyLists > 0 || l.failedUnder(root) {
		return nil
	}
	// A directory named that gives nothing to judge is an error, not a supported cluster.
	problems := []string{fmt.Sprintf("no Kubernetes object or ClusterSnapshot in this directory (no %s file, or none that holds one)", strings.Join(Extensions, ", "))}
	for _, s := range l.in.Skipped[skippedBefore:] {
		p := "skipped " + s.String()
		if s.Hint != "" && s.Kind != SkipNotKubernetes {
			p += " (" + s.Hint + ")"
		}
		problems = append(problems, p)
	}
	return l.fail(&InputError{File: root, Problems: problems})
}

// skippedDocuments reports whether documents of the file were skipped.
func (l *loader) skippedDocuments(file string) bool {
	n := len(l.in.Skipped)
	return n > 0 && l.in.Skipped[n-1].File == file
}

// failedUnder reports whether an error names a path under root.
func (l *loader) failedUnder(root string) bool {
	for _, e := range l.errs {
		if e.File == root || strings.HasPrefix(e.File, strings.TrimSuffix(root, string(filepath.Separator))+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// versionControl are the folders in which version control systems keep a repository's history.
var versionControl = map[string]bool{".git": true, ".hg": true, ".svn": true, ".jj": true}

// leftOut skips (and lists) what a walk does not read: a path --exclude matches, a hidden
// file or folder. dir is true when a folder is skipped.
//
// Hidden files and folders are skipped and listed with how to check them; the folders of version
// control systems are listed without that hint.
func (l *loader) leftOut(p string, d fs.DirEntry) (skip, dir bool) {
	for _, g := range l.opts.Exclude {
		if excludes(g, p) {
			l.in.Skipped = append(l.in.Skipped, SkippedInput{File: p, Kind: SkipExcluded, Reason: fmt.Sprintf("excluded by --exclude %q", g)})
			return true, d.IsDir()
		}
	}
	if strings.HasPrefix(d.Name(), ".") {
		if d.IsDir() {
			skipped := SkippedInput{File: p, Kind: SkipHidden, Reason: "a hidden folder: not searched", Hint: "aksarc-opa check " + p}
			if versionControl[d.Name()] {
				// A repository's own history: nothing in it is a manifest to check.
				skipped.Reason, skipped.Hint = "a version control folder: not searched", ""
			}
			l.in.Skipped = append(l.in.Skipped, skipped)
			return true, true
		}
		if hasExtension(p) {
			l.in.Skipped = append(l.in.Skipped, SkippedInput{File: p, Kind: SkipHidden, Reason: "a hidden file: not read",
				Hint: "aksarc-opa check " + p})
		}
		return true, false
	}
	return false, false
}

// kustomizationFiles are the names kustomize reads a kustomization from.
var kustomizationFiles = []string{"kustomization.yaml", "kustomization.yml", "Kustomization"}

// renderedElsewhere skips a folder whose files are not manifests as they stand: a Helm chart
// (Chart.yaml: templates and values) or a kustomization (its output is not its files). Under
// Strict, it is an error.
func (l *loader) renderedElsewhere(dir string) bool {
	var s SkippedInput
	switch {
	case isFile(filepath.Join(dir, "Chart.yaml")):
		s = SkippedInput{File: dir, Kind: SkipHelmChart, Reason: "a Helm chart (Chart.yaml): its templates are not manifests until rendered",
			Hint: fmt.Sprintf("helm template NAME %s | aksarc-opa check -", dir)}
	default:
		for _, k := range kustomizationFiles {
			if isFile(filepath.Join(dir, k)) {
				s = SkippedInput{File: dir, Kind: SkipKustomization, Reason: fmt.Sprintf("a kustomization (%s): its output is not its files", k),
					Hint: fmt.Sprintf("kubectl kustomize %s | aksarc-opa check -", dir)}
				break
			}
		}
	}
	if s.Kind == "" {
		return false
	}
	if l.opts.Strict {
		l.errs = append(l.errs, &InputError{File: dir, Problems: []string{s.Reason + "; check its output instead: " + s.Hint}})
		return true
	}
	l.in.Skipped = append(l.in.Skipped, s)
	return true
}

func isFile(p string) bool {
	info, err := os.Lstat(p)
	return err == nil && !info.IsDir()
}

func hasExtension(p string) bool {
	ext := strings.ToLower(filepath.Ext(p))
	for _, e := range Extensions {
		if ext == e {
			return true
		}
	}
	return false
}

func unwrapPathError(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return errNoSuchFile // the same words on every platform (Windows says "cannot find the file")
	}
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// errNoSuchFile is a missing file, in the same words on every platform.
var errNoSuchFile = errors.New("no such file or directory")
