package segment

import (
	"strings"
	"testing"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/internal/shared"
	"github.com/parley-events/parley/reader"
)

func tokens(text string) []string {
	toks, _ := Tokenize(text, 0, nil)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

func TestTokenize(t *testing.T) {
	cases := []struct{ in, want string }{
		{`"Ali Bagheri Kani, [Iranian] deputy foreign minister," the embassy said.`,
			`" Ali Bagheri Kani , [ Iranian ] deputy foreign minister , " the embassy said .`},
		{"Tehran’s priorities and Russia's stance", "Tehran ’s priorities and Russia 's stance"},
		{"the U.S. and the U.K. met Gen. Smith and Lt. Col. Jones on Jan. 5", "the U.S. and the U.K. met Gen. Smith and Lt. Col. Jones on Jan. 5"},
		{"I.H. Aliyev and N.V. Pashinyan signed No. 5", "I.H. Aliyev and N.V. Pashinyan signed No. 5"},
		{"a $1.2 bln. deal for 2.3 million people, 32,300 killed", "a $ 1.2 bln. deal for 2.3 million people , 32,300 killed"},
		{"the Al-Aqsa Mosque and a Gaza-based group", "the Al-Aqsa Mosque and a Gaza-based group"},
		{"Hamas—the group—said... nothing (yet)!", "Hamas — the group — said ... nothing ( yet ) !"},
		{"they don't know; Palestinians’ rights", "they do n't know ; Palestinians ’ rights"},
		{"O'Neill met al-Ba'ath leaders", "O'Neill met al-Ba'ath leaders"},
		{"“Examining the situation,” IRNA reported.", "“ Examining the situation , ” IRNA reported ."},
		{"and condemn Israel's“crimes” against them.", "and condemn Israel 's “ crimes ” against them ."},
	}
	for _, c := range cases {
		if got := strings.Join(tokens(c.in), " "); got != c.want {
			t.Errorf("%s\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

func TestOffsets(t *testing.T) {
	text := "  Iran’s FM met\n\nthe U.S. envoy."
	toks, breaks := Tokenize(text, 0, nil)
	for _, tk := range toks {
		if text[tk.Start:tk.End] != tk.Text {
			t.Errorf("token %q at %d:%d covers %q", tk.Text, tk.Start, tk.End, text[tk.Start:tk.End])
		}
	}
	if len(breaks) != 1 || toks[breaks[0]].Text != "the" {
		t.Errorf("breaks %v", breaks)
	}
	if !toks[0].SpaceAfter == false || toks[0].Text != "Iran" || toks[0].SpaceAfter {
		t.Errorf("Iran SpaceAfter = %v", toks[0].SpaceAfter)
	}
}

func sentences(text string) []string {
	d := &doc.Document{Text: text}
	Segment(d)
	var out []string
	for _, s := range d.Sentences {
		out = append(out, d.SentenceText(s))
	}
	return out
}

func TestSplit(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{`He said. "Tehran’s priorities are clear," the embassy said. Bogdanov also met with Marzouk.`,
			[]string{"He said.", `"Tehran’s priorities are clear," the embassy said.`, "Bogdanov also met with Marzouk."}},
		{"Sanctions hit the U.S. The ministry said so. U.S. officials agreed.",
			[]string{"Sanctions hit the U.S.", "The ministry said so.", "U.S. officials agreed."}},
		{"Gen. Smith met Mr. Jones on Oct. 7. They talked.", []string{"Gen. Smith met Mr. Jones on Oct. 7.", "They talked."}},
		{"He said: \"We will respond.\" Then he left.", []string{"He said: \"We will respond.\"", "Then he left."}},
		{"Hamas Chief Met With Iranian Officials\n\nIsmail Haniyeh was in Tehran.", []string{"Hamas Chief Met With Iranian Officials", "Ismail Haniyeh was in Tehran."}},
		{"The rate rose to 2.5 percent. Prices fell.", []string{"The rate rose to 2.5 percent.", "Prices fell."}},
		{"What now? nobody knows... Really.", []string{"What now? nobody knows...", "Really."}},
		// One paragraph per line, with a headline in title case.
		{"Joint Statement on Additional Strikes Against the Houthis in Yemen\nYesterday, the militaries struck.\nThey said so.",
			[]string{"Joint Statement on Additional Strikes Against the Houthis in Yemen", "Yesterday, the militaries struck.", "They said so."}},
		// A transcript's speaker labels are sentences of their own; an
		// acronym or a headline in capitals is not one.
		{"JOURNALIST How did the talks go?\n\nJANE MWANGI They went well.",
			[]string{"JOURNALIST", "How did the talks go?", "JANE MWANGI", "They went well."}},
		{"QUESTION Will you meet him? REPORTER Ask him again.", []string{"QUESTION", "Will you meet him?", "REPORTER Ask him again."}},
		{"NATO leaders met in Brussels.", []string{"NATO leaders met in Brussels."}},
		{"KENYA AND UGANDA SIGN TRADE PACT\n\nThe deal was signed.", []string{"KENYA AND UGANDA SIGN TRADE PACT", "The deal was signed."}},
		// A line wrapped mid-sentence is not a break.
		{"Russia's foreign minister met with\nIranian officials in Moscow.", []string{"Russia's foreign minister met with\nIranian officials in Moscow."}},
	}
	for _, c := range cases {
		got := sentences(c.in)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%q\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

// The reference article splits into its 12 sentences, the dateline kept
// apart as metadata.
func TestSeedArticle(t *testing.T) {
	p := shared.Path(t, "examples/tass-2023-10-27.txt")
	for d, err := range reader.Documents([]string{p}, reader.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		Segment(d)
		if len(d.Sentences) != 12 {
			for i, s := range d.Sentences {
				t.Logf("%d: %s", i, d.SentenceText(s))
			}
			t.Fatalf("%d sentences, want 12", len(d.Sentences))
		}
		first := d.SentenceText(d.Sentences[0])
		if !strings.HasPrefix(first, "Political Deputy at the Iranian Foreign Ministry") {
			t.Errorf("first sentence %q", first)
		}
		if last := d.SentenceText(d.Sentences[11]); last != "Clashes are underway in the West Bank as well." {
			t.Errorf("last sentence %q", last)
		}
		if d.Sentences[11].Paragraph != 4 {
			t.Errorf("last paragraph %d", d.Sentences[11].Paragraph)
		}
	}
}

// A long line with no punctuation is cut into bounded sentences.
func TestRunawayLine(t *testing.T) {
	d := &doc.Document{Text: strings.Repeat("word ", 100000)}
	Segment(d)
	if len(d.Tokens) != 100000 || len(d.Sentences) != 100000/MaxSentenceTokens {
		t.Fatalf("%d tokens in %d sentences", len(d.Tokens), len(d.Sentences))
	}
}

func FuzzTokenize(f *testing.F) {
	f.Add("MOSCOW, October 27. /TASS/. Political Deputy “Tehran’s” U.S. $1.2 bln... —")
	f.Add("'s n't '' -- —— ...")
	f.Fuzz(func(t *testing.T, text string) {
		d := &doc.Document{Text: text}
		Segment(d)
		prev := 0
		for _, tk := range d.Tokens {
			if tk.Start < prev || tk.End <= tk.Start || tk.End > len(text) || text[tk.Start:tk.End] != tk.Text {
				t.Fatalf("bad token %+v in %q", tk, text)
			}
			prev = tk.End
		}
		n := 0
		for _, s := range d.Sentences {
			if s.First != n || s.Last <= s.First {
				t.Fatalf("sentences do not tile the tokens: %+v", d.Sentences)
			}
			n = s.Last
		}
		if n != len(d.Tokens) {
			t.Fatalf("sentences cover %d of %d tokens", n, len(d.Tokens))
		}
	})
}

func BenchmarkSegment(b *testing.B) {
	text := strings.Repeat(`On Thursday, Russian Deputy Foreign Minister Mikhail Bogdanov met with his Iranian colleague in Moscow. "The two diplomats noted the need for a ceasefire," the U.S. embassy said. `, 50)
	d := &doc.Document{Text: text}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Segment(d)
	}
	b.ReportMetric(float64(len(d.Tokens))*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}
