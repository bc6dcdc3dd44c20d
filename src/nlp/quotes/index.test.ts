import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Doc, type Block, type Quote } from '../../doc/doc.js';
import { tokenize, sentences } from '../tokens.js';
import { recognizeQuotes } from './index.js';

function build(text: string, blocks?: Block[]): Doc {
  let doc = Doc.create(text);
  if (blocks) doc = doc.withLayer('blocks', blocks);
  doc = doc.withLayer('tokens', tokenize(doc));
  return doc.withLayer('sentences', sentences(doc));
}

interface View { kind: string; text: string; cue: string | null; speaker: string | null; via: string | null }

function run(text: string, blocks?: Block[]): View[] {
  const doc = build(text, blocks);
  return recognizeQuotes(doc).map((q: Quote) => ({
    kind: q.kind,
    text: doc.slice(q),
    cue: q.cue ? doc.slice(q.cue) : null,
    speaker: q.speaker ? doc.slice(q.speaker) : null,
    via: q.via ? doc.slice(q.via) : null,
  }));
}

function find(views: View[], part: string): View {
  const v = views.find((x) => x.text.includes(part));
  assert.ok(v, `no quote containing ${JSON.stringify(part)} in ${JSON.stringify(views, null, 1)}`);
  return v;
}

test('direct quote, speaker after, straight marks', () => {
  const v = run('"The bridge will open in March," the transport ministry said.');
  assert.equal(v.length, 1);
  assert.deepEqual(v[0], { kind: 'direct', text: '"The bridge will open in March,"', cue: 'said', speaker: 'the transport ministry', via: null });
});

test('direct quote, inverted speaker, curly marks', () => {
  const q = find(run('“We have no money left for roads,” said Mayor Anna Lind.'), 'no money');
  assert.equal(q.kind, 'direct');
  assert.equal(q.text, '“We have no money left for roads,”');
  assert.equal(q.cue, 'said');
  assert.equal(q.speaker, 'Mayor Anna Lind');
});

test('colon quote with the speaker before', () => {
  const q = find(run('Asked about the strike, union leader Tom Berg said: "Nobody wants this to go on."'), 'Nobody');
  assert.equal(q.kind, 'direct');
  assert.equal(q.text, '"Nobody wants this to go on."');
  assert.equal(q.speaker, 'union leader Tom Berg');
  assert.equal(q.cue, 'said');
});

test('split quote around the cue is one attributed span', () => {
  const v = run('"The talks went well," she said, "but we are not there yet."');
  assert.equal(v.length, 1);
  assert.equal(v[0].text, '"The talks went well," she said, "but we are not there yet."');
  assert.equal(v[0].speaker, 'she');
  assert.equal(v[0].cue, 'said');
  assert.notEqual(v[0].kind, 'indirect');
});

test('multi-paragraph quote: reopened paragraphs, one closing mark', () => {
  const text = 'The coach told reporters: "We trained hard all winter.\n"Nobody expected us to reach the final.\n"Now we want the cup."\nThe final is on Sunday.';
  const v = run(text);
  const q = find(v, 'trained hard');
  assert.equal(q.kind, 'direct');
  assert.ok(q.text.startsWith('"We trained'));
  assert.ok(q.text.endsWith('want the cup."'));
  assert.equal(q.speaker, 'The coach');
  assert.ok(!v.some((x) => x.text.includes('Sunday')));
});

test('speaker before: X told reporters that ...', () => {
  const q = find(run('The governor told reporters that the budget would be balanced by June.'), 'budget');
  assert.equal(q.kind, 'indirect');
  assert.equal(q.text, 'that the budget would be balanced by June');
  assert.equal(q.cue, 'told');
  assert.equal(q.speaker, 'The governor');
});

test('indirect "added that" with a pronoun speaker', () => {
  const q = find(run('He added that the factory would reopen next year.'), 'factory');
  assert.deepEqual(q, { kind: 'indirect', text: 'that the factory would reopen next year', cue: 'added', speaker: 'He', via: null });
});

