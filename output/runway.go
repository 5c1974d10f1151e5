package output

import (
	"fmt"
	"strings"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
)

// writeRunway writes the support runway of each snapshot (Report.Runway, per snapshot in input
// order, each by date): the next change first, then the rest, every one as a date with the days
// left and what happens then.
//
//	Support runway of ClusterSnapshot edge (fixtures/edge.yaml:2 (document 1)):
//	  Next:  2025-11-17 (16 days): if the cluster stays stopped ...: AKSARC-042 warns from 2025-11-17
//	  Then:  2025-11-24 (23 days): ...
//	         2026-02-07 (98 days): ...
func (t Text) writeRunway(b *strings.Builder, events []evaluator.RunwayEvent) {
	for i := 0; i < len(events); {
		src := events[i].Source
		fmt.Fprintf(b, "\nSupport runway of %s (%s):\n", object(events[i].Resource), src)
		for n := 0; i < len(events) && events[i].Source == src; i, n = i+1, n+1 {
			ev := events[i]
			label := "      "
			switch n {
			case 0:
				label = "Next: "
			case 1:
				label = "Then: "
			}
			when := fmt.Sprintf("%s (%s)", ev.Date, plural(ev.DaysLeft, "day", "days"))
			if ev.DaysLeft == 0 {
				when = ev.Date + " (today, later)" // a limit counted from a time of day
			}
			fmt.Fprintf(b, "  %s %s: %s\n", label, t.paint(severityColor(ev.Severity), when), ev.What)
		}
	}
}
