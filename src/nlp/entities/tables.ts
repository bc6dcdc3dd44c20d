// Hand-written name tables used as tagger features (membership only: the trained model decides).
// All entries lower-case; multi-word entries are matched as token sequences.

const words = (s: string): string[] => s.trim().split(/\s*\n\s*|\s*,\s*/).filter(Boolean);

/** Common given names (international news). */
export const FIRST_NAMES: ReadonlySet<string> = new Set(words(`
james, john, robert, michael, william, david, richard, joseph, thomas, charles, christopher, daniel, matthew, anthony,
mark, donald, steven, paul, andrew, joshua, kenneth, kevin, brian, george, edward, ronald, timothy, jason, jeffrey,
ryan, jacob, gary, nicholas, eric, jonathan, stephen, larry, justin, scott, brandon, benjamin, samuel, frank, gregory,
raymond, alexander, patrick, jack, dennis, jerry, tyler, aaron, jose, henry, adam, douglas, nathan, peter, zachary,
kyle, walter, harold, jeremy, ethan, carl, keith, roger, gerald, christian, terry, sean, arthur, austin, noah,
lawrence, jesse, joe, bryan, billy, jordan, albert, dylan, bruce, willie, gabriel, alan, juan, logan, wayne, ralph,
roy, eugene, randy, vincent, russell, louis, philip, bobby, johnny, bradley, tony, bill, bob, jim, tom, mike, dave,
steve, chris, nick, ben, sam, dan, tim, ken, ron, jimmy, martin, ian, colin, neil, graham, simon, nigel, gordon,
hugh, alistair, angus, boris, dmitry, dmitri, vladimir, sergei, sergey, mikhail, alexei, alexey, andrei, andrey,
igor, ivan, nikolai, oleg, pavel, yuri, viktor, leonid, anatoly, yevgeny, gennady, grigory, boris, nursultan,
helmut, gerhard, hans, klaus, jurgen, wolfgang, werner, dieter, franz, karl, heinz, horst, jacques, jean, pierre,
francois, michel, alain, philippe, nicolas, emmanuel, lionel, giuseppe, giovanni, mario, luigi, romano, silvio,
carlo, massimo, francesco, antonio, carlos, manuel, luis, jorge, pedro, miguel, javier, felipe, fernando, ricardo,
alberto, diego, sergio, eduardo, rafael, roberto, ernesto, hugo, fidel, raul, ali, mohammed, muhammad, mohamed,
ahmed, ahmad, hassan, hussein, hosni, yasser, bashar, hafez, saddam, omar, abdullah, ibrahim, khalid, mahmoud,
mustafa, yitzhak, shimon, benjamin, ariel, ehud, binyamin, nelson, thabo, jacob, kofi, robert, boutros, li, wang,
zhang, deng, jiang, zhu, hu, xi, kim, park, lee, shinzo, junichiro, ryutaro, tomiichi, nawaz, benazir, atal,
narendra, rajiv, sonia, indira, manmohan, recep, tansu, necmettin, bulent, suleyman, mesut, slobodan, franjo,
alija, radovan, ratko, lech, vaclav, aleksander, gyula, viktor, emil, ion, petar, zoran, mary, patricia, jennifer,
linda, elizabeth, barbara, susan, jessica, sarah, karen, nancy, lisa, margaret, betty, sandra, ashley, dorothy,
kimberly, emily, donna, michelle, carol, amanda, melissa, deborah, stephanie, rebecca, laura, sharon, cynthia,
kathleen, amy, shirley, angela, helen, anna, brenda, pamela, nicole, samantha, katherine, emma, ruth, christine,
catherine, debra, rachel, carolyn, janet, virginia, maria, heather, diane, julie, joyce, victoria, kelly, christina,
joan, evelyn, lauren, judith, olivia, martha, cheryl, megan, andrea, hannah, jacqueline, ann, jean, alice, kathryn,
gloria, teresa, sara, janice, doris, madison, julia, grace, judy, abigail, marie, denise, beverly, amber, theresa,
marilyn, danielle, diana, brittany, natalie, sophia, rose, isabella, alexis, kayla, charlotte, hillary, madeleine,
condoleezza, angela, theresa, margaret, benazir, golda, indira, yulia, natalia, olga, tatiana, irina, svetlana,
elena, marina, monica, steffi, martina, arantxa, venus, serena, pete, andre, goran, boris, stefan, thomas, marcelo,
yevgeny, gustavo, carlos, marc, michael, greg, wayne, magic, shaquille, dennis, tiger, ernie, nick, colin, vijay,
sachin, brian, shane, wasim, imran, sanath, aravinda, brian, allan, jonty, hansie, mushtaq, waqar, saqlain
`));

