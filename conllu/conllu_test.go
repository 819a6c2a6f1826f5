package conllu

import (
	"bytes"

	"github.com/parley-events/parley/internal/shared"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	in := "# sent_id = s1\n# text = Hamas met.\n1\tHamas\tHamas\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n" +
		"2\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n"
	s, err := Read(bytes.NewBufferString(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(s) != 1 || len(s[0].Words) != 3 || s[0].Words[1].Lemma != "meet" || s[0].Words[1].SpaceAfter {
		t.Fatalf("read %+v", s)
	}
	var out bytes.Buffer
	if err := Write(&out, s); err != nil {
		t.Fatal(err)
	}
	s2, err := Read(&out)
	if err != nil || len(s2[0].Words) != 3 || s2[0].Words[0].Head != 2 || s2[0].Text != "Hamas met." {
		t.Fatalf("round trip: %+v %v", s2, err)
	}
}

func TestReadEWT(t *testing.T) {
	s, err := ReadFile(shared.Path(t, "data/ud/en_ewt-ud-train.conllu.gz"))
	if err != nil {
		t.Fatal(err)
	}
	if len(s) < 12000 {
		t.Fatalf("EWT train: %d sentences, want > 12000", len(s))
	}
}

func TestMalformed(t *testing.T) {
	if _, err := Read(bytes.NewBufferString("1\tx\n")); err == nil {
		t.Fatal("want an error for a short line")
	}
}
