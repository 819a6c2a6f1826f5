package dict

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/parley-events/parley/event"
)

// Actors get their dictionary's codes back: a person's dated code on the
// record's day, a country's code joined with its role's agent code.
func TestActorCodes(t *testing.T) {
	fsys := fstest.MapFS{
		"actorcodes.tsv": {Data: []byte("# name\tcode\tfrom\tto\tsource\n" +
			"Gollum\tHOB\t-\t1995-06-01\ta:1\nGollum\tHOBGOV\t1995-06-02\t1999-08-15\ta:2\nGollum\tHOBREB\t1999-08-16\t-\ta:3\n" +
			"Arnor\tARN\t-\t-\ta:4\nHamas Military Command\tPSEHMSGOV\t-\t-\ta:5\n")},
		"agentcodes.tsv": {Data: []byte("foreign minister\t~GOVFRM\tb:1\npresident\t~GOV\tb:2\nminister\t~GOV\tb:3\nngo worker\tNGO~\tb:4\n")},
		"roles.tsv":      {Data: []byte("foreign minister\tGOV\tperson\npresident\tGOV\tperson\nminister\tGOV\tperson\nngo worker\tNGO\tperson\n")},
	}
	ac, err := ReadActorCodes(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		a    *event.Actor
		day  string
		want string
	}{
		{&event.Actor{Name: "Gollum", Country: "HOB"}, "1995-01-01", "HOB"},
		{&event.Actor{Name: "Gollum", Country: "HOB", Sector: "GOV"}, "1997-01-01", "HOBGOV"},
		{&event.Actor{Name: "Smeagol's friend Gollum", Country: "HOB"}, "2001-01-01", "HOB"}, // not a dictionary name
		{&event.Actor{Name: "GOLLUM", Country: "HOB"}, "2001-01-01", "HOBREB"},
		{&event.Actor{Name: "Hamas Military Command", Country: "PSE", Sector: "GOV"}, "2001-01-01", "PSEHMSGOV"},
		{&event.Actor{Name: "Arnor", Country: "ARN"}, "2001-01-01", "ARN"},
		{&event.Actor{Name: "Arnor", Country: "ARN", Sector: "GOV", Title: "foreign minister"}, "2001-01-01", "ARNGOVFRM"},
		{&event.Actor{Name: "the Arnorian envoy", Country: "ARN", Sector: "GOV"}, "2001-01-01", "ARNGOV"},
		{&event.Actor{Name: "aid workers", Country: "ARN", Sector: "NGO"}, "2001-01-01", "NGOARN"},
		{&event.Actor{Name: "officials", Sector: "GOV"}, "2001-01-01", "---GOV"},
		{nil, "2001-01-01", "---"},
	} {
		if got := ac.Code(c.a, c.day); got != c.want {
			t.Errorf("Code(%+v, %s) = %s, want %s", c.a, c.day, got, c.want)
		}
	}
	if _, err := ReadActorCodes(fstest.MapFS{"actorcodes.tsv": {Data: []byte("Gollum\tHOB\n")}}); err == nil ||
		!strings.Contains(err.Error(), "actorcodes.tsv:1: 2 columns, want 5") {
		t.Errorf("bad actorcodes.tsv: %v", err)
	}
}
