package kb

import "testing"

func TestEmbeddedDataLoads(t *testing.T) {
	sub := mustSub(t)
	k, err := Load(sub)
	if err != nil {
		t.Fatalf("embedded data has errors:\n%v", err)
	}
	for _, f := range []string{countriesFile} {
		if k.Counts()[f] == 0 {
			t.Errorf("%s: no entries", f)
		}
	}
}
