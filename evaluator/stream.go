package evaluator

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Checked is a document a run judged: where it is and what it is. A Stream keeps this of every
// document, and not the document itself.
type Checked struct {
	Source   Source
	Resource Resource
}

// A Stream judges the documents of one run as they come: each is evaluated by a worker (as many
// as GOMAXPROCS) and released. What a Stream keeps of a document is its findings, what the rules
// could not judge, its runway, and a few fields (Checked, its uid and owner references); memory is
// bounded by the workers and the findings, not by the input. Add blocks while every worker is
// busy.
//
// The cluster context must be known before the first document: NewStream takes the run's
// ClusterSnapshots (found by a first pass over the inputs, as CheckInputs does), and Close
// fails when the snapshots added are not those. One snapshot is the cluster of every other
// document; with none or more than one, objects are judged without a cluster, as Evaluate does.
type Stream struct {
	e        *Evaluator
	ctx      context.Context
	asOf     time.Time
	cluster  ast.Value
	ctxTerm  *ast.Term
	expected []*Document
	work     chan streamJob
	wg       sync.WaitGroup // the workers
	sending  sync.WaitGroup // the Adds between their check of closed and their send

	mu        sync.Mutex
	done      []evaluated
	errs      []error
	snapshots []*Document // the snapshots added, in order: kept for the report's notes
	closed    bool
}

type streamJob struct {
	i int
	d *Document
}

// evaluated is what a Stream keeps of one document.
type evaluated struct {
	checked      Checked
	uid          string
	refs         []ownerRef
	findings     []Finding
	notEvaluated []NotEvaluated
	runway       []RunwayEvent
}

// NewStream starts judging documents as of the options' date (else the evaluator's, else now),
// with the cluster context that snapshots give. Close it, also when the run fails, to stop its
// workers.
func (e *Evaluator) NewStream(ctx context.Context, snapshots []*Document, opts ...EvaluateOption) (*Stream, error) {
	cfg := evalConfig{asOf: e.asOf}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.asOf.IsZero() {
		cfg.asOf = time.Now()
	}
	for _, d := range snapshots {
		if d == nil || d.value == nil || !d.IsClusterSnapshot() {
			return nil, errors.New("evaluate: the snapshots of a stream must be ClusterSnapshots from Decode, Load or NewDocument")
		}
	}
	s := &Stream{e: e, ctx: ctx, asOf: cfg.asOf, cluster: ast.Null{}, expected: snapshots, work: make(chan streamJob)}
	if len(snapshots) == 1 {
		s.cluster = snapshots[0].value
	}
	// The context is built once for the run and shared by every document's evaluation.
	s.ctxTerm = e.contextTerm(s.asOf, s.cluster)
	for range runtime.GOMAXPROCS(0) {
		s.wg.Add(1)
		go s.worker()
	}
	return s, nil
}

// Add hands a document to the next free worker; it blocks while all are busy. It fails when
// the context is done or the stream is closed; a document whose evaluation fails fails Close.
// Add may be called from several goroutines, and while Close runs (it then fails or is
// judged before Close returns).
func (s *Stream) Add(d *Document) error {
	if d == nil || d.value == nil {
		return errors.New("evaluate: a document must come from Decode, Load or NewDocument")
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return errors.New("evaluate: the stream is closed")
	}
	i := len(s.done)
	s.done = append(s.done, evaluated{})
	if d.IsClusterSnapshot() {
		s.snapshots = append(s.snapshots, d)
	}
	s.sending.Add(1) // Close waits for this send before it closes the channel
	s.mu.Unlock()
	defer s.sending.Done()
	select {
	case s.work <- streamJob{i, d}:
		return nil
	case <-s.ctx.Done():
		return fmt.Errorf("evaluate: %w", s.ctx.Err())
	}
}

func (s *Stream) worker() {
	defer s.wg.Done()
	for j := range s.work {
		ev, err := s.evaluate(j.d)
		s.mu.Lock()
		s.done[j.i] = ev
		if err != nil {
			s.errs = append(s.errs, err)
		}
		s.mu.Unlock()
	}
}

