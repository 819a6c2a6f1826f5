package coder

import "testing"

// Arguments found from grammar, each class with paraphrases of our own and
// a sentence that must not match.
func TestGrammarFrames(t *testing.T) {
	cases := []struct {
		class string
		text  string
		want  []want
		not   []want
	}{
		// A passive verb whose pattern has words after its recipient:
		// the subject is the recipient, the "by" phrase the actor.
		{"passive with a pattern word after the recipient", "Serbia was urged by Hungary to lift the border controls.", []want{{"REQUEST", "HUN", "SRB", false}}, nil},
		{"passive with a pattern word after the recipient", "Peru was pressed by Chile to reopen its consulate.", nil, []want{{"REQUEST", "PER", "CHL", false}}},
		{"passive with a pattern word after the recipient", "Mali was accused by Algeria of hosting the rebels.", []want{{"ACCUSE", "DZA", "MLI", false}}, nil},
		{"passive with a pattern word after the recipient", "Nepal was urged by India to release the detained traders.", []want{{"REQUEST", "IND", "NPL", false}}, nil},
		{"passive with a pattern word after the recipient", "Uganda urged Rwanda to withdraw its envoy.", []want{{"REQUEST", "UGA", "RWA", false}}, []want{{"REQUEST", "RWA", "UGA", false}}},
		// Two subjects the parse did not coordinate are both actors.
		{"subjects the parse left uncoordinated", "Canada and Australia bombed rebel depots in Somalia on Friday.", []want{{"ASSAULT", "CAN", "SOM", false}, {"ASSAULT", "AUS", "SOM", false}}, nil},
		{"subjects the parse left uncoordinated", "France and Germany condemned the killings.", []want{{"ACCUSE", "FRA", "", false}, {"ACCUSE", "DEU", "", false}}, nil},
		{"subjects the parse left uncoordinated", "Qatar and Egypt welcomed the truce.", []want{{"SUPPORT", "QAT", "", false}, {"SUPPORT", "EGY", "", false}}, nil},
		{"subjects the parse left uncoordinated", "Turkey, which borders Syria, shelled Kurdish positions.", nil, []want{{"ASSAULT", "SYR", "", false}}},
		// The object of a relative clause is the noun it describes.
		{"relative clause object", "The Georgian port, which Russian drones hit at dawn, was closed.", []want{{"ASSAULT", "RUS", "GEO", false}}, nil},
		{"relative clause object", "The four Afghan traders whom Iranian guards detained on Tuesday were freed.", []want{{"COERCE", "IRN", "AFG", false}}, nil},
		{"relative clause object", "The two Kenyan reporters whom Ugandan soldiers detained on Friday were released on Sunday.", []want{{"COERCE", "UGA", "KEN", false}}, nil},
		{"relative clause object", "The Syrian town that Turkish drones bombed overnight was evacuated.", []want{{"ASSAULT", "TUR", "SYR", false}}, nil},
		{"relative clause object", "The Chinese diplomat who criticised Japan left Tokyo.", []want{{"ACCUSE", "CHN", "JPN", false}}, []want{{"ACCUSE", "JPN", "CHN", false}}},
		// "it" and "the group" refer back to an organisation or country.
		{"pronoun and definite description", "Al-Shabaab has held parts of Somalia for years. On Monday it attacked Kenya.", []want{{"ASSAULT", "SOM", "KEN", false}}, nil},
		{"pronoun and definite description", "Hezbollah operates along the border. The group shelled Israel overnight.", []want{{"ASSAULT", "LBN", "ISR", false}}, nil},
		{"pronoun and definite description", "Russia said it had struck Ukrainian positions.", []want{{"ASSAULT", "RUS", "UKR", false}}, nil},
		{"pronoun and definite description", "The Houthi movement seized a tanker on Monday. On Tuesday the movement attacked Israel.", []want{{"ASSAULT", "YEM", "ISR", false}}, nil},
		{"pronoun and definite description", "Iran praised Iraq. It is clear that the talks helped.", nil, []want{{"SUPPORT", "IRN", "IRN", false}}},
		// "between A and B": the sides of an event noun, each the other's.
		{"event noun between two sides", "Talks between the Spanish and Moroccan interior ministers took place in Rabat.", []want{{"CONSULT", "ESP", "MAR", true}}, nil},
		{"event noun between two sides", "The accord between Chad and Sudan ended a long dispute.", []want{{"AGREE", "TCD", "SDN", true}}, nil},
		{"event noun between two sides", "Negotiations between Egypt and Ethiopia resumed on Monday.", []want{{"CONSULT", "EGY", "ETH", true}}, nil},
		{"event noun between two sides", "The border between Kenya and Somalia stayed open.", nil, []want{{"CONSULT", "KEN", "SOM", true}, {"AGREE", "KEN", "SOM", true}, {"ASSAULT", "KEN", "SOM", true}}},
		// Coordinated nationality adjectives over one noun: one side each.
		{"coordinated nationality adjectives", "Indian and Chinese border troops exchanged fire in Ladakh.", []want{{"ASSAULT", "IND", "CHN", true}}, nil},
		{"coordinated nationality adjectives", "Serbian and Croatian units exchanged fire.", []want{{"ASSAULT", "SRB", "HRV", true}}, nil},
		{"coordinated nationality adjectives", "Israel struck Iranian and Syrian targets overnight.", []want{{"ASSAULT", "ISR", "IRN", false}, {"ASSAULT", "ISR", "SYR", false}}, nil},
		{"coordinated nationality adjectives", "Iranian forces struck Kurdish militants in Iraq.", nil, []want{{"ASSAULT", "IRQ", "IRN", false}}},
		// Where two named sides met is no third side.
		{"meeting place", "Chile's and Peru's trade ministers met in Lima on Friday.", []want{{"CONSULT", "CHL", "PER", true}}, nil},
		{"meeting place", "The Polish and Czech prime ministers met in Prague.", []want{{"CONSULT", "POL", "CZE", true}}, nil},
		{"meeting place", "India and China met in Moscow.", []want{{"CONSULT", "IND", "CHN", true}}, []want{{"CONSULT", "IND", "RUS", false}}},
		// What an event noun did, told by a verb, is no second event.
		{"outcome of an event noun", "Russia's strikes on Odesa killed nine people overnight.", []want{{"ASSAULT", "RUS", "UKR", false}}, []want{{"ASSAULT", "RUS", "", false}}},
		{"outcome of an event noun", "The strikes by Russian jets on Idlib destroyed a hospital.", []want{{"ASSAULT", "RUS", "SYR", false}}, []want{{"ASSAULT", "RUS", "", false}}},
		{"outcome of an event noun", "Russian shelling of Kharkiv wounded five civilians.", []want{{"ASSAULT", "RUS", "UKR", false}}, []want{{"ASSAULT", "RUS", "", false}}},
		{"outcome of an event noun", "Israeli troops killed three Palestinians in Jenin.", []want{{"ASSAULT", "ISR", "PSE", false}}, nil},
		// A passive agent the parse hung on the phrase before it.
		{"passive agent attached too low", "Food aid was delivered to Sudan by Qatar last week.", []want{{"AID", "QAT", "SDN", false}}, nil},
		{"passive agent attached too low", "Ukraine was attacked by Russia on Monday.", []want{{"ASSAULT", "RUS", "UKR", false}}, nil},
		{"passive agent attached too low", "Iran was urged by Germany to free the sailors.", []want{{"REQUEST", "DEU", "IRN", false}}, nil},
		{"passive agent attached too low", "Aid was delivered to Yemen by road.", nil, []want{{"AID", "YEM", "YEM", false}}},
		// "X, which ..." when the parse made the relative clause the main one.
		{"relative clause subject", "Colombia, which urged Venezuela on Friday to hold new elections, has closed a crossing.", []want{{"REQUEST", "COL", "VEN", false}}, nil},
		{"relative clause subject", "London, which warned Moscow last week against testing missiles, says it is watching.", []want{{"THREATEN", "GBR", "RUS", false}}, nil},
		{"relative clause subject", "Egypt, which hosted the talks, praised Qatar.", []want{{"SUPPORT", "EGY", "QAT", false}}, nil},
		// A light verb's event noun keeps its own recipient slot.
		{"light verb and event noun", "Iran held talks with Iraq on Sunday.", []want{{"CONSULT", "IRN", "IRQ", true}}, nil},
		{"light verb and event noun", "The Brazilian trade minister held talks with his Argentine counterpart in Brasilia.", []want{{"CONSULT", "BRA", "ARG", true}}, nil},
		{"light verb and event noun", "Japan held a meeting with South Korea.", []want{{"CONSULT", "JPN", "KOR", true}}, nil},
		{"light verb and event noun", "Chad held consultations with Sudan on Monday.", []want{{"CONSULT", "TCD", "SDN", true}}, nil},
		{"light verb and event noun", "Chad held a rally with Sudanese flags.", nil, []want{{"CONSULT", "TCD", "SDN", true}}},
		// A recipient the frames read from a complement clause stands.
		{"recipient in a complement clause", "Ghana demanded that Togo reopen the road at Aflao.", []want{{"REQUEST", "GHA", "TGO", false}}, nil},
		{"recipient in a complement clause", "Kenya demanded that Somalia withdraw its troops.", []want{{"REQUEST", "KEN", "SOM", false}}, nil},
		{"recipient in a complement clause", "Egypt urged that Ethiopia halt the filling of the dam at Guba.", []want{{"REQUEST", "EGY", "ETH", false}}, nil},
		// Scheduled and expected acts have not happened yet.
		{"scheduled act", "Mongolia and Kazakhstan are set to sign a trade pact next month.", nil, []want{{"AGREE", "MNG", "KAZ", true}}},
		{"scheduled act", "Iran is likely to strike Israel.", nil, []want{{"ASSAULT", "IRN", "ISR", false}}},
		{"scheduled act", "Egypt is due to sign an agreement with Sudan.", nil, []want{{"AGREE", "EGY", "SDN", true}}},
		{"scheduled act", "Egypt signed an agreement with Sudan, as set out in the plan.", []want{{"AGREE", "EGY", "SDN", true}}, nil},
		// A symmetric act with "with +" is also told with both sides as subject.
		{"symmetric act with coordinated subjects", "Oman and Qatar shared intelligence on smuggling networks.", []want{{"COOPERATE", "OMN", "QAT", true}}, nil},
		{"symmetric act with coordinated subjects", "Jordan and Iraq exchanged intelligence about the attack.", []want{{"COOPERATE", "JOR", "IRQ", true}}, nil},
		{"symmetric act with coordinated subjects", "Jordan shared intelligence with Iraq.", []want{{"COOPERATE", "JOR", "IRQ", true}}, nil},
		{"symmetric act with coordinated subjects", "Jordan shared intelligence about the attack.", nil, []want{{"COOPERATE", "JOR", "", false}}},
		// What a warning is against has not happened.
		{"warned against an act", "A Kenyan official said Nairobi had warned Kampala against closing the border.", nil, []want{{"COERCE", "KEN", "", false}, {"COERCE", "UGA", "", false}}},
		{"warned against an act", "Japan warned China against attacking Taiwan.", []want{{"THREATEN", "JPN", "CHN", false}}, []want{{"ASSAULT", "JPN", "TWN", false}, {"ASSAULT", "CHN", "TWN", false}}},
		{"warned against an act", "Britain cautioned Russia against invading Moldova.", nil, []want{{"ASSAULT", "GBR", "MDA", false}, {"ASSAULT", "RUS", "MDA", false}}},
		{"warned against an act", "China attacked Taiwan despite the warnings.", []want{{"ASSAULT", "CHN", "TWN", false}}, nil},
		// "its" forces are the forces of the body named before.
		{"possessive pronoun", "As the Azerbaijani defence ministry put it, its units shelled an Armenian post near Sotk.", []want{{"ASSAULT", "AZE", "ARM", false}}, nil},
		{"possessive pronoun", "The Saudi army said its warplanes had bombed a Houthi depot in Saada.", []want{{"ASSAULT", "SAU", "YEM", false}}, nil},
		{"possessive pronoun", "The Turkish army said its jets struck Kurdish militants in Iraq.", []want{{"ASSAULT", "TUR", "IRQ", false}}, nil},
		{"possessive pronoun", "Iraq said the Turkish jets struck its territory.", []want{{"ASSAULT", "TUR", "IRQ", false}}, []want{{"ASSAULT", "IRQ", "IRQ", false}}},
		// An office written with a non-breaking hyphen is the same office.
		{"typographic hyphen", "The Secretary\u2011General condemned the attack by M23.", []want{{"ACCUSE", "UNO", "COD", false}}, nil},
		{"typographic hyphen", "The Secretary\u2010General welcomed the agreement signed by Ethiopia.", []want{{"SUPPORT", "UNO", "ETH", false}}, nil},
		{"typographic hyphen", "The Under\u2011Secretary\u2011General for Political Affairs briefed the Council.", nil, []want{{"CONSULT", "UNO", "UNO", false}}},
		// "X-led": the side that leads; "X-backed" is not that side.
		{"led by a country", "A Saudi-led coalition bombed Sanaa on Monday.", []want{{"ASSAULT", "SAU", "YEM", false}}, nil},
		{"led by a country", "The French-led force struck militants in northern Mali.", []want{{"ASSAULT", "FRA", "MLI", false}}, nil},
		{"led by a country", "A Nigerian-led mission shelled rebel camps in Gambia.", []want{{"ASSAULT", "NGA", "GMB", false}}, nil},
		{"led by a country", "Iranian-backed militias attacked US forces in Syria.", nil, []want{{"ASSAULT", "IRN", "USA", false}}},
		// "them" refers back to a group named by an irregular plural.
		{"plural pronoun", "Three Ghanaian fishermen drifted into Togolese waters on Monday. The Togolese navy detained them on Tuesday.", []want{{"COERCE", "TGO", "GHA", false}}, nil},
		{"plural pronoun", "Two Somali traders reached Nairobi by road. Kenyan police arrested them there.", []want{{"COERCE", "KEN", "SOM", false}}, nil},
		{"plural pronoun", "Four Chadian soldiers entered Sudan. Sudanese police detained them near Geneina.", []want{{"COERCE", "SDN", "TCD", false}}, nil},
		{"plural pronoun", "The Kenyan minister visited Uganda. Ugandan police arrested them.", nil, []want{{"COERCE", "UGA", "KEN", false}}},
		// An event noun that only modifies another noun is a kind of thing.
		{"event noun as a modifier", "A Turkish party's attack ads angered Greece.", nil, []want{{"ASSAULT", "TUR", "TUR", false}, {"ASSAULT", "TUR", "GRC", false}}},
		{"event noun as a modifier", "Egypt bought French attack helicopters.", nil, []want{{"ASSAULT", "FRA", "", false}, {"ASSAULT", "EGY", "", false}}},
		{"event noun as a modifier", "The protest organisers in Nairobi were questioned by Kenyan police.", nil, []want{{"PROTEST", "KEN", "", false}}},
		{"event noun as a modifier", "A Turkish attack on Greek boats angered Athens.", []want{{"ASSAULT", "TUR", "GRC", false}}, nil},
		// Hostile words in a sentence about sport are plays of a game.
		{"sport", "Ghana beat Togo in the football final.", nil, []want{{"ASSAULT", "GHA", "TGO", false}}},
		{"sport", "Ethiopian athletes attacked on the last hill and took the Boston marathon.", nil, []want{{"ASSAULT", "ETH", "USA", false}}},
		{"sport", "India beat Sri Lanka by four wickets in Dubai.", nil, []want{{"ASSAULT", "IND", "LKA", false}}},
		{"sport", "Ugandan soldiers beat Kenyan traders at the border.", []want{{"ASSAULT", "UGA", "KEN", false}}, nil},
		// Judging an act is aimed at whoever did it.
		{"judgement of an act", "Uganda denounced the raid conducted by the Allied Democratic Forces.", []want{{"ACCUSE", "UGA", "COD", false}}, nil},
		{"judgement of an act", "Kenya praised the agreement signed by Ethiopia.", []want{{"SUPPORT", "KEN", "ETH", false}}, nil},
		{"judgement of an act", "France praised the deal reached by Serbia and Kosovo.", []want{{"SUPPORT", "FRA", "SRB", false}, {"SUPPORT", "FRA", "KOS", false}}, nil},
		{"judgement of an act", "Egypt condemned the raid launched by Israeli forces.", []want{{"ACCUSE", "EGY", "ISR", false}}, nil},
		{"judgement of an act", "Kenya praised the agreement that Eritrea signed in Ethiopia.", []want{{"SUPPORT", "KEN", "ERI", false}}, []want{{"SUPPORT", "KEN", "ETH", false}}},
		{"judgement of an act", "Chile denounced the strikes which Argentine jets launched overnight.", []want{{"ACCUSE", "CHL", "ARG", false}}, nil},
		{"judgement of an act", "Ghana welcomed the truce the armies of Mali and Niger agreed on Sunday.", []want{{"SUPPORT", "GHA", "MLI", false}, {"SUPPORT", "GHA", "NER", false}}, nil},
		{"judgement of an act", "Peru condemned the deal that ended the dispute with Bolivia.", nil, []want{{"ACCUSE", "PER", "BOL", false}}},
		// A title the parse hangs on the name that follows it gives the
		// name its country and office.
		{"title before a name", "The President of Chile Mario Soto met today with his Peruvian counterpart.", []want{{"CONSULT", "CHL", "PER", true}}, nil},
		{"title before a name", "The Interior Minister of Ghana Kofi Mensah condemned Togo.", []want{{"ACCUSE", "GHA", "TGO", false}}, nil},
		{"title before a name", "The Foreign Minister of Nepal Bimal Thapa praised India.", []want{{"SUPPORT", "NPL", "IND", false}}, nil},
		{"title before a name", "The minister met Mario Soto in Lima.", nil, []want{{"CONSULT", "PER", "", true}}},
		// A surname after a middle initial names the person the
		// knowledge base knows by that surname.
		{"middle initial", "Mikhail V. Lavrov met the Japanese foreign minister in Tokyo.", []want{{"CONSULT", "RUS", "JPN", true}}, nil},
		{"middle initial", "Sergei V. Lavrov criticised Estonia.", []want{{"ACCUSE", "RUS", "EST", false}}, nil},
		{"middle initial", "On Friday, Michael R. Pompeo praised Kenya.", []want{{"SUPPORT", "USA", "KEN", false}}, nil},
		{"middle initial", "Michael R. Lavrovsky praised Kenya.", nil, []want{{"SUPPORT", "RUS", "KEN", false}}},
		// A tensed verb coordinated after a clause with a modal has its
		// own tense and subject: "would" or "not" does not reach it, and
		// it is coordinated with the verb that governs that clause.
		{"tensed conjunct after a modal clause", "The Ugandan envoy said the border would reopen and urged Kenya to show restraint.", []want{{"REQUEST", "UGA", "KEN", false}}, nil},
		{"tensed conjunct after a modal clause", "Chile expected that the talks would resume and praised Peru.", []want{{"SUPPORT", "CHL", "PER", false}}, nil},
		{"tensed conjunct after a modal clause", "Egypt said the crossing would open soon and praised Qatar.", []want{{"SUPPORT", "EGY", "QAT", false}}, nil},
		{"tensed conjunct after a modal clause", "India said it would not attack and condemned Pakistan.", []want{{"ACCUSE", "IND", "PAK", false}}, []want{{"ASSAULT", "IND", "PAK", false}}},
		{"tensed conjunct after a modal clause", "Chile will meet Peru and sign the accord with Bolivia.", nil, []want{{"CONSULT", "CHL", "PER", true}, {"AGREE", "CHL", "BOL", true}}},
		// A series of three or more sides, however the parse links it.
		{"series of sides", "Kenya, Uganda and Tanzania condemned the attack on Rwanda.", []want{{"ACCUSE", "KEN", "", false}, {"ACCUSE", "UGA", "", false}, {"ACCUSE", "TZA", "", false}}, nil},
		{"series of sides", "Chile, Peru and Bolivia praised Ecuador.", []want{{"SUPPORT", "CHL", "ECU", false}, {"SUPPORT", "PER", "ECU", false}, {"SUPPORT", "BOL", "ECU", false}}, nil},
		{"series of sides", "Norway, Sweden and Finland criticised Russia on Friday.", []want{{"ACCUSE", "NOR", "RUS", false}, {"ACCUSE", "SWE", "RUS", false}, {"ACCUSE", "FIN", "RUS", false}}, nil},
		{"series of sides", "Kenya, the largest economy in the region, praised Uganda.", []want{{"SUPPORT", "KEN", "UGA", false}}, []want{{"SUPPORT", "UGA", "UGA", false}}},
		// "the attack" is the latest attack reported, unless it names
		// another target.
		{"the act reported before", "Iranian forces attacked Israel on Monday. Kenya condemned the attack.", []want{{"ACCUSE", "KEN", "IRN", false}}, nil},
		{"the act reported before", "Iranian forces attacked Israel on Monday. Kenya condemned the attack on Israel.", []want{{"ACCUSE", "KEN", "IRN", false}}, nil},
		{"the act reported before", "Rebels from Sudan shelled Chad on Monday. Niger condemned the shelling.", []want{{"ACCUSE", "NER", "SDN", false}}, nil},
		{"the act reported before", "Iranian forces attacked Israel on Monday. Kenya condemned the attack on Rwanda.", nil, []want{{"ACCUSE", "KEN", "IRN", false}}},
		// A pattern word may be a word class: "deliver @relief to +".
		{"word class in a pattern", "Qatar sent medicine and tents to Sudan.", []want{{"AID", "QAT", "SDN", false}}, nil},
		{"word class in a pattern", "Germany shipped howitzers to Ukraine.", []want{{"AID", "DEU", "UKR", false}}, nil},
		{"word class in a pattern", "The Norwegian agency delivered food to Yemen on Friday.", []want{{"AID", "NOR", "YEM", false}}, nil},
		{"word class in a pattern", "Japan delivered a message to China.", nil, []want{{"AID", "JPN", "CHN", false}}},
		// The "of" phrase of an event noun that takes no "of" recipient is
		// its actor; of one that does, its recipient.
		{"of phrase of an event noun", "The arrest of Kenyan traders by Ugandan police angered Nairobi.", []want{{"COERCE", "UGA", "KEN", false}}, []want{{"COERCE", "KEN", "", false}}},
		// A role phrase with a coordinated "of" phrase is one side per
		// country.
		{"coordinated of phrase of a role", "The Chinese envoy met the foreign ministers of Kenya and Uganda in Nairobi.", []want{{"CONSULT", "CHN", "KEN", true}, {"CONSULT", "CHN", "UGA", true}}, nil},
		{"coordinated of phrase of a role", "Turkey criticised the leaders of Greece and Cyprus.", []want{{"ACCUSE", "TUR", "GRC", false}, {"ACCUSE", "TUR", "CYP", false}}, nil},
		{"coordinated of phrase of a role", "Brazil praised the presidents of Chile and Peru.", []want{{"SUPPORT", "BRA", "CHL", false}, {"SUPPORT", "BRA", "PER", false}}, nil},
		{"coordinated of phrase of a role", "Brazil praised the ministers of Chile on Monday.", []want{{"SUPPORT", "BRA", "CHL", false}}, []want{{"SUPPORT", "BRA", "BRA", false}}},
		// "fighting between A and B" with no subject: the sides, one
		// event for the pair; a verb with a subject keeps it.
		{"gerund between two sides", "Fighting between Ethiopian and Eritrean units resumed on Monday.", []want{{"ASSAULT", "ETH", "ERI", true}}, nil},
		{"gerund between two sides", "Fighting between Indian and Chinese border troops erupted on Monday.", []want{{"ASSAULT", "IND", "CHN", true}}, nil},
		{"gerund between two sides", "Fighting between Chad and Sudan flared again near the border.", []want{{"ASSAULT", "TCD", "SDN", true}}, nil},
		{"gerund between two sides", "Qatar mediated between Israel and Hamas.", []want{{"CONSULT", "QAT", "ISR", false}}, []want{{"CONSULT", "ISR", "PSE", true}}},
		// A passive verb's "by" agent the parse hung on the phrase before
		// it is the agent, not part of the recipient.
		{"passive agent under the slot phrase", "Troops were deployed to the Eritrean border by Sudan on Monday.", []want{{"MOBILIZE", "SDN", "ERI", false}}, nil},
		{"passive agent under the slot phrase", "Soldiers were deployed to the Malian border by Niger.", []want{{"MOBILIZE", "NER", "MLI", false}}, nil},
		{"passive agent under the slot phrase", "Tanks were deployed to the Ukrainian frontier by Russia on Friday.", []want{{"MOBILIZE", "RUS", "UKR", false}}, nil},
		{"passive agent under the slot phrase", "Kenya deployed troops to the border town held by Somali militants.", nil, []want{{"MOBILIZE", "SOM", "", false}}},
		// Verbs that give what their object names: the subject is the
		// actor of the event noun.
		{"giving verb of an event noun", "The EU approved 50 million euros in aid for Gaza.", []want{{"AID", "EUR", "PSE", false}}, nil},
		{"giving verb of an event noun", "Japan allocated new aid to Turkey on Monday.", []want{{"AID", "JPN", "TUR", false}}, nil},
		{"giving verb of an event noun", "Canada granted humanitarian assistance to Haiti.", []want{{"AID", "CAN", "HTI", false}}, nil},
		{"giving verb of an event noun", "Canada criticised the aid to Haiti.", nil, []want{{"AID", "CAN", "HTI", false}}},
		// "hit X with sanctions": a word class of penalties makes the
		// verb a sanction, in either voice.
		{"penalties as the instrument", "More than 200 Syrian firms were hit with sanctions by Britain on Friday.", []want{{"SANCTION", "GBR", "SYR", false}}, nil},
		{"penalties as the instrument", "Canada slapped Iranian officials with new sanctions.", []want{{"SANCTION", "CAN", "IRN", false}}, nil},
		{"penalties as the instrument", "The EU hit Belarus with tariffs on Monday.", []want{{"SANCTION", "EUR", "BLR", false}}, nil},
		{"penalties as the instrument", "Israel hit Gaza with rockets.", []want{{"ASSAULT", "ISR", "PSE", false}}, []want{{"SANCTION", "ISR", "PSE", false}}},
		// A forceful act its doer says will happen if something else does
		// is a threat; the same forecast by others, or an act with no
		// condition, is not.
		{"conditional threat", "Britain said it would impose sanctions on Belarus if Minsk expelled its envoy.", []want{{"THREATEN", "GBR", "BLR", false}}, nil},
		{"conditional threat", "Kenya said it would expel Ugandan diplomats if Kampala did not apologise.", []want{{"THREATEN", "KEN", "UGA", false}}, nil},
		{"conditional threat", "Chad will strike the Sudanese rebels unless they withdraw from the border.", []want{{"THREATEN", "TCD", "SDN", false}}, nil},
		{"conditional threat", "If Chile recognised the rebels, Peru could expel the Chilean ambassador, experts said.", nil, []want{{"THREATEN", "PER", "CHL", false}}},
		{"conditional threat", "Kenya will impose sanctions on Somalia next week.", nil, []want{{"THREATEN", "KEN", "SOM", false}}},
		// An event noun that sets the scene of a verb was done by its
		// subject; a speech is no meeting.
		{"event noun setting the scene", "During a phone call on Thursday, the Chilean president assured the Peruvian foreign minister of Santiago's help.", []want{{"CONSULT", "CHL", "PER", true}}, nil},
		{"event noun setting the scene", "In a speech on Monday, the Kenyan president praised Uganda.", []want{{"SUPPORT", "KEN", "UGA", false}}, []want{{"CONSULT", "KEN", "UGA", true}}},
		// A complement takes as subject the object of the verb that
		// governs it (object control), or else that verb's subject; it
		// is not asserted.
		{"object control", "Britain urged Nepal to hold talks with India.", []want{{"REQUEST", "GBR", "NPL", false}}, []want{{"CONSULT", "GBR", "IND", true}}},
		{"object control", "Chile asked Peru to withdraw its troops from the border.", []want{{"REQUEST", "CHL", "PER", false}}, []want{{"RETREAT", "CHL", "", false}}},
		{"object control", "The Security Council encouraged Chad to resume dialogue with Sudan.", []want{{"REQUEST", "UNO", "TCD", false}}, []want{{"CONSULT", "UNO", "SDN", true}}},
		{"object control", "Kenya plans to hold talks with Uganda.", nil, []want{{"CONSULT", "KEN", "UGA", true}}},
		{"object control", "The Italian prime minister called the Chilean president on Friday to praise him for the reform.", nil, []want{{"SUPPORT", "CHL", "", false}, {"SUPPORT", "CHL", "CHL", false}}},
		// An event noun that is the object or passive subject of a light
		// verb takes its recipient from the verb's phrase.
		{"light verb phrase", "Japan sent emergency aid to Nepal on Monday.", []want{{"AID", "JPN", "NPL", false}}, nil},
		{"light verb phrase", "Relief aid was provided to Haiti by Canada.", []want{{"AID", "CAN", "HTI", false}}, nil},
		{"light verb phrase", "Norway delivered humanitarian aid to Somalia.", []want{{"AID", "NOR", "SOM", false}}, nil},
		{"light verb phrase", "Israel began its assault on Gaza in response to the raid by Hamas.", []want{{"ASSAULT", "ISR", "PSE", false}}, []want{{"ASSAULT", "PSE", "PSE", false}}},
		// A participle describing an event noun's aim adds no event of
		// its own; the noun takes its object.
		{"participle of an event noun", "Canada imposed sanctions targeting Belarusian officials.", []want{{"SANCTION", "CAN", "BLR", false}}, []want{{"ASSAULT", "CAN", "BLR", false}}},
		{"participle of an event noun", "Japan announced sanctions targeting North Korean banks.", []want{{"SANCTION", "JPN", "PRK", false}}, []want{{"ASSAULT", "JPN", "PRK", false}}},
		{"participle of an event noun", "Turkish strikes targeting Kurdish fighters in Syria resumed.", []want{{"ASSAULT", "TUR", "SYR", false}}, nil},
		{"participle of an event noun", "Haitian protests demanding the resignation of the president spread.", []want{{"REQUEST", "HTI", "", false}}, nil},
		// What is noted with concern is an act: its doer is the target.
		{"noted with concern", "Britain noted with concern the detention of Kenyan reporters by Ugandan police.", []want{{"ACCUSE", "GBR", "UGA", false}}, []want{{"ACCUSE", "GBR", "KEN", false}}},
		{"noted with concern", "Germany notes with alarm the shelling of villages by Eritrean troops.", []want{{"ACCUSE", "DEU", "ERI", false}}, nil},
		{"noted with concern", "France noted with grave concern the arrest of a Malian journalist by Guinean soldiers.", []want{{"ACCUSE", "FRA", "GIN", false}}, nil},
		{"noted with concern", "Kenya noted the talks between Mali and Niger.", nil, []want{{"ACCUSE", "KEN", "MLI", false}}},
		// Plural officials placed in a country are of it.
		{"collective placed in a country", "Japan imposed sanctions on officials in Myanmar.", []want{{"SANCTION", "JPN", "MMR", false}}, nil},
		{"collective placed in a country", "Canada imposed sanctions on officials in Belarus.", []want{{"SANCTION", "CAN", "BLR", false}}, nil},
		{"collective placed in a country", "Police in Nairobi detained dozens of students.", []want{{"COERCE", "KEN", "KEN", false}}, nil},
		{"collective placed in a country", "Envoys in Geneva met on Monday.", nil, []want{{"CONSULT", "CHE", "", true}}},
		// The object of a pattern ending on its object noun is the side
		// acted upon when it names one.
		{"object of the pattern", "Chile released 12 Bolivian prisoners on Friday.", []want{{"RETREAT", "CHL", "BOL", false}}, nil},
		{"object of the pattern", "Poland expelled two Belarusian diplomats.", []want{{"SANCTION", "POL", "BLR", false}}, nil},
		{"object of the pattern", "Israel freed 30 Palestinian detainees on Sunday.", []want{{"RETREAT", "ISR", "PSE", false}}, nil},
		{"object of the pattern", "Peru withdrew its soldiers from the frontier.", nil, []want{{"RETREAT", "PER", "PER", false}}},
		// Calling someone is a phone call; calling someone something is
		// not, nor is calling elections.
		{"call someone", "The Kenyan foreign minister called his Ugandan and Tanzanian counterparts on Sunday.", []want{{"CONSULT", "KEN", "UGA", true}, {"CONSULT", "KEN", "TZA", true}}, nil},
		{"call someone", "On Monday Chile's president called the Bolivian leader to discuss the border.", []want{{"CONSULT", "CHL", "BOL", true}}, nil},
		{"call someone", "The Ghanaian president called his Togolese counterpart after the vote.", []want{{"CONSULT", "GHA", "TGO", true}}, nil},
		{"call someone", "Ukraine's president called Russia a terrorist state.", nil, []want{{"CONSULT", "UKR", "RUS", true}}},
		{"call someone", "The Chilean minister called the Bolivian plan reckless.", nil, []want{{"CONSULT", "CHL", "BOL", true}}},
		// A second phrase with the same preposition, which the parse
		// coordinated with the verb, plays the same role.
		{"repeated preposition", "The Chilean minister spoke with the Bolivian president and with the Peruvian foreign minister.", []want{{"CONSULT", "CHL", "BOL", true}, {"CONSULT", "CHL", "PER", true}}, nil},
		{"repeated preposition", "Germany protested to Russia and to Belarus over the detentions.", []want{{"ACCUSE", "DEU", "RUS", false}, {"ACCUSE", "DEU", "BLR", false}}, nil},
		{"repeated preposition", "The Rwandan envoy met with Kenyan officials and with Ugandan generals in Kampala.", []want{{"CONSULT", "RWA", "KEN", true}, {"CONSULT", "RWA", "UGA", true}}, nil},
		{"repeated preposition", "Germany protested to Russia and met Belarus on Friday.", nil, []want{{"ACCUSE", "DEU", "BLR", false}}},
		// An arrest told in the passive with no agent was made by the
		// authorities where the sentence places it, and by no one the
		// text names where it places it nowhere.
		{"agentless arrest", "A Syrian doctor was arrested in Turkey on Monday.", []want{{"COERCE", "TUR", "SYR", false}}, nil},
		{"agentless arrest", "Two Kenyan reporters were detained in Kampala on Friday.", []want{{"COERCE", "UGA", "KEN", false}}, nil},
		{"agentless arrest", "An Iranian sailor was detained in Oman last week.", []want{{"COERCE", "OMN", "IRN", false}}, nil},
		{"agentless arrest", "Three Chilean nationals were arrested on Monday.", nil, []want{{"COERCE", "CHL", "CHL", false}}},
		// A place after "in" and an adjective sets the sentence there, and
		// the unnamed collectives of the sentence are of it.
		{"setting after an adjective", "Militants staged a raid in northern Nigeria.", []want{{"ASSAULT", "NGA", "NGA", false}}, nil},
		{"setting after an adjective", "Gunmen killed five villagers in eastern Congo on Sunday.", []want{{"ASSAULT", "COD", "COD", false}}, nil},
		{"setting after an adjective", "Police detained dozens of students in southern Chile.", []want{{"COERCE", "CHL", "CHL", false}}, nil},
		{"setting after an adjective", "Militants from Mali attacked a village in northern Niger.", nil, []want{{"ASSAULT", "NER", "NER", false}}},
		// A ship flagged, registered or owned in a country is that
		// country's; one made there is not.
		{"flag of a ship", "Iranian guards seized a British-flagged tanker in the Gulf.", []want{{"COERCE", "IRN", "GBR", false}}, nil},
		{"flag of a ship", "Houthi rebels attacked a Greek-owned ship in the Red Sea.", []want{{"ASSAULT", "YEM", "GRC", false}}, nil},
		{"flag of a ship", "Somali pirates hijacked a Liberian-registered cargo ship.", []want{{"COERCE", "SOM", "LBR", false}}, nil},
		{"flag of a ship", "Russia fired Iranian-made drones at Kyiv.", nil, []want{{"ASSAULT", "RUS", "IRN", false}}},
		// Examples after "such as" or "including" name the sides a
		// general noun stands for.
		{"examples of a general noun", "The Secretary-General praised the work of several neighbours, such as Oman and Iraq.", []want{{"SUPPORT", "UNO", "OMN", false}, {"SUPPORT", "UNO", "IRQ", false}}, nil},
		{"examples of a general noun", "Kenya thanked donors including Japan and Norway for their help.", []want{{"SUPPORT", "KEN", "JPN", false}, {"SUPPORT", "KEN", "NOR", false}}, nil},
		{"examples of a general noun", "The Kenyan minister praised the role of neighbouring states such as Ghana.", []want{{"SUPPORT", "KEN", "GHA", false}}, nil},
		{"examples of a general noun", "Kenya thanked donors for their help, as did Japan.", nil, []want{{"SUPPORT", "KEN", "JPN", false}}},
		// An event noun whose aim is to end a conflict between two sides
		// is between those sides.
		{"aim between sides", "Kenya welcomed the pact to halt the clashes between Chad and Sudan.", []want{{"AGREE", "TCD", "SDN", true}}, nil},
		{"aim between sides", "Norway welcomed an accord to end the dispute between Peru and Chile.", []want{{"AGREE", "PER", "CHL", true}}, nil},
		{"aim between sides", "Ghana praised the agreement to end the border dispute between Mali and Niger.", []want{{"AGREE", "MLI", "NER", true}}, nil},
		{"aim between sides", "Kenya welcomed the plan to end the fighting between rival clans.", nil, []want{{"AGREE", "KEN", "", true}}},
		// A time phrase is never the preposition of a pattern's recipient
		// slot: "on Sunday" is not the "on" of "call on +".
		{"time phrase is no recipient slot", "On Sunday the Kenyan president called the Ugandan leader.", nil, []want{{"REQUEST", "KEN", "UGA", false}}},
		{"time phrase is no recipient slot", "On Friday Chile's minister called the Peruvian ambassador.", nil, []want{{"REQUEST", "CHL", "PER", false}}},
		{"time phrase is no recipient slot", "On Monday Serbian troops advanced towards the Bosnian border.", nil, []want{{"ASSAULT", "SRB", "BIH", false}}},
		{"time phrase is no recipient slot", "On Sunday the Kenyan president called on Uganda to reopen the border.", []want{{"REQUEST", "KEN", "UGA", false}}, nil},
	}
	for _, c := range cases {
		evs := codeText(t, c.text, "2024-05-10")
		for _, w := range c.want {
			if !has(evs, w) {
				t.Errorf("%s: %s\n want %s %s→%s; got:%s", c.class, c.text, w.typ, w.actor, w.recipient, describe(evs))
			}
		}
		for _, w := range c.not {
			if has(evs, w) {
				t.Errorf("%s: %s\n do not want %s %s→%s; got:%s", c.class, c.text, w.typ, w.actor, w.recipient, describe(evs))
			}
		}
	}
}

