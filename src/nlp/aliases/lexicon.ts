// Named tables for alias resolution: honorifics, role nouns, modifiers, pronouns and the
// nouns that refer back to a statement. Compared lower-case, without a final period.

/** Honorifics that precede a name and are not part of it. */
export const HONORIFICS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'lord', 'lady', 'madam', 'mme', 'messrs', 'rev', 'fr',
  'sheikh', 'sheik', 'imam', 'rabbi', 'pastor', 'hon', 'herr', 'frau', 'monsieur', 'señor', 'ông', 'bà',
]);

/** Role nouns: a run of these (with modifiers) before a name is the person's role. */
export const ROLE_NOUNS: ReadonlySet<string> = new Set([
  'president', 'vice-president', 'premier', 'prime', 'minister', 'secretary', 'chancellor', 'spokesman', 'spokeswoman',
  'spokesperson', 'spokespeople', 'king', 'queen', 'prince', 'princess', 'emperor', 'pope', 'cardinal', 'bishop',
  'archbishop', 'general', 'gen', 'lt', 'col', 'colonel', 'major', 'maj', 'captain', 'capt', 'commander', 'admiral',
  'adm', 'sergeant', 'sgt', 'lieutenant', 'marshal', 'senator', 'sen', 'representative', 'rep', 'congressman',
  'congresswoman', 'governor', 'gov', 'mayor', 'ambassador', 'envoy', 'leader', 'chief', 'head', 'director',
  'chairman', 'chairwoman', 'chair', 'ceo', 'cfo', 'coo', 'founder', 'co-founder', 'owner', 'judge', 'justice',
  'attorney', 'prosecutor', 'lawyer', 'counsel', 'officer', 'official', 'adviser', 'advisor', 'aide', 'analyst',
  'economist', 'professor', 'researcher', 'scientist', 'expert', 'candidate', 'nominee', 'speaker', 'deputy', 'vice',
  'coach', 'manager', 'striker', 'midfielder', 'defender', 'goalkeeper', 'player', 'captain', 'star', 'singer', 'actor',
  'actress', 'author', 'writer', 'journalist', 'correspondent', 'editor', 'reporter', 'commissioner', 'inspector',
  'superintendent', 'sheriff', 'dictator', 'ruler', 'monarch', 'crown', 'emir', 'sultan', 'ayatollah', 'patriarch',
  'chairperson', 'treasurer', 'strategist', 'pollster', 'activist', 'lawmaker', 'legislator', 'diplomat', 'negotiator',
  'mediator', 'regulator', 'executive', 'president-elect', 'premier-elect', 'secretary-general', 'director-general',
  'attorney-general', 'minister-president',
]);

/** Words that qualify a role: "former Syrian President", "acting foreign minister". */
export const ROLE_MODIFIERS: ReadonlySet<string> = new Set([
  'former', 'ex', 'late', 'then', 'acting', 'interim', 'outgoing', 'incoming', 'deputy', 'vice', 'assistant', 'associate',
  'senior', 'junior', 'chief', 'top', 'foreign', 'defence', 'defense', 'interior', 'finance', 'economy', 'health',
  'education', 'justice', 'trade', 'energy', 'press', 'state', 'federal', 'national', 'general', 'executive', 'managing',
  'supreme', 'first', 'lady', 'crown', 'grand', 'prime', 'high', 'special', 'presidential', 'republican', 'democratic',
  'democrat', 'conservative', 'liberal', 'labour', 'opposition', 'party', 'house', 'white', 'u.s.', 'us', 'eu', 'un',
  'nato', 'military', 'army', 'navy', 'police', 'government', 'company', 'team', 'club', 'campaign', 'new', 'longtime',
  'veteran', 'self-proclaimed', 'de', 'facto', 'elected', 'designate', 'secretary', 'minister', 'of', 'for',
  // nouns naming the body a role belongs to: "union spokesman", "fire chief"
  'union', 'fire', 'party', 'city', 'council', 'security', 'court', 'group', 'industry', 'church', 'school', 'hospital',
  'airline', 'county', 'district', 'town', 'village', 'provincial', 'regional', 'local', 'tribal', 'rebel', 'militia',
  'labor', 'intelligence', 'central', 'bank', 'agency', 'ministry', 'department', 'foundation', 'football', 'research',
]);

/** Personal pronouns that can be a speaker, with the entity type and gender they refer to. */
export const SPEAKER_PRONOUNS: Readonly<Record<string, { type: 'PERSON' | 'ORG' | 'ANY'; gender: 'm' | 'f' | 'n' | 'p' }>> = {
  he: { type: 'PERSON', gender: 'm' },
  she: { type: 'PERSON', gender: 'f' },
  they: { type: 'ANY', gender: 'p' },
  it: { type: 'ORG', gender: 'n' },
  him: { type: 'PERSON', gender: 'm' },
  her: { type: 'PERSON', gender: 'f' },
};

/** Nouns that stand for a statement already attributed: "The statement also mentioned that ...". */
export const STATEMENT_NOUNS: ReadonlySet<string> = new Set([
  'statement', 'report', 'announcement', 'communique', 'communiqué', 'release', 'press release', 'document', 'letter',
  'message', 'notice', 'declaration', 'memo', 'filing', 'post', 'tweet', 'note', 'readout', 'transcript', 'email',
  'poll', 'survey', 'study', 'analysis', 'findings', 'review', 'audit', 'investigation', 'complaint', 'lawsuit', 'ruling',
]);

/** Organisation head nouns that a definite description can refer back with: "the ministry". */
export const ORG_HEAD_NOUNS: ReadonlySet<string> = new Set([
  'ministry', 'department', 'agency', 'government', 'company', 'firm', 'group', 'party', 'council', 'committee',
  'commission', 'court', 'office', 'embassy', 'army', 'military', 'police', 'administration', 'campaign', 'bank',
  'union', 'organisation', 'organization', 'association', 'alliance', 'board', 'parliament', 'senate', 'congress',
  'kremlin', 'cabinet', 'coalition', 'movement', 'federation', 'institute', 'university', 'club', 'team', 'network',
  'newspaper', 'service', 'authority', 'authorities', 'regime', 'court', 'tribunal', 'foundation', 'corporation',
]);

/** Given names that mark a person as female, for he/she agreement (small, extendable). */
export const FEMALE_HONORIFICS: ReadonlySet<string> = new Set(['mrs', 'ms', 'miss', 'madam', 'dame', 'lady', 'mme', 'queen', 'princess', 'spokeswoman', 'chairwoman', 'congresswoman', 'actress', 'bà', 'frau']);
export const MALE_HONORIFICS: ReadonlySet<string> = new Set(['mr', 'sir', 'lord', 'king', 'prince', 'spokesman', 'chairman', 'congressman', 'ông', 'herr', 'monsieur', 'señor']);

/** Name particles that a surname may drop: "al-Assad" = "Assad". */
export const NAME_PARTICLES: readonly string[] = ['al-', 'el-', ' al ', 'el ', 'bin ', 'ibn ', 'van ', 'von ', 'de ', 'da ', 'di ', 'du ', 'le ', 'la '];
