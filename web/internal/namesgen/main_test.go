package main

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"testing"
)

// TestNamesCurrent checks that assets/names.json is what the knowledge
// base gives now: run go generate ./web after changing kb/data.
func TestNamesCurrent(t *testing.T) {
	n, err := Build("../../../kb/data")
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(n); err != nil {
		t.Fatal(err)
	}
	have, err := os.ReadFile("../../assets/names.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, want.Bytes()) {
		t.Error("web/assets/names.json is out of date with kb/data: run go generate ./web")
	}
	if !slices.Contains(n.Roles, "villager") || !slices.Contains(n.Roles, "official") {
		t.Errorf("role nouns lack villager or official: %d roles", len(n.Roles))
	}
	if pse := n.Countries["PSE"]; pse.Name != "Palestine" || !slices.Contains(pse.Words, "palestinians") {
		t.Errorf("PSE: %+v", pse)
	}
}