// Each event records the argument frame that found its actor.
func TestActorFrameRecorded(t *testing.T) {
	cases := []struct{ text, frame string }{
		{"The raid on Kenyan villages by Ugandan troops angered Nairobi.", "noun-agent-under-phrase"},
		{"The arrest of Kenyan traders by Ugandan police angered Nairobi.", "noun-agent"},
		{"An attack by Ugandan troops killed three Kenyan soldiers.", "noun-agent"},
		{"Chile's protest reached Peru on Monday.", "noun-possessor"},
		{"Talks between Chad and Sudan resumed in Doha.", "noun-between"},
		{"Israeli strikes hit Gaza overnight.", "noun-modifier"},
		{"Kenya condemned Uganda on Monday.", "subject"},
		{"During a phone call on Thursday, the Chilean president assured the Peruvian foreign minister of Santiago's help.", "noun-setting"},
		{"During talks in Rabat, the Spanish minister praised Morocco.", "noun-setting"},
		{"In a telephone conversation, the Kenyan president assured his Ugandan counterpart of support.", "noun-setting"},
		{"The visit of the Kenyan president to Uganda ended on Tuesday.", "noun-of-actor"},
		{"The withdrawal of Ethiopian troops from Somalia began on Monday.", "noun-of-actor"},
		{"The withdrawal of Chadian soldiers from Mali was completed.", "noun-of-actor"},
	}
	for _, c := range cases {
		found := false
		for _, e := range codeText(t, c.text, "2024-05-10") {
			if e.Why != nil && e.Why.Actor == c.frame {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no event with actor rule %s:%s", c.text, c.frame, describe(codeText(t, c.text, "2024-05-10")))
		}
	}
}

// The sides of "between" play the same role: one event per pair, not one
// each way.
func TestBetweenIsOneEvent(t *testing.T) {
	for _, text := range []string{
		"Fighting between Ethiopian and Eritrean units resumed on Monday.",
		"Clashes between Sudanese and Chadian troops broke out on Monday.",
		"Talks between the Chilean and Peruvian ministers took place in Lima.",
	} {
		if evs := codeText(t, text, "2024-05-10"); len(evs) != 1 {
			t.Errorf("%s: %d events, want 1:%s", text, len(evs), describe(evs))
		}
	}
}
