package nlp

import (
	"fmt"
	"strings"
	"testing"

	"github.com/parley-events/parley/doc"
)

// The event coder finds actors and recipients by walking from an event's
// verb or noun to its subject, object, agent and oblique arguments. These
// tests score that path on invented news sentences, one group per way in
// which the parse used to break it. Each sentence lists checks:
//
//	"Gunmen>attacked:nsubj"   Gunmen's head is attacked, relation nsubj
//	"calls>ROOT:root"         calls is the root of the sentence
//	"NAIROBI>*:!nsubj"        NAIROBI may hang anywhere but not as nsubj
//	"calls=VERB"              calls is tagged VERB
//	"reply@2>gave:obj"        the second "reply" of the sentence
//
// A relation without a subtype accepts any subtype (obl accepts
// obl:agent); one with a subtype must match exactly. A class's score is
// the share of its checks that hold.

// newsClass is one failure class: its name, the lowest score the test
// accepts, and its sentences with their checks.
type newsClass struct {
	name  string
	floor float64
	cases []newsCase
}

type newsCase struct {
	text   string
	checks []string
}

var newsClasses = []newsClass{
	{
		// A title-led subject before a present-tense verb: "calls" and
		// "demands" are verbs here, not plural nouns.
		name: "title subject, present tense", floor: 1.0,
		cases: []newsCase{
			{"The Secretary-General calls on all parties to respect the ceasefire.",
				[]string{"calls=VERB", "Secretary-General>calls:nsubj", "parties>calls:obl"}},
			{"The Prime Minister condemns the attack and demands the release of the hostages.",
				[]string{"condemns=VERB", "demands=VERB", "Minister>condemns:nsubj", "attack>condemns:obj", "demands>condemns:conj", "release>demands:obj"}},
			{"The High Commissioner urges Ethiopia to open the border.",
				[]string{"urges=VERB", "Commissioner>urges:nsubj", "Ethiopia>urges:obj"}},
			{"The President warns Moscow against any escalation.",
				[]string{"warns=VERB", "President>warns:nsubj", "Moscow>warns:obj", "escalation>warns:obl"}},
			{"The Foreign Minister rejects the accusations and accuses Kyiv of provocation.",
				[]string{"rejects=VERB", "accuses=VERB", "Minister>rejects:nsubj", "accusations>rejects:obj", "accuses>rejects:conj", "Kyiv>accuses:obj"}},
			{"The Special Envoy welcomes the agreement between the two governments.",
				[]string{"welcomes=VERB", "Envoy>welcomes:nsubj", "agreement>welcomes:obj"}},
			{"The Defence Secretary visits Warsaw and meets Polish officials.",
				[]string{"visits=VERB", "meets=VERB", "Secretary>visits:nsubj", "Warsaw>visits:obj", "meets>visits:conj", "officials>meets:obj"}},
			{"The Chancellor praises the mediators and thanks Qatar for its efforts.",
				[]string{"praises=VERB", "thanks=VERB", "Chancellor>praises:nsubj", "mediators>praises:obj", "thanks>praises:conj", "Qatar>thanks:obj"}},
			{"The Director-General expresses concern over the fighting.",
				[]string{"expresses=VERB", "Director-General>expresses:nsubj", "concern>expresses:obj"}},
			{"The Security Council demands an immediate halt to the attacks.",
				[]string{"demands=VERB", "Council>demands:nsubj", "halt>demands:obj"}},
			{"The Secretary-General strongly condemns the killing of peacekeepers in Mali.",
				[]string{"condemns=VERB", "Secretary-General>condemns:nsubj", "killing>condemns:obj"}},
			{"The Interior Minister orders an inquiry into the shooting.",
				[]string{"orders=VERB", "Minister>orders:nsubj", "inquiry>orders:obj"}},
			{"The Secretary-General calls for restraint and demands their release.",
				[]string{"calls=VERB", "demands=VERB", "Secretary-General>calls:nsubj", "restraint>calls:obl", "demands>calls:conj", "release>demands:obj"}},
		},
	},
	{
		// A long fronted clause or phrase before the subject: the subject
		// belongs to the main verb, not to a noun of the fronted part.
		name: "long fronted clause", floor: 0.8,
		cases: []newsCase{
			{"In response to repeated raids on border posts in the north, on Sunday the armed forces of Kenya and Uganda launched a joint operation.",
				[]string{"forces>launched:nsubj", "operation>launched:obj"}},
			{"After weeks of stalled negotiations over the disputed dam on the Nile, Egyptian officials walked out of the talks.",
				[]string{"officials>walked:nsubj", "talks>walked:obl"}},
			{"Following a series of deadly bombings in markets across the capital, the government declared a state of emergency.",
				[]string{"government>declared:nsubj", "state>declared:obj"}},
			{"Despite strong objections from several members of the opposition in parliament, the ruling coalition approved the budget.",
				[]string{"coalition>approved:nsubj", "budget>approved:obj"}},
			{"Citing threats to the safety of its diplomats in the region, Canada closed its embassy in Tehran.",
				[]string{"Canada>closed:nsubj", "embassy>closed:obj"}},
			{"Two days after the collapse of the ceasefire brokered by Egypt, Israeli jets struck targets in Gaza.",
				[]string{"jets>struck:nsubj", "targets>struck:obj"}},
			{"In a statement issued late on Tuesday by the foreign ministry in Beijing, China accused the Philippines of provocations.",
				[]string{"China>accused:nsubj", "Philippines>accused:obj"}},
			{"Amid rising tensions along the frontier with India, Pakistani troops fired on a border patrol.",
				[]string{"troops>fired:nsubj", "patrol>fired:obl"}},
			{"During a three-day visit to the Gulf states of Qatar and Oman, the Turkish president signed trade agreements.",
				[]string{"president>signed:nsubj", "agreements>signed:obj"}},
			{"Angered by the arrest of a prominent cleric in the southern city of Basra, protesters stormed the provincial council.",
				[]string{"protesters>stormed:nsubj", "council>stormed:obj"}},
			{"On the eve of the summit of African Union leaders in Addis Ababa, Sudanese rebels released forty prisoners.",
				[]string{"rebels>released:nsubj", "prisoners>released:obj"}},
			{"With the support of air strikes by the coalition in the east of the country, government forces recaptured the town.",
				[]string{"forces>recaptured:nsubj", "town>recaptured:obj"}},
		},
	},
	{
		// Coordinated nationality adjectives before an event noun: both
		// modify the noun ("French and German criticism"), neither is an
		// argument of the noun before them.
		name: "coordinated nationalities", floor: 0.8,
		cases: []newsCase{
			{"Bamako issued a reply to French and German criticism of Mali.",
				[]string{"French>criticism:amod", "German>French:conj", "criticism>reply:nmod", "Mali>criticism:nmod"}},
			{"The ministry dismissed American and British accusations against Iran.",
				[]string{"American>accusations:amod", "British>American:conj", "accusations>dismissed:obj", "Iran>accusations:nmod"}},
			{"Beijing responded to Japanese and Australian protests over the exercises.",
				[]string{"Japanese>protests:amod", "Australian>Japanese:conj", "protests>responded:obl"}},
			{"Moscow rejected Polish and Lithuanian demands for compensation.",
				[]string{"Polish>demands:amod", "Lithuanian>Polish:conj", "demands>rejected:obj"}},
			{"The junta welcomed Russian and Chinese offers of military aid.",
				[]string{"Russian>offers:amod", "Chinese>Russian:conj", "offers>welcomed:obj", "aid>offers:nmod"}},
			{"Ankara gave an answer to Greek and Cypriot complaints about the drilling.",
				[]string{"Greek>complaints:amod", "Cypriot>Greek:conj", "complaints>answer:nmod"}},
			{"Kenya backed Ethiopian and Somali calls for a ceasefire.",
				[]string{"Ethiopian>calls:amod", "Somali>Ethiopian:conj", "calls>backed:obj"}},
			{"The statement came in response to Turkish and Iraqi attacks on Kurdish positions.",
				[]string{"Turkish>attacks:amod", "Iraqi>Turkish:conj", "attacks>response:nmod", "positions>attacks:nmod"}},
			{"Caracas denounced Colombian and Brazilian support for the opposition.",
				[]string{"Colombian>support:amod", "Brazilian>Colombian:conj", "support>denounced:obj", "opposition>support:nmod"}},
			{"Israel voiced anger at Spanish and Irish recognition of Palestine.",
				[]string{"Spanish>recognition:amod", "Irish>Spanish:conj", "recognition>anger:nmod", "Palestine>recognition:nmod"}},
			{"The government published a rebuttal to Dutch and Belgian criticism of its asylum policy.",
				[]string{"Dutch>criticism:amod", "Belgian>Dutch:conj", "criticism>rebuttal:nmod", "policy>criticism:nmod"}},
			{"Serbia protested against Albanian and Kosovar claims to the monastery.",
				[]string{"Albanian>claims:amod", "Kosovar>Albanian:conj", "claims>protested:obl"}},
		},
	},
	{
		// A wire dateline before the first sentence: the city is not the
		// subject of the story's verb.
		name: "dateline", floor: 0.8,
		cases: []newsCase{
			{"NAIROBI, Kenya (Reuters) - Gunmen attacked a police station near the Somali border on Friday.",
				[]string{"NAIROBI>*:!nsubj", "Gunmen>attacked:nsubj", "station>attacked:obj"}},
			{"KABUL (AP) — Taliban fighters seized two district centres overnight.",
				[]string{"KABUL>*:!nsubj", "fighters>seized:nsubj", "centres>seized:obj"}},
			{"BEIRUT - Israeli drones struck a car in southern Lebanon, killing two men.",
				[]string{"BEIRUT>*:!nsubj", "drones>struck:nsubj", "car>struck:obj"}},
			{"GENEVA, March 4 - Iran and the European Union resumed talks on the nuclear programme.",
				[]string{"GENEVA>*:!nsubj", "Iran>resumed:nsubj", "talks>resumed:obj"}},
			{"CARACAS, Venezuela — Security forces arrested three opposition leaders on Saturday.",
				[]string{"CARACAS>*:!nsubj", "forces>arrested:nsubj", "leaders>arrested:obj"}},
			{"ADDIS ABABA (Reuters) - Ethiopia accused Eritrea of massing troops on the border.",
				[]string{"ABABA>*:!nsubj", "Ethiopia>accused:nsubj", "Eritrea>accused:obj"}},
			{"MANILA - Chinese coast guard vessels blocked a Philippine supply boat near the shoal.",
				[]string{"MANILA>*:!nsubj", "vessels>blocked:nsubj", "boat>blocked:obj"}},
			{"TRIPOLI, Libya (AP) — Rival militias clashed in the capital for a second day.",
				[]string{"TRIPOLI>*:!nsubj", "militias>clashed:nsubj", "capital>clashed:obl"}},
			{"ISLAMABAD, May 12 - Pakistan expelled an Afghan diplomat over the border incident.",
				[]string{"ISLAMABAD>*:!nsubj", "Pakistan>expelled:nsubj", "diplomat>expelled:obj"}},
			{"KHARTOUM — Paramilitary forces shelled residential areas of Omdurman.",
				[]string{"KHARTOUM>*:!nsubj", "forces>shelled:nsubj", "areas>shelled:obj"}},
			{"SEOUL (Reuters) - North Korea fired a ballistic missile into the sea on Thursday.",
				[]string{"SEOUL>*:!nsubj", "Korea>fired:nsubj", "missile>fired:obj"}},
			{"BOGOTA, Colombia - Rebels freed four soldiers held since January.",
				[]string{"BOGOTA>*:!nsubj", "Rebels>freed:nsubj", "soldiers>freed:obj"}},
		},
	},
	{
		// The agent of a passive verb ("attacked by gunmen") is obl:agent
		// of the verb, not a modifier of a noun near it.
		name: "passive agent", floor: 0.8,
		cases: []newsCase{
			{"The convoy was attacked by gunmen near the village.",
				[]string{"convoy>attacked:nsubj:pass", "gunmen>attacked:obl:agent"}},
			{"A police post in the north was attacked by militants on Monday.",
				[]string{"post>attacked:nsubj:pass", "militants>attacked:obl:agent"}},
			{"The ambassador was summoned by the foreign ministry of Algeria.",
				[]string{"ambassador>summoned:nsubj:pass", "ministry>summoned:obl:agent"}},
			{"Two journalists were detained by security forces at the airport.",
				[]string{"journalists>detained:nsubj:pass", "forces>detained:obl:agent"}},
			{"The peace plan was rejected by the rebel leadership in the east.",
				[]string{"plan>rejected:nsubj:pass", "leadership>rejected:obl:agent"}},
			{"The hospital in the old town was shelled by government artillery overnight.",
				[]string{"hospital>shelled:nsubj:pass", "artillery>shelled:obl:agent"}},
			{"The sanctions were condemned by Russia and China at the Security Council.",
				[]string{"sanctions>condemned:nsubj:pass", "Russia>condemned:obl:agent"}},
			{"A ship carrying grain to Egypt was seized by the navy of Iran.",
				[]string{"ship>seized:nsubj:pass", "navy>seized:obl:agent"}},
			{"The opposition candidate was arrested by police hours after the vote.",
				[]string{"candidate>arrested:nsubj:pass", "police>arrested:obl:agent"}},
			{"The talks in the capital of Qatar were hosted by the emir.",
				[]string{"talks>hosted:nsubj:pass", "emir>hosted:obl:agent"}},
			{"A protest outside the embassy was dispersed by riot police with tear gas.",
				[]string{"protest>dispersed:nsubj:pass", "police>dispersed:obl:agent"}},
			{"The agreement on grain exports was welcomed by the United Nations.",
				[]string{"agreement>welcomed:nsubj:pass", "Nations>welcomed:obl:agent"}},
		},
	},
	{
		// Existential and light-verb sentences: the event is a noun
		// ("support", "attack"), tagged NOUN, and its arguments hang on it.
		name: "existential and light verb", floor: 0.8,
		cases: []newsCase{
			{"There was broad support for the resolution from Brazil, India and South Africa.",
				[]string{"support=NOUN", "There>was:expl", "support>was:nsubj", "resolution>support:nmod"}},
			{"There were clashes between police and protesters in the capital.",
				[]string{"clashes=NOUN", "clashes>were:nsubj", "police>clashes:nmod"}},
			{"There has been no response from Tehran to the proposal.",
				[]string{"response=NOUN", "response>been:nsubj", "Tehran>response:nmod"}},
			{"There were reports of shelling near the nuclear plant.",
				[]string{"reports=NOUN", "reports>were:nsubj", "shelling>reports:nmod"}},
			{"Russia made an offer of talks to Ukraine.",
				[]string{"offer=NOUN", "Russia>made:nsubj", "offer>made:obj", "talks>offer:nmod"}},
			{"Germany gave its backing to the French proposal.",
				[]string{"backing=NOUN", "Germany>gave:nsubj", "backing>gave:obj"}},
			{"The rebels launched an attack on the army base.",
				[]string{"attack=NOUN", "rebels>launched:nsubj", "attack>launched:obj", "base>attack:nmod"}},
			{"Egypt held talks with Hamas in Cairo.",
				[]string{"talks=NOUN", "Egypt>held:nsubj", "talks>held:obj"}},
			{"There is growing pressure on Israel from its allies.",
				[]string{"pressure=NOUN", "pressure>is:nsubj", "Israel>pressure:nmod"}},
			{"The European Union issued a warning to Belarus.",
				[]string{"warning=NOUN", "Union>issued:nsubj", "warning>issued:obj"}},
			{"There was strong condemnation of the coup from African leaders.",
				[]string{"condemnation=NOUN", "condemnation>was:nsubj", "coup>condemnation:nmod"}},
			{"Turkey carried out strikes on Kurdish positions in Syria.",
				[]string{"strikes=NOUN", "Turkey>carried:nsubj", "strikes>carried:obj", "positions>strikes:nmod"}},
			{"There has been an increase in attacks on aid convoys.",
				[]string{"increase=NOUN", "increase>been:nsubj", "attacks>increase:nmod"}},
		},
	},
}