test('content before the cue: "..., the police said."', () => {
  const q = find(run('Two men were arrested near the station on Friday, the police said.'), 'arrested');
  assert.equal(q.kind, 'indirect');
  assert.equal(q.text, 'Two men were arrested near the station on Friday');
  assert.equal(q.speaker, 'the police');
});

test('"at the same time saying that": speaker is the main clause agent', () => {
  const q = find(run('The figures were released by Finance Minister Carla Nunes on Monday, at the same time saying that growth would slow.'), 'growth');
  assert.equal(q.text, 'that growth would slow');
  assert.equal(q.cue, 'saying');
  assert.equal(q.speaker, 'Finance Minister Carla Nunes');
});

test('according to, both orders', () => {
  const a = find(run('According to the weather service, the storm will reach the coast tonight.'), 'storm');
  assert.equal(a.text, 'the storm will reach the coast tonight');
  assert.equal(a.cue, 'According to');
  assert.equal(a.speaker, 'the weather service');
  const b = find(run('The storm will reach the coast tonight, according to the weather service.'), 'storm');
  assert.equal(b.text, 'The storm will reach the coast tonight');
  assert.equal(b.cue, 'according to');
  assert.equal(b.speaker, 'the weather service');
});

test('partial quote inside reported speech: nested speaker and via', () => {
  const v = run('According to the embassy, the general agreed to leave and ordered his troops to allow a "safe passage for civilians".');
  const outer = find(v, 'the general agreed');
  assert.equal(outer.speaker, 'the embassy');
  assert.notEqual(outer.kind, 'direct');
  const inner = v.find((x) => x.kind === 'partial');
  assert.ok(inner);
  assert.equal(inner.text, '"safe passage for civilians"');
  assert.equal(inner.speaker, 'the general');
  assert.equal(inner.via, 'the embassy');
  assert.equal(inner.cue, 'ordered');
});

test('refusals', () => {
  const a = find(run('The company declined to comment.'), 'comment');
  assert.equal(a.kind, 'refusal');
  assert.equal(a.speaker, 'The company');
  const b = find(run('In addition, the palace refused to answer questions about the prince\'s travel plans.'), 'questions');
  assert.equal(b.kind, 'refusal');
  assert.equal(b.text, "questions about the prince's travel plans");
  assert.equal(b.cue, 'refused to answer');
  assert.equal(b.speaker, 'the palace');
});

test('organisation speaker and "The statement also mentioned"', () => {
  const v = run('“Our members will not accept this offer,” the teachers’ union stressed. The statement also mentioned that strikes could begin in May.');
  const a = find(v, 'Our members');
  assert.equal(a.kind, 'direct');
  assert.equal(a.speaker, 'the teachers’ union');
  assert.equal(a.cue, 'stressed');
  const b = find(v, 'strikes');
  assert.equal(b.text, 'that strikes could begin in May');
  assert.equal(b.speaker, 'The statement');
  assert.equal(b.cue, 'mentioned');
});

test('confirmed that ... and stressed that ...: two quotes', () => {
  const v = run('Earlier, the city council confirmed that the pool was closed and stressed that repairs were under way.');
  assert.equal(find(v, 'pool').text, 'that the pool was closed');
  const b = find(v, 'repairs');
  assert.equal(b.text, 'that repairs were under way');
  assert.equal(b.speaker, 'the city council');
});

test('unbalanced quote mark: bounded by its paragraph, no crash', () => {
  const text = 'The minister said: "We will cut taxes next year.\nThe opposition called the plan reckless.\nVoters go to the polls in May.';
  const v = run(text);
  const q = find(v, 'cut taxes');
  assert.ok(!q.text.includes('opposition'), q.text);
  assert.ok(!q.text.includes('Voters'));
  assert.equal(q.speaker, 'The minister');
  // a stray closing mark and a lone opening mark at the very end
  assert.doesNotThrow(() => run('He left.” Nobody knew why. "'));
});