/** Countries, their capitals and large cities and regions often in the news. */
export const PLACES: ReadonlySet<string> = new Set(words(`
afghanistan, albania, algeria, andorra, angola, argentina, armenia, australia, austria, azerbaijan, bahamas, bahrain,
bangladesh, barbados, belarus, belgium, belize, benin, bhutan, bolivia, bosnia, botswana, brazil, brunei, bulgaria,
burkina faso, burundi, cambodia, cameroon, canada, chad, chile, china, colombia, comoros, congo, costa rica, croatia,
cuba, cyprus, czech republic, denmark, djibouti, dominica, ecuador, egypt, el salvador, eritrea, estonia, ethiopia,
fiji, finland, france, gabon, gambia, georgia, germany, ghana, greece, grenada, guatemala, guinea, guyana, haiti,
honduras, hungary, iceland, india, indonesia, iran, iraq, ireland, israel, italy, jamaica, japan, jordan,
kazakhstan, kenya, kuwait, kyrgyzstan, laos, latvia, lebanon, lesotho, liberia, libya, liechtenstein, lithuania,
luxembourg, macedonia, madagascar, malawi, malaysia, maldives, mali, malta, mauritania, mauritius, mexico,
moldova, monaco, mongolia, montenegro, morocco, mozambique, myanmar, burma, namibia, nepal, netherlands, holland,
new zealand, nicaragua, niger, nigeria, north korea, south korea, korea, norway, oman, pakistan, palestine, panama,
papua new guinea, paraguay, peru, philippines, poland, portugal, qatar, romania, russia, rwanda, saudi arabia,
senegal, serbia, seychelles, sierra leone, singapore, slovakia, slovenia, somalia, south africa, spain, sri lanka,
sudan, south sudan, suriname, swaziland, sweden, switzerland, syria, taiwan, tajikistan, tanzania, thailand, togo,
tonga, trinidad, tunisia, turkey, turkmenistan, uganda, ukraine, united arab emirates, united kingdom, britain,
great britain, england, scotland, wales, northern ireland, united states, america, uruguay, uzbekistan, vanuatu,
venezuela, vietnam, yemen, yugoslavia, zaire, zambia, zimbabwe, chechnya, kosovo, tibet, gaza, west bank, kashmir,
kurdistan, crimea, siberia, europe, asia, africa, latin america, north america, south america, middle east,
gulf, balkans, caribbean, scandinavia, antarctica, hong kong, macau, puerto rico, greenland,
kabul, tirana, algiers, luanda, buenos aires, yerevan, canberra, sydney, melbourne, vienna, baku, manama, dhaka,
minsk, brussels, sarajevo, brasilia, rio de janeiro, sao paulo, sofia, phnom penh, ottawa, toronto, montreal,
vancouver, santiago, beijing, shanghai, bogota, havana, nicosia, prague, copenhagen, cairo, quito, tallinn,
addis ababa, helsinki, paris, marseille, lyon, tbilisi, berlin, bonn, frankfurt, munich, hamburg, athens, accra,
guatemala city, conakry, port-au-prince, budapest, reykjavik, new delhi, delhi, mumbai, bombay, calcutta, jakarta,
tehran, baghdad, basra, dublin, jerusalem, tel aviv, rome, milan, naples, tokyo, osaka, amman, astana, almaty,
nairobi, kuwait city, bishkek, vientiane, riga, beirut, tripoli, vilnius, kuala lumpur, mexico city, chisinau,
ulan bator, rabat, casablanca, maputo, rangoon, yangon, kathmandu, amsterdam, the hague, rotterdam, wellington,
auckland, managua, abuja, lagos, pyongyang, seoul, oslo, muscat, islamabad, karachi, lahore, panama city, lima,
manila, warsaw, lisbon, doha, bucharest, moscow, st petersburg, kigali, riyadh, dakar, belgrade, freetown,
mogadishu, johannesburg, pretoria, cape town, madrid, barcelona, colombo, khartoum, stockholm, geneva, zurich,
bern, damascus, aleppo, homs, idlib, taipei, dushanbe, dar es salaam, bangkok, tunis, ankara, istanbul, kampala,
kiev, kyiv, abu dhabi, dubai, london, manchester, liverpool, birmingham, edinburgh, glasgow, belfast, washington,
new york, los angeles, chicago, houston, boston, san francisco, miami, atlanta, dallas, seattle, detroit,
philadelphia, montevideo, tashkent, caracas, hanoi, ho chi minh city, saigon, sanaa, lusaka, harare, grozny,
hebron, ramallah, gaza city, nablus, kinshasa, brazzaville, luxembourg, monrovia, belmopan, kandahar, mosul,
tikrit, odessa, donetsk, kharkiv, lviv, sevastopol, minsk, strasbourg, hollywood, texas, california, florida,
ohio, new jersey, virginia, pennsylvania, illinois, michigan, massachusetts, arizona, colorado, oregon, alaska,
hawaii, quebec, ontario, bavaria, catalonia, sicily, sardinia, corsica, tasmania, queensland, punjab, sindh,
bengal, kerala, ulster, normandy, brittany, silesia, transylvania, bosnia-herzegovina, herzegovina, slavonia
`));