// TestNewsClasses parses every sentence of newsClasses and checks each
// class's score against its floor.
func TestNewsClasses(t *testing.T) {
	total, passed := 0, 0
	for _, c := range newsClasses {
		if len(c.cases) < 10 {
			t.Errorf("%s: %d sentences, want at least 10", c.name, len(c.cases))
		}
		n, ok := 0, 0
		for _, nc := range c.cases {
			d := &doc.Document{Text: nc.text}
			Annotate(d)
			if len(d.Sentences) != 1 {
				t.Errorf("%q: %d sentences, want 1", nc.text, len(d.Sentences))
				continue
			}
			for _, ch := range nc.checks {
				n++
				if err := checkNews(d.Tokens, ch); err != nil {
					t.Logf("%s: %q: %v", c.name, nc.text, err)
				} else {
					ok++
				}
			}
		}
		score := float64(ok) / float64(n)
		t.Logf("%-30s %3d/%3d checks  %.3f (floor %.2f)", c.name, ok, n, score, c.floor)
		if score < c.floor {
			t.Errorf("%s: %.3f of checks hold, want at least %.2f", c.name, score, c.floor)
		}
		total += n
		passed += ok
	}
	t.Logf("all classes: %d/%d checks %.3f", passed, total, float64(passed)/float64(total))
}