test('photo captions and Source lines are not quotes', () => {
  const text = 'The mayor said the park would reopen soon.\nThe mayor speaks at the opening in 2019, saying it was "a big day". (Photo: AFP)\nSource: https://example.com/news/park';
  const capStart = text.indexOf('The mayor speaks');
  const capEnd = text.indexOf('\nSource');
  const blocks: Block[] = [
    { start: 0, end: capStart - 1, kind: 'paragraph' },
    { start: capStart, end: capEnd, kind: 'caption' },
    { start: capEnd + 1, end: text.length, kind: 'paragraph' },
  ];
  const v = run(text, blocks);
  assert.equal(v.length, 1);
  assert.equal(v[0].text, 'the park would reopen soon');
  assert.ok(!v.some((x) => x.text.includes('Source') || x.text.includes('big day')));
});

test('scare quotes around one or two words are not quotes', () => {
  const v = run('The so-called "smart" meters were installed last year across the region.');
  assert.equal(v.length, 0);
});

test('sorted by (start, end) and spans inside the text', () => {
  const text = '"One," he said. The board said the vote was close. "Two," she added.';
  const doc = build(text);
  const qs = recognizeQuotes(doc);
  for (let k = 1; k < qs.length; k++) assert.ok(qs[k - 1].start < qs[k].start || (qs[k - 1].start === qs[k].start && qs[k - 1].end <= qs[k].end));
  for (const q of qs) assert.ok(q.start >= 0 && q.end <= text.length && q.start < q.end);
  assert.ok(qs.every((q) => q.speaker === null || q.speaker.entity === null));
});

// The project's founding example (its copy in the golden fixtures).
// the founding example is read from ../shared (never copied here: its licence is unclear)
const SHARED = process.env.NEWSGRAPH_SHARED ?? fileURLToPath(new URL('../../../../shared', import.meta.url));
const SEED = path.join(SHARED, 'examples', 'seed-article.txt');
test('seed article: required quotes', () => {
  const text = readFileSync(SEED, 'utf8');
  const v = run(text);
  const expect: [string, 'direct' | 'other', string, string][] = [
    ['former Syrian President Bashar al-Assad and his family came to Russia right after Damascus fell into the hands of opposition forces', 'other', 'saying', 'Kremlin spokesman Dmitry Peskov'],
    ['Such decisions cannot be made without the consent of the Russian President.', 'direct', 'said', 'spokesman Peskov'],
    ['the Russian President currently has no plans to meet with Mr. al-Assad', 'other', 'added', 'Dmitry Peskov'],
    ['Mr. Assad and his family were in Moscow', 'other', 'confirmed', 'the Russian Foreign Ministry'],
    ["the event reflected Russia's commitment to its allies in difficult times", 'other', 'stressed', 'the Russian Foreign Ministry'],
    ['Russia does not betray its friends in difficult situations,', 'direct', 'said', 'the Russian Foreign Ministry'],
    ['Mr Assad has agreed to step down after talks with opposition groups', 'other', 'According to', 'the Russian Foreign Ministry'],
    ['Russia is not involved in these negotiations,', 'direct', 'stressed', 'the Russian Foreign Ministry'],
    ['Russia is in contact with all Syrian opposition groups', 'other', 'mentioned', 'The statement'],
  ];
  for (const [part, kind, cue, speaker] of expect) {
    const q = v.find((x) => x.text.includes(part) && x.cue === cue);
    assert.ok(q, `missing seed quote: ${part}`);
    assert.equal(q.kind === 'direct' ? 'direct' : 'other', kind, part);
    assert.equal(q.speaker, speaker, part);
  }
  const refusal = v.find((x) => x.kind === 'refusal');
  assert.ok(refusal);
  assert.equal(refusal.text, "questions about Mr. Assad's whereabouts");
  assert.equal(refusal.speaker, 'the Kremlin');
  const partial = v.find((x) => x.kind === 'partial');
  assert.ok(partial);
  assert.equal(partial.text, '"peaceful transfer of power"');
  assert.equal(partial.speaker, 'Mr Assad');
  assert.equal(partial.via, 'the Russian Foreign Ministry');
  // not quotes: the caption line and the Source line
  assert.ok(!v.some((x) => x.text.includes('Source:') || x.text.includes('https://')));
});

