package kb_test

import (
	"fmt"

	"github.com/parley-events/parley/kb"
)

func Example() {
	k := kb.Default()
	words := []string{"the", "Kremlin", "and", "Ansar", "Allah", "met", "Palestinian", "officials"}

	n, ents := k.Match(words)
	fmt.Println(n, ents[0].Name, ents[0].Country, ents[0].Sector, ents[0].Kind)

	n, ents = k.Match(words[3:])
	fmt.Println(n, ents[0].Name, ents[0].Country, ents[0].Sector)

	country, _ := k.Adjective(words[6])
	_, role := k.Role([]string{"official"})
	fmt.Println(country, role.Sector)

	n, _ = k.Match([]string{"us"})
	fmt.Println(n)
	// Output:
	// 2 Kremlin RUS GOV metonym
	// 2 Houthis YEM REB
	// PSE GOV
	// 0
}
