package cameo

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/parley-events/parley/doc"
)

// Explain writes, for each sentence of an annotated document, what the
// coder saw: every token with its tags and dependency, whether comma-clause
// deletion removed it, and the noun phrase it belongs to with each
// reading's actor code; then the events coded, with verb and pattern. It
// is the first thing to read when a dictionary does not code a sentence
// as expected.
func (c *Coder) Explain(w io.Writer, d *doc.Document) error {
	evs, disc := c.Code(d)
	for si, sn := range d.Sentences {
		fmt.Fprintf(w, "# sentence %d: %s\n", si+1, d.SentenceText(sn))
		for _, x := range disc {
			if x.Sentence == si {
				fmt.Fprintf(w, "  discarded by %q (story: %v)\n", x.Phrase, x.Story)
			}
		}
		s := newSentence(d, sn, c.Dict.actorWord)
		s.buildPhrases(func(ws []string) string { return c.actorCode(ws, d.Date) })
		s.deleteCommaClauses(c.Opt.Commas)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for i, t := range s.toks {
			del := ""
			if s.deleted[i] {
				del = "deleted"
			}
			ph := ""
			if p := s.inPhrase[i]; p != nil && p.first == i {
				var alts []string
				for _, a := range p.alts {
					alts = append(alts, strings.Join(a.words, " ")+" = "+a.code)
				}
				ph = "phrase: " + strings.Join(alts, " | ")
			}
			fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", i+1, t.Text, t.UPOS, t.XPOS, t.Head+1, t.Rel, del, ph)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		for _, e := range evs {
			if e.Sentence == si {
				fmt.Fprintf(w, "  event %s %s %s  verb %q pattern %q (line %d)\n", e.Source, e.Target, e.Code, d.Tokens[e.Verb].Text, e.Pattern, e.PatternLine)
			}
		}
	}
	return nil
}