test('beliefs and intentions are attributed, but not as speech', () => {
  const v = run('The senator thinks that the bill will pass. She wants to change the rules. The mayor said that the bridge would open.');
  assert.equal(find(v, 'the bill will pass').kind, 'belief');
  assert.equal(find(v, 'change the rules').kind, 'belief');
  assert.equal(find(v, 'the bridge would open').kind, 'indirect');
});

test('transcript turns: a capitalised label and a colon name the speaker', () => {
  const v = run('The exchange went as follows.\n\n"WALLACE: Will she be there tomorrow night?"\n\n"PENCE: She will not be attending the debate."');
  const q = find(v, 'She will not be attending');
  assert.equal(q.speaker, 'PENCE');
  assert.equal(q.cue, ':');
  assert.ok(!q.text.includes('PENCE'), q.text);
  assert.equal(find(v, 'Will she be there').speaker, 'WALLACE');
});

test('direct quote credited to a speaker with an apposition or a party tag before the cue', () => {
  const a = find(run('"The veto will be overridden," Senate Majority Leader Mitch McConnell, R-Ky., said Tuesday.'), 'overridden');
  assert.equal(a.kind, 'direct');
  assert.equal(a.cue, 'said');
  assert.equal(a.speaker, 'Senate Majority Leader Mitch McConnell, R-Ky.');
  const b = find(run('"They may not want to answer," Rep. Jane Roe (D-Calif.) said after the hearing.'), 'answer');
  assert.equal(b.speaker, 'Rep. Jane Roe (D-Calif.)');
  const c = find(run('"There is a severe disconnect," Flynn, a former adviser to the campaign, said Thursday.'), 'disconnect');
  assert.equal(c.speaker, 'Flynn, a former adviser to the campaign');
  // no quote is invented from the time word after the cue
  assert.equal(run('"The veto will be overridden," Senate Majority Leader Mitch McConnell, R-Ky., said Tuesday.').length, 1);
});

test('a dash and a name after a quotation credit it', () => {
  const v = run('“We can build a bridge instead of a wall.” ― Ana Ruiz\n\n“Nobody asked the workers.” ― Tom Beck');
  assert.equal(v.length, 2);
  assert.deepEqual([v[0].speaker, v[0].cue], ['Ana Ruiz', '―']);
  assert.deepEqual([v[1].speaker, v[1].cue], ['Tom Beck', '―']);
  // a dash that opens a clause of its own is no credit
  const w = run('“It was late.” — Officials said the bridge would stay shut.');
  assert.ok(!w.some((x) => x.speaker === 'Officials' && x.cue === '—'));
});

test('a quotation inside a sentence, credited right after it', () => {
  const a = find(run("As for cost, ''closing the loopholes will take a lot of administration,'' said Mr. Kamin, an economist."), 'loopholes');
  assert.deepEqual([a.kind, a.text, a.speaker], ['direct', "''closing the loopholes will take a lot of administration,''", 'Mr. Kamin']);
  const b = find(run('Whatever the goal, using the tax "is a misguided approach," said Mr. Burman.'), 'misguided');
  assert.deepEqual([b.kind, b.text, b.speaker], ['mixed', 'Whatever the goal, using the tax "is a misguided approach,"', 'Mr. Burman']);
  // a title in marks is not what the speaker said
  const c = run('In an interview on "Face the Nation," Senator Jane Roe said the bill would pass.');
  assert.ok(!c.some((x) => x.text.includes('Face the Nation')), JSON.stringify(c));
});

test('cue candidates: listed words and other forms of their lemmas, never auxiliaries', async () => {
  const { isCueCandidate, lemmaOf } = await import('./learned.js');
  const words = new Set(['grilled', 'denounced', 'said']);
  const lemmas = new Set([...words].filter((w) => w.length >= 4).map(lemmaOf));
  assert.ok(isCueCandidate('said', words, lemmas));
  assert.ok(isCueCandidate('grills', words, lemmas));
  assert.ok(isCueCandidate('denouncing', words, lemmas));
  assert.ok(!isCueCandidate('says', words, lemmas), 'short forms are listed or not candidates');
  assert.ok(!isCueCandidate('house', words, lemmas));
});

