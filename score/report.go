package score

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/parley-events/parley/event"
)

// WriteSummary writes the headline figures, the secondary accuracies and a
// per-document table.
func (r Report) WriteSummary(w io.Writer) {
	fmt.Fprintf(w, "%d documents\n", r.Docs)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "match\tP\tR\tF1\tmatched\tpredicted\trequired\toptional matched")
	for _, row := range []struct {
		name string
		s    PRF
	}{{"dyad", r.Dyad}, {"type", r.Type}} {
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%d\t%d\t%d\t%d\n", row.name,
			row.s.Precision, row.s.Recall, row.s.F1, row.s.Matched, row.s.Predicted, row.s.Required, row.s.Optional)
	}
	tw.Flush()

	fmt.Fprintf(w, "\namong %d dyad matches\n", r.Dyad.Matched+r.Dyad.Optional)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, row := range []struct {
		name string
		a    Accuracy
	}{{"mode", r.Mode}, {"actor entity", r.ActorEntity}, {"date", r.Date}, {"place country", r.PlaceCountry}, {"place name", r.PlaceName}} {
		share := "-"
		if row.a.Scored > 0 {
			share = fmt.Sprintf("%.3f", row.a.Share)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%d/%d\n", row.name, share, row.a.Right, row.a.Scored)
	}
	tw.Flush()

	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "doc\tgold\trequired\tpred\tdyad P\tdyad R\tdyad F1\ttype F1\t")
	for _, d := range r.PerDoc {
		note := ""
		switch {
		case !d.HasGold:
			note = "  (no gold file: predictions count as false positives)"
		case !d.Coded:
			note = "  (not coded: gold counts as missed)"
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%s\n", d.DocID, d.Gold, d.Dyad.Required, d.Predicted,
			d.Dyad.Precision, d.Dyad.Recall, d.Dyad.F1, d.Type.F1, note)
	}
	tw.Flush()
}

// WriteExplain writes every missed gold event with its evidence, every
// spurious prediction with its sentence, and every wrong attribute of a dyad
// match, document by document. texts maps document ids to their text; it is
// used for a prediction's sentence when the prediction does not carry it.
func (r Report) WriteExplain(w io.Writer, texts map[string]string) {
	byDoc := map[string][]string{}
	for _, it := range r.Missed {
		s := "MISSED   " + describeGold(it.Gold) + "\n         evidence: " + oneLine(it.Gold.Evidence)
		if it.Near != "" {
			s += "\n         " + it.Near
		}
		byDoc[it.DocID] = append(byDoc[it.DocID], s)
	}
	for _, it := range r.Spurious {
		s := "SPURIOUS " + describePred(it.Pred)
		if sent := predSentence(it.Pred, texts[it.DocID]); sent != "" {
			s += "\n         sentence: " + oneLine(sent)
		}
		if it.Pred.Trigger != "" || it.Pred.Rule != "" {
			s += fmt.Sprintf("\n         trigger %q, rule %s", it.Pred.Trigger, orNone(it.Pred.Rule))
		}
		if it.Near != "" {
			s += "\n         " + it.Near
		}
		byDoc[it.DocID] = append(byDoc[it.DocID], s)
	}
	for _, m := range r.Mismatches {
		s := fmt.Sprintf("WRONG    %s: want %s, got %s\n         in %s", m.Field, orNone(m.Want), orNone(m.Got), describeGold(m.Gold))
		byDoc[m.DocID] = append(byDoc[m.DocID], s)
	}
	for _, d := range r.PerDoc {
		lines := byDoc[d.DocID]
		if len(lines) == 0 {
			continue
		}
		fmt.Fprintf(w, "== %s  dyad P %.3f R %.3f F1 %.3f\n", d.DocID, d.Dyad.Precision, d.Dyad.Recall, d.Dyad.F1)
		for _, l := range lines {
			fmt.Fprintln(w, l)
		}
		fmt.Fprintln(w)
	}
}

// headline is the JSON form of a Report's figures.
type headline struct {
	Docs         int      `json:"docs"`
	Dyad         PRF      `json:"dyad"`
	Type         PRF      `json:"type"`
	Mode         Accuracy `json:"mode"`
	ActorEntity  Accuracy `json:"actor_entity"`
	Date         Accuracy `json:"date"`
	PlaceCountry Accuracy `json:"place_country"`
	PlaceName    Accuracy `json:"place_name"`
	Missed       int      `json:"missed"`
	Spurious     int      `json:"spurious"`
}

// JSON returns the headline figures as one line of JSON, without a newline.
func (r Report) JSON() []byte {
	b, err := json.Marshal(headline{
		Docs: r.Docs, Dyad: r.Dyad, Type: r.Type,
		Mode: r.Mode, ActorEntity: r.ActorEntity, Date: r.Date,
		PlaceCountry: r.PlaceCountry, PlaceName: r.PlaceName,
		Missed: len(r.Missed), Spurious: len(r.Spurious),
	})
	if err != nil { // only plain numbers: cannot happen
		panic(err)
	}
	return b
}

func describeGold(g *Gold) string {
	rec := "(any)"
	if g.Recipient != nil {
		rec = g.Recipient.Country
	}
	arrow := "→"
	if g.Symmetric {
		arrow = "↔"
	}
	s := g.Type
	if len(g.AltTypes) > 0 {
		s += "/" + strings.Join(g.AltTypes, "/")
	}
	s += " " + g.Actor.Country + arrow + rec
	if len(g.Actor.Names) > 0 {
		s += fmt.Sprintf(" (%s)", g.Actor.Names[0])
	}
	if g.Date != "" {
		s += " " + g.Date
	}
	if g.Optional {
		s += " optional"
	}
	if g.Line > 0 {
		s += fmt.Sprintf(" [%s.jsonl:%d]", g.DocID, g.Line)
	}
	return s
}

func describePred(p *event.Event) string {
	s := fmt.Sprintf("%s %s→%s", orNone(string(p.Type)), orNone(actorCountry(p.Actor)), orNone(actorCountry(p.Recipient)))
	if n := actorName(p.Actor); n != "" {
		s += fmt.Sprintf(" (%s)", n)
	}
	if p.Date != "" {
		s += " " + p.Date
	}
	return s + fmt.Sprintf(" sentence %d", p.Sentence)
}

// predSentence returns a prediction's sentence: its own Text, else its span
// in the document text.
func predSentence(p *event.Event, text string) string {
	if p.Text != "" {
		return p.Text
	}
	a, b := p.Span[0], p.Span[1]
	if 0 <= a && a < b && b <= len(text) {
		return text[a:b]
	}
	return ""
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