/** Demonyms and other nationality adjectives (CoNLL MISC). */
export const NATIONALITIES: ReadonlySet<string> = new Set(words(`
afghan, albanian, algerian, american, angolan, argentine, argentinian, armenian, australian, austrian, azeri,
bangladeshi, belarussian, belarusian, belgian, bolivian, bosnian, brazilian, british, bulgarian, burmese, burundian,
cambodian, cameroonian, canadian, chadian, chilean, chinese, colombian, congolese, croatian, croat, cuban, cypriot,
czech, danish, dutch, ecuadorean, egyptian, english, eritrean, estonian, ethiopian, european, filipino, finnish,
french, georgian, german, ghanaian, greek, guatemalan, haitian, honduran, hungarian, icelandic, indian, indonesian,
iranian, iraqi, irish, israeli, italian, jamaican, japanese, jordanian, kazakh, kenyan, korean, kosovar, kurdish,
kuwaiti, kyrgyz, lao, latvian, lebanese, liberian, libyan, lithuanian, macedonian, malaysian, malian, maltese,
mexican, moldovan, mongolian, moroccan, mozambican, namibian, nepalese, new zealander, nicaraguan, nigerian,
nigerien, norwegian, pakistani, palestinian, panamanian, paraguayan, peruvian, polish, portuguese, qatari,
romanian, russian, rwandan, saudi, scottish, senegalese, serb, serbian, sierra leonean, singaporean, slovak,
slovenian, slovene, somali, south african, spanish, sri lankan, sudanese, swedish, swiss, syrian, taiwanese,
tajik, tanzanian, thai, tunisian, turkish, turkmen, ugandan, ukrainian, uruguayan, uzbek, venezuelan, vietnamese,
welsh, yemeni, yugoslav, zairean, zambian, zimbabwean, arab, asian, african, latin, western, eastern, soviet,
muslim, moslem, christian, catholic, protestant, jewish, hindu, sikh, buddhist, islamic, sunni, shi'ite, shiite,
chechen, basque, catalan, tamil, hutu, tutsi, pashtun, kurd, kurds, palestinians, israelis, americans, serbs,
croats, russians, germans, britons, europeans, africans, arabs, muslims, moslems, jews, christians, catholics
`));

/** Words that end (or head) organisation names. */
export const ORG_WORDS: ReadonlySet<string> = new Set(words(`
inc, inc., corp, corp., corporation, co, co., company, companies, ltd, ltd., limited, plc, llc, ag, sa, nv, bv,
gmbh, spa, group, holdings, holding, bank, bancorp, trust, fund, securities, partners, capital, investments,
industries, airlines, airways, motors, systems, technologies, communications, telecom, energy, oil, petroleum,
resources, mining, insurance, pharmaceuticals, foods, stores, association, associations, federation, union,
league, council, commission, committee, ministry, department, agency, authority, bureau, office, board,
institute, university, college, school, academy, foundation, society, organisation, organization, party, front,
movement, army, navy, police, force, forces, guard, brigade, court, parliament, congress, senate, assembly,
cabinet, government, club, fc, united, city, rovers, athletic, wanderers, county, exchange, times, post, news,
herald, journal, press, agency, television, tv, radio, network, service, services, reserve, church, hospital,
office, tribunal, secretariat, chamber, directorate, inc, consortium, alliance, coalition, brotherhood, hamas,
hezbollah, taliban, nato, un, eu, opec, imf, fifa, uefa
`));

/** Titles and role words that precede a person's name (not part of the PERSON span). */
export const PERSON_TITLES: ReadonlySet<string> = new Set(words(`
mr, mr., mrs, mrs., ms, ms., dr, dr., prof, prof., sir, dame, lord, lady, president, vice-president, premier,
prime, minister, chancellor, king, queen, prince, princess, pope, sheikh, emir, sultan, general, gen., colonel,
col., captain, capt., lieutenant, sergeant, admiral, commander, governor, gov., senator, sen., rep.,
representative, congressman, congresswoman, mayor, judge, justice, ambassador, envoy, secretary, spokesman,
spokeswoman, spokesperson, chairman, chairwoman, director, chief, coach, manager, striker, midfielder, defender,
goalkeeper, captain, leader, deputy, former, late, father, bishop, cardinal, rabbi, imam, ayatollah, dr,
st, saint, officer, analyst, economist, executive, president-elect, presidential, candidate, rebel, opposition
`));

/** Words that end location names. */
export const LOC_WORDS: ReadonlySet<string> = new Set(words(`
river, lake, mountain, mountains, mount, mt, mt., island, islands, isles, sea, ocean, bay, gulf, valley, desert,
peninsula, coast, province, state, county, district, region, city, town, village, square, street, avenue, road,
bridge, airport, port, strait, canal, heights, hills, park, republic, kingdom, emirates, territory, territories
`));

/** Ministry names: "Russian Foreign Ministry" keeps its nationality adjective inside the ORG span. */
export const MINISTRY_HEADS: ReadonlySet<string> = new Set(words(`
foreign, defence, defense, interior, finance, economy, economic, justice, trade, health, education, agriculture,
energy, environment, transport, labour, labor, culture, information, emergencies, emergency, communications, state,
security, home, industry, commerce, treasury, war
`));

/** Names that news use metonymically for an organisation (the government seated there). */
export const ORG_METONYMS: ReadonlySet<string> = new Set(words(`
kremlin, pentagon, white house, elysee, downing street, quai d'orsay, vatican, holy see, whitehall
`));
