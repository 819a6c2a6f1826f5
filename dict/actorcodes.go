package dict

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/wordlist"
)

// ActorCodes gives coded actors back their dictionary's CAMEO codes, from
// the actorcodes.tsv and agentcodes.tsv an import writes: parley's own
// tables keep only a country and a PLOVER sector, which cannot tell
// "PSEHMSGOV" from "PSEGOV".
type ActorCodes struct {
	byName map[string][]datedCode // nameKey(name) → codes in file order
	// byRole maps a role phrase (lemma form) to its agent code: "~GOV" is
	// written after the actor's code, "NGO~" before it.
	byRole map[string]string
	// bySector maps a PLOVER sector to the agent code most roles with that
	// sector have, for actors whose role the event does not name.
	bySector map[string]string
}

type datedCode struct{ code, from, to string }

// ReadActorCodes reads actorcodes.tsv, agentcodes.tsv and roles.tsv from
// an imported folder. actorcodes.tsv is required; errors name the file
// and line.
func ReadActorCodes(fsys fs.FS) (*ActorCodes, error) {
	ac := &ActorCodes{byName: map[string][]datedCode{}, byRole: map[string]string{}, bySector: map[string]string{}}
	if err := readFolderTSV(fsys, "actorcodes.tsv", 5, true, func(f []string) error {
		if f[0] == "" || f[1] == "" {
			return fmt.Errorf("name and code are required")
		}
		k := nameKey(f[0])
		ac.byName[k] = append(ac.byName[k], datedCode{f[1], f[2], f[3]})
		return nil
	}); err != nil {
		return nil, err
	}
	if err := readFolderTSV(fsys, "agentcodes.tsv", 3, false, func(f []string) error {
		if f[0] == "" || !strings.Contains(f[1], "~") {
			return fmt.Errorf("want a role and a code with '~' (~GOV or NGO~)")
		}
		if _, dup := ac.byRole[f[0]]; !dup {
			ac.byRole[f[0]] = f[1]
		}
		return nil
	}); err != nil {
		return nil, err
	}
	votes := map[string]map[string]int{} // sector → agent code → roles
	if err := readFolderTSV(fsys, "roles.tsv", 3, false, func(f []string) error {
		if code, ok := ac.byRole[f[0]]; ok && f[1] != "" {
			if votes[f[1]] == nil {
				votes[f[1]] = map[string]int{}
			}
			votes[f[1]][code]++
		}
		return nil
	}); err != nil {
		return nil, err
	}
	for sector, codes := range votes {
		best, n := "", 0
		for code, c := range codes {
			if c > n || c == n && code < best {
				best, n = code, c
			}
		}
		ac.bySector[sector] = best
	}
	return ac, nil
}

// readFolderTSV reads a table written by Write: "#" comments, "-" for
// empty fields.
func readFolderTSV(fsys fs.FS, name string, cols int, required bool, fn func([]string) error) error {
	f, err := fsys.Open(name)
	if err != nil {
		if !required && strings.Contains(err.Error(), "not exist") {
			return nil
		}
		return err
	}
	defer f.Close()
	return wordlist.Rows(name, f, 0, func(_ int, fields []string) error {
		if len(fields) != cols {
			return fmt.Errorf("%d columns, want %d", len(fields), cols)
		}
		for i := range fields {
			if fields[i] = strings.TrimSpace(fields[i]); fields[i] == "-" {
				fields[i] = ""
			}
		}
		return fn(fields)
	})
}

// NameCode returns the dictionary code of the actor called name on day
// (YYYY-MM-DD): as in PETRARCH, the first dated code whose period holds,
// else the first undated one. ok is false for a name the dictionaries do
// not have.
func (ac *ActorCodes) NameCode(name, day string) (code string, ok bool) {
	codes := ac.byName[nameKey(name)]
	for _, c := range codes {
		if c.from == "" && c.to == "" {
			continue
		}
		if (c.from == "" || day >= c.from) && (c.to == "" || day <= c.to) {
			return c.code, true
		}
	}
	for _, c := range codes {
		if c.from == "" && c.to == "" {
			return c.code, true
		}
	}
	return "", false
}

// Code returns the CAMEO code of an event side on day: the code of the
// entity the coder resolved (by its name), or the country's code with the
// agent code of the actor's role (its title, else its sector), as
// PETRARCH joins actor and agent codes. A missing side is "---"; a side
// with a role but no country is "---" with the agent ("---GOV").
func (ac *ActorCodes) Code(a *event.Actor, day string) string {
	if a == nil {
		return "---"
	}
	base, named := ac.NameCode(a.Name, day)
	if named && len(base) > 3 {
		return base // a person or an organisation with its own code
	}
	if !named {
		base = a.Country
		if base == "" {
			base = "---"
		}
	}
	agent := ac.byRole[strings.ToLower(a.Title)]
	if agent == "" && a.Sector != "" {
		agent = ac.bySector[a.Sector]
	}
	switch {
	case strings.HasPrefix(agent, "~"):
		return base + agent[1:]
	case strings.HasSuffix(agent, "~"):
		return agent[:len(agent)-1] + base
	}
	return base
}