test('a parenthetical cue inside its content: one span across it', () => {
  const a = find(run('The new plant, Ms. Okafor said, will open before the winter.'), 'plant');
  assert.deepEqual([a.text, a.cue, a.speaker], ['The new plant, Ms. Okafor said, will open before the winter', 'said', 'Ms. Okafor']);
  const b = find(run('To keep the schools open, he argued in a letter, the city must borrow.'), 'schools');
  assert.equal(b.text, 'To keep the schools open, he argued in a letter, the city must borrow');
  // a speaker after the cue with an apposition is no parenthesis
  const c = run('The ad could run this week, said Brian Baker, a political adviser, on Monday.');
  assert.ok(!c.some((x) => x.text.includes('a political adviser')), JSON.stringify(c));
});

test('a speaker with a chain of appositions before the cue; a cue word used as a noun is no cue', () => {
  const v = find(run('“It is an overreach,” Jane Roe, the attorney general of Utah, one of the states suing the agency, said on Monday.'), 'overreach');
  assert.equal(v.kind, 'direct');
  assert.equal(v.cue, 'said');
  assert.ok(v.speaker?.startsWith('Jane Roe, the attorney general of Utah'), String(v.speaker));
});

test('where and when a report was made is not its content; a clause keeps its own time', () => {
  const tweets = run('The senator attacked the governor in early-morning tweets.');
  assert.deepEqual(find(tweets, 'governor'), { kind: 'stance', text: 'the governor', cue: 'attacked', speaker: 'The senator', via: null });
  const statement = find(run('Mayor Ana Ruiz called for more school funding in a statement on Thursday.'), 'funding');
  assert.equal(statement.text, 'more school funding');
  // a reported clause: "in July" is part of what she said
  assert.equal(find(run('The mayor said that she would campaign in July.'), 'campaign').text, 'that she would campaign in July');
  // a phrase with a verb of its own is more than a scene: kept
  assert.equal(find(run('He discussed his plan at an event held by a veterans group.'), 'plan').text, 'his plan at an event held by a veterans group');
});

test('a second report coordinated with the first ends the first one and has the same speaker', () => {
  const v = run("Senator Graham urged Republicans to join the ranks of climate change believers, and criticized the party's lack of environmental awareness.");
  assert.deepEqual(find(v, 'Republicans'), { kind: 'indirect', text: 'Republicans to join the ranks of climate change believers', cue: 'urged', speaker: 'Senator Graham', via: null });
  assert.deepEqual(find(v, 'lack'), { kind: 'stance', text: "the party's lack of environmental awareness", cue: 'criticized', speaker: 'Senator Graham', via: null });
});

test('a nested partial quote needs a verb and its subject: a noun of the same form credits no one', () => {
  const noun = run('The recent protests reflect demands for "more listening" from officials, the mayor said.');
  assert.equal(noun.filter((x) => x.kind === 'partial').length, 0, JSON.stringify(noun));
  const verb = run('The mayor said the protesters demanded "more listening" from officials.');
  const inner = verb.find((x) => x.kind === 'partial');
  assert.deepEqual(inner, { kind: 'partial', text: '"more listening"', cue: 'demanded', speaker: 'the protesters', via: 'The mayor' });
});

test('praise or criticism of something named is a stance; with a clause it is speech', () => {
  assert.deepEqual(run('Residents applauded the announcement.'), [{ kind: 'stance', text: 'the announcement', cue: 'applauded', speaker: 'Residents', via: null }]);
  const clause = find(run('The senator criticized that the bill was rushed through.'), 'bill');
  assert.equal(clause.kind, 'indirect');
  // not an evaluation verb: reported speech as before
  assert.equal(find(run('Mayor Ana Ruiz called for more school funding.'), 'funding').kind, 'indirect');
});
