package event

import "testing"

func TestTypes(t *testing.T) {
	types := Types()
	seen := map[Type]bool{}
	for _, ty := range types {
		if !ty.Valid() || seen[ty] {
			t.Errorf("%s: invalid or listed twice", ty)
		}
		seen[ty] = true
	}
	if len(seen) != 16 {
		t.Errorf("%d types, want PLOVER's 16", len(seen))
	}
	for _, ty := range []Type{"", "assault", "ATTACK"} {
		if ty.Valid() {
			t.Errorf("%q is valid", ty)
		}
	}
	for _, m := range []Modality{Asserted, Negated, Future, Hypothetical, Conditional} {
		if !m.Valid() {
			t.Errorf("%s is not valid", m)
		}
	}
	if Modality("past").Valid() {
		t.Error(`"past" is a valid modality`)
	}
}