// evaluate judges one document and keeps what the report needs of it.
func (s *Stream) evaluate(d *Document) (evaluated, error) {
	ev := evaluated{checked: Checked{Source: d.Source, Resource: d.Resource()}, uid: metaString(d.Object, "uid"), refs: ownerRefs(d.Object)}
	if err := s.ctx.Err(); err != nil {
		return ev, nil // Close reports the context's error once
	}
	res, err := s.e.evalDocument(s.ctx, d, s.cluster, s.ctxTerm, s.asOf)
	if err != nil {
		return ev, err
	}
	sortFindings(res.findings)
	ev.findings = res.findings
	ev.notEvaluated = s.e.notEvaluated(d, res)
	fired := map[string]bool{}
	for _, f := range res.findings {
		fired[f.RuleID] = true
	}
	for _, r := range res.runway {
		// A rule left out says nothing about the days ahead either; a change due today whose
		// rule already fires is in the findings, not ahead.
		if !s.e.skipped[r.RuleID] && !(r.DaysLeft == 0 && fired[r.RuleID]) {
			ev.runway = append(ev.runway, r)
		}
	}
	return ev, nil
}

// Close waits for the documents added and returns the report of the run: findings in the order
// the documents were added, then by rule ID.
func (s *Stream) Close() (*Report, error) {
	s.mu.Lock()
	already := s.closed
	s.closed = true
	s.mu.Unlock()
	if already {
		return nil, errors.New("evaluate: the stream is closed")
	}
	s.sending.Wait()
	close(s.work)
	s.wg.Wait()
	if err := s.ctx.Err(); err != nil {
		return nil, fmt.Errorf("evaluate: %w", err)
	}
	if err := errors.Join(s.errs...); err != nil {
		return nil, err
	}
	if err := sameSnapshots(s.expected, s.snapshots); err != nil {
		return nil, err
	}
	e := s.e
	findings := []Finding{}
	notEvaluated := []NotEvaluated{}
	runway := []RunwayEvent{} // per snapshot in input order, each by date then rule
	owned := owners(s.done)
	for i, ev := range s.done {
		for j := range ev.findings {
			ev.findings[j].Owner = owned[i]
		}
		findings = append(findings, ev.findings...)
		notEvaluated = append(notEvaluated, ev.notEvaluated...)
		runway = append(runway, ev.runway...)
	}
	findings, notEvaluated = e.selected(findings), e.selectedNotEvaluated(notEvaluated)
	expired, unused := applyWaivers(e.waivers, findings, s.asOf, func(id string) bool { return !e.skipped[id] })
	summary := summarize(findings, len(s.done), s.asOf)
	summary.NotEvaluated = len(notEvaluated)
	summary.SkippedRules = len(e.skipped)
	summary.Complete = len(notEvaluated) == 0 && len(e.skipped) == 0
	summary.CatalogReviewed, summary.FactsThrough = e.catalogDates()
	return &Report{Summary: summary, Findings: findings, NotEvaluated: notEvaluated,
		Notes: runNotes(len(s.done), s.snapshots, s.asOf), ExpiredWaivers: expired, UnusedWaivers: unused,
		SkippedRules: sortedIDs(e.skipped), Runway: runway}, nil
}

// Checked lists the documents judged, in the order they were added (after Close).
func (s *Stream) Checked() []Checked {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Checked, len(s.done))
	for i, ev := range s.done {
		out[i] = ev.checked
	}
	return out
}

// sameSnapshots fails when the snapshots a stream met are not those it was started with (an
// input that changed between the first pass and the second, or a snapshot the first pass did
// not recognize): the cluster context would then not be the run's.
func sameSnapshots(expected, met []*Document) error {
	same := len(expected) == len(met)
	for i := 0; same && i < len(met); i++ {
		same = expected[i] == met[i] || (expected[i].Source == met[i].Source && ast.Compare(expected[i].value, met[i].value) == 0)
	}
	if same {
		return nil
	}
	describe := func(ds []*Document) string {
		if len(ds) == 0 {
			return "none"
		}
		out := ""
		for i, d := range ds {
			if i > 0 {
				out += ", "
			}
			out += d.Source.String()
		}
		return out
	}
	return fmt.Errorf("evaluate: the ClusterSnapshots met (%s) are not those the run started with (%s): an input changed while it was read, or the first pass did not recognize a snapshot (a bug: please report it); no report is written",
		describe(met), describe(expected))
}