// checkNews applies one check (see the comment on newsClasses) to the tokens
// of a one-sentence document; it returns nil when the check holds.
func checkNews(toks []doc.Token, check string) error {
	find := func(ref string) (int, error) {
		word, nth := ref, 1
		if i := strings.LastIndexByte(ref, '@'); i > 0 {
			word = ref[:i]
			fmt.Sscan(ref[i+1:], &nth)
		}
		for i, t := range toks {
			if t.Text == word {
				if nth--; nth == 0 {
					return i, nil
				}
			}
		}
		return -1, fmt.Errorf("check %q: no word %q in the sentence", check, ref)
	}
	if dep, tagWant, ok := strings.Cut(check, "="); ok {
		i, err := find(dep)
		if err != nil {
			return err
		}
		if toks[i].UPOS != tagWant {
			return fmt.Errorf("%s tagged %s, want %s", dep, toks[i].UPOS, tagWant)
		}
		return nil
	}
	dep, rest, ok := strings.Cut(check, ">")
	head, rel, ok2 := strings.Cut(rest, ":")
	if !ok || !ok2 {
		return fmt.Errorf("malformed check %q", check)
	}
	d, err := find(dep)
	if err != nil {
		return err
	}
	got := toks[d]
	gotHead := "ROOT"
	if got.Head >= 0 {
		gotHead = toks[got.Head].Text
	}
	describe := func() error {
		return fmt.Errorf("%s: got %s>%s:%s", check, dep, gotHead, got.Rel)
	}
	switch head {
	case "*":
	case "ROOT":
		if got.Head != -1 {
			return describe()
		}
	default:
		h, err := find(head)
		if err != nil {
			return err
		}
		if got.Head != h {
			return describe()
		}
	}
	base, _, _ := strings.Cut(got.Rel, ":")
	if not, ok := strings.CutPrefix(rel, "!"); ok {
		if got.Rel == not || base == not {
			return describe()
		}
		return nil
	}
	if got.Rel != rel && (strings.Contains(rel, ":") || base != rel) {
		return describe()
	}
	return nil
}
