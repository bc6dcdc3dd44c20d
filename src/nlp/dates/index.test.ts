import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Doc, type Timex } from '../../doc/doc.js';
import { sentences, tokenize } from '../tokens.js';
import { recognizeDates } from './index.js';

/** Run tokens, sentences and dates; withLayer checks order and token alignment. */
function run(text: string, published: string | null = '2024-12-09'): { doc: Doc; dates: readonly Timex[] } {
  let doc = Doc.create(text, { published });
  doc = doc.withLayer('tokens', tokenize(doc));
  doc = doc.withLayer('sentences', sentences(doc));
  doc = doc.withLayer('dates', recognizeDates(doc));
  return { doc, dates: doc.get('dates') };
}

/** [text, type, value, mod?] of every timex. */
function found(text: string, published: string | null = '2024-12-09'): string[][] {
  const { doc, dates } = run(text, published);
  return dates.map((d) => [doc.slice(d), d.type, d.value, ...(d.mod ? [d.mod] : [])]);
}

function one(text: string, published: string | null = '2024-12-09'): string[] {
  const all = found(text, published);
  assert.equal(all.length, 1, `expected one timex in ${JSON.stringify(text)}, got ${JSON.stringify(all)}`);
  return all[0];
}

// Hand-written sentences in the style of the seed article (published Monday 2024-12-09).
const SEED_LIKE =
  'The Kremlin confirmed on December 9 that the former leader had arrived. A photo shows the two men in Moscow in May 2018. ' +
  'On December 8, rebels entered the capital, ending his rule after 24 years in power. ' +
  'For nearly 10 years (since 2014), Moscow has backed the government. The president currently has no plans to meet him. ' +
  'Earlier, the ministry said talks were continuing.';

describe('recognizeDates: seed-like article', () => {
  it('finds and normalises every date relative to the publication date', () => {
    assert.deepEqual(found(SEED_LIKE), [
      ['December 9', 'DATE', '2024-12-09'],
      ['May 2018', 'DATE', '2018-05'],
      ['December 8', 'DATE', '2024-12-08'],
      ['24 years', 'DURATION', 'P24Y'],
      ['nearly 10 years', 'DURATION', 'P10Y', 'APPROX'],
      ['2014', 'DATE', '2014'],
      ['currently', 'DATE', 'PRESENT_REF'],
      ['Earlier', 'DATE', 'PAST_REF'],
    ]);
  });

  it('keeps year-less values without a publication date', () => {
    assert.deepEqual(found(SEED_LIKE, null), [
      ['December 9', 'DATE', 'XXXX-12-09'],
      ['May 2018', 'DATE', '2018-05'],
      ['December 8', 'DATE', 'XXXX-12-08'],
      ['24 years', 'DURATION', 'P24Y'],
      ['nearly 10 years', 'DURATION', 'P10Y', 'APPROX'],
      ['2014', 'DATE', '2014'],
      ['currently', 'DATE', 'PRESENT_REF'],
      ['Earlier', 'DATE', 'PAST_REF'],
    ]);
  });

  it('accepts a full ISO timestamp as the publication date', () => {
    assert.deepEqual(one('It happened yesterday.', '2024-12-09T14:35:00Z'), ['yesterday', 'DATE', '2024-12-08']);
  });
});

describe('recognizeDates: relative days, weeks, months, years', () => {
  it('resolves deictic days', () => {
    assert.deepEqual(found('He left yesterday, speaks today and returns tomorrow.'), [
      ['yesterday', 'DATE', '2024-12-08'],
      ['today', 'DATE', '2024-12-09'],
      ['tomorrow', 'DATE', '2024-12-10'],
    ]);
  });

  it('resolves weeks as ISO weeks (2024-12-09 is in week 50)', () => {
    assert.deepEqual(found('Talks began last week, continue this week and end next week.'), [
      ['last week', 'DATE', '2024-W49'],
      ['this week', 'DATE', '2024-W50'],
      ['next week', 'DATE', '2024-W51'],
    ]);
  });

  it('resolves months and years, crossing the year boundary', () => {
    assert.deepEqual(found('Sales fell last year and last month but may recover next month and next year.'), [
      ['last year', 'DATE', '2023'],
      ['last month', 'DATE', '2024-11'],
      ['next month', 'DATE', '2025-01'],
      ['next year', 'DATE', '2025'],
    ]);
  });

  it('counts back with "ago"', () => {
    assert.deepEqual(found('Three years ago, two weeks ago and five days ago.'), [
      ['Three years ago', 'DATE', '2021'],
      ['two weeks ago', 'DATE', '2024-W48'],
      ['five days ago', 'DATE', '2024-12-04'],
    ]);
  });

  it('gives X values to relative expressions without an anchor', () => {
    assert.deepEqual(found('It closed yesterday, last week and last year.', null), [
      ['yesterday', 'DATE', 'XXXX-XX-XX'],
      ['last week', 'DATE', 'XXXX-WXX'],
      ['last year', 'DATE', 'XXXX'],
    ]);
  });

  it('keeps the position modifier in the span', () => {
    assert.deepEqual(one('The deal should close early next year.'), ['early next year', 'DATE', '2025', 'START']);
    assert.deepEqual(one('It was signed in late November.'), ['late November', 'DATE', '2024-11', 'END']);
  });
});

describe('recognizeDates: calendar dates', () => {
  it('leans to the past for a bare month and day', () => {
    // published 2024-12-09: "November 30" is 9 days back; "Jan. 5" is near ahead (27 days); "March 3" is past
    assert.deepEqual(one('The vote on November 30 was close.'), ['November 30', 'DATE', '2024-11-30']);
    assert.deepEqual(one('The summit opens on Jan. 5 in Rome.'), ['Jan. 5', 'DATE', '2025-01-05']);
    assert.deepEqual(one('Prices rose on March 3, traders said.'), ['March 3', 'DATE', '2024-03-03']);
  });

  it('reads full dates, day-month order and ISO dates', () => {
    assert.deepEqual(one('It opened on Dec. 25, 2023 in Paris.'), ['Dec. 25, 2023', 'DATE', '2023-12-25']);
    assert.deepEqual(one('He arrived on 9 December 2024.'), ['9 December 2024', 'DATE', '2024-12-09']);
    assert.deepEqual(one('Filed 2024-03-15 with the court.'), ['2024-03-15', 'DATE', '2024-03-15']);
  });

  it('keeps a month with its year and a bare year', () => {
    assert.deepEqual(found('It began in June 2019 and ended in 2021.'), [
      ['June 2019', 'DATE', '2019-06'],
      ['2021', 'DATE', '2021'],
    ]);
  });

  it('does not take "May" the verb for a month', () => {
    assert.deepEqual(found('Officials may resign. They met in May.'), [['May', 'DATE', '2024-05']]);
  });

  it('reads decades, quarters, halves and seasons', () => {
    assert.deepEqual(found('In the 1990s the firm grew; the third quarter was weak; last summer was dry; the first half of 2023 too.'), [
      ['the 1990s', 'DATE', '199'],
      ['the third quarter', 'DATE', '2024-Q3'],
      ['last summer', 'DATE', '2024-SU'],
      ['the first half of 2023', 'DATE', '2023-H1'],
    ]);
  });

  it('keeps the value of "mid-1996" with mod MID', () => {
    assert.deepEqual(one('Prices peaked in mid-1996.'), ['mid-1996', 'DATE', '1996', 'MID']);
  });
});

describe('recognizeDates: weekdays and times', () => {
  it('resolves a bare weekday to the nearest past one (2024-12-09 is a Monday)', () => {
    assert.deepEqual(one('The talks collapsed on Tuesday.'), ['Tuesday', 'DATE', '2024-12-03']);
    assert.deepEqual(one('The talks collapsed on Monday.'), ['Monday', 'DATE', '2024-12-09']);
  });

  it('looks ahead when the sentence is about the future', () => {
    assert.deepEqual(one('The minister will visit Paris on Thursday.'), ['Thursday', 'DATE', '2024-12-12']);
  });

  it('handles last/next weekday', () => {
    assert.deepEqual(found('They met last Friday and meet again next Friday.'), [
      ['last Friday', 'DATE', '2024-12-06'],
      ['next Friday', 'DATE', '2024-12-13'],
    ]);
  });

  it('writes a weekday without an anchor as XXXX-WXX-d', () => {
    assert.deepEqual(one('The talks collapsed on Tuesday.', null), ['Tuesday', 'DATE', 'XXXX-WXX-2']);
  });

  it('attaches clock times to the publication day or the day named in the sentence', () => {
    assert.deepEqual(one('The polls close at 3 p.m. local time.'), ['3 p.m.', 'TIME', '2024-12-09T15:00']);
    assert.deepEqual(one('Trading halted at 10:35 a.m. EST, dealers said.'), ['10:35 a.m. EST', 'TIME', '2024-12-09T10:35']);
    assert.deepEqual(one('The deadline was noon Thursday.'), ['noon Thursday', 'TIME', '2024-12-05T12:00']);
    assert.deepEqual(one('The deadline is noon Thursday.'), ['noon Thursday', 'TIME', '2024-12-12T12:00']);
    assert.deepEqual(found('On Tuesday at 9 a.m. they met.'), [
      ['Tuesday', 'DATE', '2024-12-03'],
      ['9 a.m.', 'TIME', '2024-12-03T09:00'],
    ]);
  });

  it('marks parts of the day', () => {
    assert.deepEqual(found('He spoke this morning after a long night; the vote was Friday night.'), [
      ['this morning', 'TIME', '2024-12-09TMO'],
      ['Friday night', 'TIME', '2024-12-06TNI'],
    ]);
  });
});

describe('recognizeDates: durations and sets', () => {
  it('normalises counted durations', () => {
    assert.deepEqual(found('The siege lasted two days, then three hours, then 18 months, then two decades.'), [
      ['two days', 'DURATION', 'P2D'],
      ['three hours', 'DURATION', 'PT3H'],
      ['18 months', 'DURATION', 'P18M'],
      ['two decades', 'DURATION', 'P20Y'],
    ]);
  });

  it('includes determiners of "the past N units" and modifiers', () => {
    assert.deepEqual(one('Prices rose over the past three months.'), ['the past three months', 'DURATION', 'P3M']);
    assert.deepEqual(one('He waited more than four hours.'), ['more than four hours', 'DURATION', 'PT4H', 'MORE_THAN']);
    assert.deepEqual(one('It took 2 1/2 years.'), ['2 1/2 years', 'DURATION', 'P2Y6M']);
  });

  it('reads vague and adjectival durations', () => {
    assert.deepEqual(found('They fought for years over a 10-year deal and several months of talks.'), [
      ['years', 'DURATION', 'PXY'],
      ['10-year', 'DURATION', 'P10Y'],
      ['several months', 'DURATION', 'PXM'],
    ]);
  });

  it('recognises sets', () => {
    assert.deepEqual(found('Buses run every week, trains daily and ferries every Monday.'), [
      ['every week', 'SET', 'P1W'],
      ['daily', 'SET', 'P1D'],
      ['every Monday', 'SET', 'XXXX-WXX-1'],
    ]);
  });

  it('does not take ages, rates or fractions for timexes', () => {
    assert.deepEqual(found('A 24-year-old man earns $5,000 a year and owns three-quarters of the firm.'), []);
    assert.deepEqual(found('She is 44 years old.'), []);
  });
});

describe('recognizeDates: offsets and edge cases', () => {
  it('uses UTF-16 offsets after an emoji', () => {
    const text = '🎉🎉 Launch on December 9 in Hanoi.';
    const { dates } = run(text);
    assert.equal(dates.length, 1);
    assert.equal(dates[0].start, 15); // two emoji = 4 code units, then " Launch on " = 11
    assert.equal(text.slice(dates[0].start, dates[0].end), 'December 9');
    assert.equal(dates[0].value, '2024-12-09');
  });

  it('returns nothing for empty or date-free text', () => {
    assert.deepEqual(run('').dates, []);
    assert.deepEqual(run('   ').dates, []);
    assert.deepEqual(run('Nothing temporal happens in this sentence.').dates, []);
  });

  it('produces sorted, token-aligned spans (withLayer would throw otherwise)', () => {
    const { dates } = run('Since 2014, and on Dec. 9, 2024 at 3 p.m., for nearly 10 years, every week, the 1990s.');
    for (let k = 1; k < dates.length; k++) assert.ok(dates[k - 1].start <= dates[k].start);
    assert.ok(dates.length >= 5);
  });

  it('is pure: the same doc gives the same layer', () => {
    let doc = Doc.create(SEED_LIKE, { published: '2024-12-09' });
    doc = doc.withLayer('tokens', tokenize(doc));
    doc = doc.withLayer('sentences', sentences(doc));
    assert.deepEqual(recognizeDates(doc), recognizeDates(doc));
  });
});

describe('recognizeDates: reference time, tense and vague periods', () => {
  it('counts "the previous Friday" and "the next morning" from the day in focus', () => {
    assert.deepEqual(found('Shares closed lower on Friday, down from the previous Friday.'), [
      ['Friday', 'DATE', '2024-12-06'],
      ['the previous Friday', 'DATE', '2024-11-29'],
    ]);
    assert.deepEqual(found('He was arrested on Dec. 2 and appeared in court the next morning.'), [
      ['Dec. 2', 'DATE', '2024-12-02'],
      ['the next morning', 'TIME', '2024-12-03TMO'],
    ]);
  });

  it('reads an apposition and "later in the day" as the day just named', () => {
    assert.deepEqual(found('Eight trading days after Oct. 12, the day before the crash, prices fell.'), [
      ['Eight trading days', 'DURATION', 'P8D'],
      ['Oct. 12', 'DATE', '2024-10-12'],
      ['the day', 'DATE', '2024-10-12'],
    ]);
    assert.deepEqual(one('In London at mid-afternoon yesterday, shares were up.'), ['mid-afternoon yesterday', 'TIME', '2024-12-08TAF']);
  });

  it('looks ahead for deadlines and plans, not for possessive weekdays', () => {
    assert.deepEqual(one('The agency extended its deadline until 9 a.m. Tuesday.'), ['9 a.m. Tuesday', 'TIME', '2024-12-10T09:00']);
    assert.deepEqual(one('The loans run through January.', '2024-10-30'), ['January', 'DATE', '2025-01']);
    assert.deepEqual(one('In January, the company hired a new chief.', '2024-10-30'), ['January', 'DATE', '2024-01']);
    assert.deepEqual(one("They said they would fight Wednesday's ruling."), ['Wednesday', 'DATE', '2024-12-04']);
  });

  it('writes open stretches ahead as vague durations and two quarters of a year as its half', () => {
    assert.deepEqual(found('Rates may fall in coming months and in the weeks ahead.'), [
      ['coming months', 'DURATION', 'PXM'],
      ['the weeks ahead', 'DURATION', 'PXW'],
    ]);
    assert.deepEqual(one('Demand stays weak through the first two quarters of 2025.'), ['the first two quarters of 2025', 'DATE', '2025-H1']);
  });

  it('does not read a model number after a name as a year', () => {
    assert.deepEqual(found("A venture called Orion 1980 was set up. Kopp's 1987 Chevrolet was found in 1999."), [['1999', 'DATE', '1999']]);
  });
});

// Published Monday 2024-12-09: a bare weekday is this week's coming one or last week's, by the tense of its clause.
describe('recognizeDates: the tense of the clause decides the direction', () => {
  it('reads the nearest verb group before the expression', () => {
    assert.deepEqual(one('The two leaders will meet on Thursday.'), ['Thursday', 'DATE', '2024-12-12']);
    assert.deepEqual(one('The two leaders met on Thursday.'), ['Thursday', 'DATE', '2024-12-05']);
    assert.deepEqual(one("They'll vote Wednesday on the budget."), ['Wednesday', 'DATE', '2024-12-11']);
    assert.deepEqual(one("The envoy said he won't travel before Friday."), ['Friday', 'DATE', '2024-12-13']);
    assert.deepEqual(one('The ministry said it would announce the results on Friday.'), ['Friday', 'DATE', '2024-12-13']);
    assert.deepEqual(one('The ministry said on Friday that the results were final.'), ['Friday', 'DATE', '2024-12-06']);
    assert.deepEqual(one('The report is to be released Friday.'), ['Friday', 'DATE', '2024-12-13']);
  });

  it('takes a present-tense schedule for the coming day', () => {
    assert.deepEqual(one('The two envoys meet privately Wednesday with the mediator.'), ['Wednesday', 'DATE', '2024-12-11']);
    assert.deepEqual(one('The court rules Thursday on the appeal.'), ['Thursday', 'DATE', '2024-12-12']);
    // a noun, not a verb: no evidence, so the past-leaning default
    assert.deepEqual(one('In a radio address Friday, the governor thanked volunteers.'), ['Friday', 'DATE', '2024-12-06']);
  });

  it('takes the nearest day for a present state, and the past for an event completed inside it', () => {
    assert.deepEqual(one('The guard is accused of a theft on Saturday.'), ['Saturday', 'DATE', '2024-12-07']);
    // but a copula that predicates the day itself states a schedule
    assert.deepEqual(one('The final is on Saturday.'), ['Saturday', 'DATE', '2024-12-14']);
    assert.deepEqual(one('Voters go to the polls Sunday.'), ['Sunday', 'DATE', '2024-12-15']);
    assert.deepEqual(one('The driver is in hospital after being hurt on Thursday.'), ['Thursday', 'DATE', '2024-12-05']);
    assert.deepEqual(one('The singer is said to have left the country on Wednesday.'), ['Wednesday', 'DATE', '2024-12-04']);
  });

  it('looks ahead for plans, schedules and passive infinitives', () => {
    assert.deepEqual(one('Farmers planned a march through the capital on Saturday.'), ['Saturday', 'DATE', '2024-12-14']);
    assert.deepEqual(one('The shares are payable Dec. 20 to holders of record.'), ['Dec. 20', 'DATE', '2024-12-20']);
    assert.deepEqual(one('A vote set for April could change that.'), ['April', 'DATE', '2025-04']);
    assert.deepEqual(one('A ruling to be issued in February will settle the dispute.', '2024-10-30'), ['February', 'DATE', '2025-02']);
  });

  it('keeps a plan that did not hold, a past modal and a past ability in the past', () => {
    assert.deepEqual(one('The truce had been scheduled to end at midnight Friday.'), ['midnight Friday', 'TIME', '2024-12-06T24:00']);
    assert.deepEqual(one('The patrol may have left the town on Sunday.'), ['Sunday', 'DATE', '2024-12-08']);
    assert.deepEqual(one('The family could not be reached Wednesday.'), ['Wednesday', 'DATE', '2024-12-04']);
  });

  it('reads the verb after an expression that opens its sentence', () => {
    assert.deepEqual(one('On Thursday, the committee plans to publish its report.'), ['Thursday', 'DATE', '2024-12-12']);
    assert.deepEqual(one('On Thursday, the committee published its report.'), ['Thursday', 'DATE', '2024-12-05']);
    assert.deepEqual(one('On Thursday, the committee planned to publish its report.'), ['Thursday', 'DATE', '2024-12-05']);
  });

  it('keeps a weekday that names an event in the past unless "will" governs the clause', () => {
    assert.deepEqual(one("Lawyers plan to appeal Wednesday's verdict."), ['Wednesday', 'DATE', '2024-12-04']);
    assert.deepEqual(one("He is still recovering from Sunday night's fall."), ['Sunday night', 'TIME', '2024-12-08TNI']);
    assert.deepEqual(one('After his Sunday morning fall, the rider withdrew.'), ['Sunday morning', 'TIME', '2024-12-08TMO']);
    assert.deepEqual(one("Thursday's hearing will decide the matter."), ['Thursday', 'DATE', '2024-12-12']);
    assert.deepEqual(one('The Thursday vote will settle it.'), ['Thursday', 'DATE', '2024-12-12']);
    // the passive infinitive under a past verb says nothing about the publication date
    assert.deepEqual(one('The rules required the patient to be moved to another ward on Sunday.'), ['Sunday', 'DATE', '2024-12-08']);
  });

  it('gives a temporal clause the time of its main clause', () => {
    assert.deepEqual(one('The fund would sell its stake as soon as the exchange reopened Wednesday.'), ['Wednesday', 'DATE', '2024-12-11']);
    assert.deepEqual(one('The fund sold its stake as soon as the exchange reopened Wednesday.'), ['Wednesday', 'DATE', '2024-12-04']);
  });

  it('looks ahead in a condition, and reads a present perfect or a progressive passive as no past', () => {
    assert.deepEqual(one('The mayor has built a following and will run for the seat if his party loses in November.', '2024-09-20'), ['November', 'DATE', '2024-11']);
    assert.deepEqual(one('If the senator were to win in November, the bill could pass.', '2024-09-20'), ['November', 'DATE', '2024-11']);
    assert.deepEqual(one('Volunteers are being asked to phone voters before Election Day.', '2024-09-20'), ['Election Day', 'DATE', '2024-11-05']);
  });

  it('places a month or a month and day by the tense too', () => {
    assert.deepEqual(one('The firm opened a new plant in December.', '2024-10-15'), ['December', 'DATE', '2023-12']);
    assert.deepEqual(one('The firm will open a new plant in December.', '2024-10-15'), ['December', 'DATE', '2024-12']);
    assert.deepEqual(one('The ferry would begin sailing on August 6.', '2024-02-13'), ['August 6', 'DATE', '2024-08-06']);
    assert.deepEqual(one('The old service started on August 6.', '2024-02-13'), ['August 6', 'DATE', '2023-08-06']);
    // the next month after a past verb is still this year: "for November deliveries" written in late October
    assert.deepEqual(one('Buyers placed orders for November delivery.', '2024-10-28'), ['November', 'DATE', '2024-11']);
  });
});

describe('recognizeDates: names, weeks of a day, fiscal quarters and year-end', () => {
  it('does not read the "Today" of a newspaper name', () => {
    assert.deepEqual(found('The figures were first reported by USA Today. Today the council meets.'), [['Today', 'DATE', '2024-12-09']]);
  });

  it('places a month (and day) by "last year", "of next year" after it', () => {
    assert.deepEqual(one('The strike began on March 3rd of last year.'), ['March 3rd of last year', 'DATE', '2023-03-03']);
    assert.deepEqual(one('The plant opens in June of next year.'), ['June of next year', 'DATE', '2025-06']);
  });

  it('does not read names and non-reporting periods as timexes', () => {
    assert.deepEqual(found('She wrote about Easter Island and watched NBC Nightly News.'), []);
    assert.deepEqual(found('This is the period of time when voters decide.'), []);
    assert.deepEqual(found('Turnout rose in the period for early voting.'), []);
    assert.deepEqual(one('Christmas Eve was quiet.'), ['Christmas Eve', 'DATE', '2023-12-24']);
  });

  it('does not take ages or percentages for decades, and reads a generic "tomorrow" as the future', () => {
    assert.deepEqual(found('In my early 20s I moved; unemployment is in the mid-30s.'), []);
    assert.deepEqual(found("It grew in the early '80s and again in the 90s."), [
      ["the early '80s", 'DATE', '198', 'START'],
      ['the 90s', 'DATE', '199'],
    ]);
    assert.deepEqual(one('Graduates toast a brighter tomorrow.'), ['tomorrow', 'DATE', 'FUTURE_REF']);
    assert.deepEqual(one('Police issued a statement today.'), ['today', 'DATE', '2024-12-09']);
  });

  it('dates "in the morning" by the day in focus, and leaves a habit alone', () => {
    assert.deepEqual(found('Shares fell on Friday. Traders sold heavily in the morning.'), [
      ['Friday', 'DATE', '2024-12-06'],
      ['the morning', 'TIME', '2024-12-06TMO'],
    ]);
    assert.deepEqual(found('She runs in the morning.'), []);
  });

  it('sets a.m. or p.m. of a bare hour from the part of the day after it', () => {
    assert.deepEqual(one('The convoy left at 4 in the morning.'), ['4 in the morning', 'TIME', '2024-12-09T04:00']);
    assert.deepEqual(one("The report is due at 6 o'clock this afternoon."), ["6 o'clock this afternoon", 'TIME', '2024-12-09T18:00']);
  });

  it('reads "the week of" a day as that ISO week', () => {
    assert.deepEqual(one('A hearing may be held the week of January 13.'), ['the week of January 13', 'DATE', '2025-W03']);
  });

  it('gives a quarter that ends on a date the calendar quarter holding most of it', () => {
    assert.deepEqual(found('Sales rose in the quarter ended July 31.', '2024-10-30'), [
      ['the quarter', 'DATE', '2024-Q2'],
      ['July 31', 'DATE', '2024-07-31'],
    ]);
    assert.deepEqual(found('Sales rose in the quarter ended Sept. 30.', '2024-10-30')[0], ['the quarter', 'DATE', '2024-Q3']);
  });

  it('compares "a year earlier" with the period its sentence names', () => {
    const text = 'Acme said third-quarter profit rose to $5 million from $4 million a year earlier. ' +
      'For the nine months, profit was $12 million, up from $10 million a year earlier.';
    assert.deepEqual(found(text, '2024-10-30'), [
      ['third-quarter', 'DATE', '2024-Q3'],
      ['a year earlier', 'DATE', '2023-Q3'],
      ['the nine months', 'DURATION', 'P9M'],
      ['a year earlier', 'DATE', '2023'],
    ]);
  });

  it('reads "since year-end" as the end of the year just past', () => {
    assert.deepEqual(one('The index is up 12% since year-end.', '2024-10-30'), ['year-end', 'DATE', '2023', 'END']);
    assert.deepEqual(one('The sale should close by year-end.', '2024-10-30'), ['year-end', 'DATE', '2024', 'END']);
  });
});

describe('recognizeDates: the words an expression opens with', () => {
  // grammar.ts runs its rules only at tokens listed as possible first words (START_WORDS, digits, hyphens):
  // expressions opening with a rarer one must still be found
  it('finds expressions that open with a less common word', () => {
    assert.deepEqual(one('Margins widened in full quarter figures.'), ['full quarter', 'DATE', '2024-Q3']);
    assert.deepEqual(one('Orders grew 5% over corresponding quarter levels.'), ['corresponding quarter', 'DATE', '2024-Q3']);
    assert.deepEqual(one('The club meets on Thursdays.'), ['Thursdays', 'SET', 'XXXX-WXX-4']);
    assert.deepEqual(one('The ferry ran until mid afternoon.'), ['mid afternoon', 'TIME', '2024-12-09TAF']);
    assert.deepEqual(one('Repairs took a couple of months.'), ['a couple of months', 'DURATION', 'P2M']);
  });
});

describe('recognizeDates: spellings, coordinations and anchored days', () => {
  it('reads "the fiscal-first quarter" as "the fiscal first quarter", the quarter a later "a year ago" compares with', () => {
    assert.deepEqual(found('Acme earned $4 million for the fiscal-first quarter ended Sept. 30. It lost $2 million a year ago.', '2024-10-30'), [
      ['the fiscal-first quarter', 'DATE', '2024-Q1'],
      ['Sept. 30', 'DATE', '2024-09-30'],
      ['a year ago', 'DATE', '2023-Q1'],
    ]);
  });

  it('takes "the day before/after" a named day whole, as the day next to it (2024-12-09 is a Monday)', () => {
    assert.deepEqual(one("The day before last Tuesday's hearing, he flew home."), ['The day before last Tuesday', 'DATE', '2024-12-02']);
    assert.deepEqual(one('Stores reopen the day after Christmas.', '2024-12-20'), ['the day after Christmas', 'DATE', '2024-12-26']);
    assert.deepEqual(one('He was seen the day before Oct. 5, 2023.'), ['the day before Oct. 5, 2023', 'DATE', '2023-10-04']);
    assert.deepEqual(one('They met the day before yesterday.'), ['the day before yesterday', 'DATE', '2024-12-07']);
    assert.deepEqual(one('They met the day before the vote on Friday.'), ['Friday', 'DATE', '2024-12-06']);
  });

  it('keeps a vague stretch named by two plural units as one duration with the first unit', () => {
    assert.deepEqual(one('He probably died within weeks or months of his capture.'), ['weeks or months', 'DURATION', 'PXW']);
    assert.deepEqual(one('Funds in recent weeks and months have sold bonds.'), ['recent weeks and months', 'DURATION', 'PXW']);
    assert.deepEqual(one('The repairs took months and cost millions.'), ['months', 'DURATION', 'PXM']);
  });

  it('looks ahead after a noun of an undertaking and "to", not after the expression', () => {
    assert.deepEqual(one('Acme announced an agreement to acquire the bank in January.', '2024-10-30'), ['January', 'DATE', '2025-01']);
    assert.deepEqual(one('Acme announced an offer to buy the stake on Friday.'), ['Friday', 'DATE', '2024-12-13']);
    assert.deepEqual(one('On Friday, the bid to take over the firm failed.'), ['Friday', 'DATE', '2024-12-06']);
  });

  it('gives the first of a coordinated pair the set of the second ("Monday and Tuesday nights", "the second and fourth quarters")', () => {
    assert.deepEqual(found('Two flights leave on Monday and Tuesday nights.'), [
      ['Monday', 'SET', 'XXXX-WXX-1TNI'],
      ['Tuesday nights', 'SET', 'XXXX-WXX-2TNI'],
    ]);
    assert.deepEqual(found('Sales usually peak in the second and fourth quarters.'), [
      ['second', 'SET', 'XXXX-Q2'],
      ['fourth quarters', 'SET', 'XXXX-Q4'],
    ]);
    // a pair dated by a year is no set
    assert.equal(found('Sales rose in the second and third quarters of 2023.').some(([text]) => text === 'second'), false);
  });

  it('places a season in February by the calendar year for "this" and ahead, and by the winter it is in for the past', () => {
    // TimeML writes the winter of December 2024 - February 2025 as 2024-WI
    assert.deepEqual(one('Factories will slow in the spring.', '2025-02-10'), ['the spring', 'DATE', '2025-SP']);
    assert.deepEqual(one('Factories slowed in the spring.', '2025-02-10'), ['the spring', 'DATE', '2024-SP']);
    assert.deepEqual(one('The plant opens this spring.', '2025-02-10'), ['this spring', 'DATE', '2025-SP']);
    assert.deepEqual(one('It has been cold this winter.', '2025-02-10'), ['this winter', 'DATE', '2024-WI']);
    assert.deepEqual(one('The plant will open in the spring.', '2024-11-20'), ['the spring', 'DATE', '2025-SP']);
  });

  it('counts "N years later/earlier" from a year named in the sentence or the one before, else from the publication date', () => {
    assert.deepEqual(found('The peace process began in 1993 and stalled three years later.', '1998-03-11'), [
      ['1993', 'DATE', '1993'],
      ['three years later', 'DATE', '1996'],
    ]);
    assert.deepEqual(found('The plant opened in 1980. Two decades later, it closed.', '1998-03-11')[1], ['Two decades later', 'DATE', '2000']);
    assert.deepEqual(found('Acme was founded in 1950. It makes tools. Profit rose to $5 million from $4 million a year earlier.', '1998-03-11')[1],
      ['a year earlier', 'DATE', '1997']);
  });

  it('reads "the year before", "the day before" closing a clause as the period before the one in focus', () => {
    assert.deepEqual(found('Tourism brought $300 million last year, down from $450 million the year before.', '1998-09-07'), [
      ['last year', 'DATE', '1997'],
      ['the year before', 'DATE', '1996'],
    ]);
    assert.deepEqual(found('Sales were $5 million last year. The year before, they were $4 million.', '1998-09-07')[1], ['The year before', 'DATE', '1996']);
    assert.deepEqual(found('He arrived on March 3 and had called the day before.', '1998-03-11'), [
      ['March 3', 'DATE', '1998-03-03'],
      ['the day before', 'DATE', '1998-03-02'],
    ]);
    assert.deepEqual(one('The week before, prices fell.', '1998-03-11'), ['The week before', 'DATE', '1998-W10']);
    // "before the vote" is a preposition with its object
    assert.equal(found('Prices fell the week before the vote.', '1998-03-11').some(([text]) => text === 'the week before'), false);
  });

  it('reads "half an hour" as half of the unit, like "half a day"', () => {
    assert.deepEqual(one('The flight took half an hour.'), ['half an hour', 'DURATION', 'PT30M']);
    assert.deepEqual(one('He waited half a day.'), ['half a day', 'DURATION', 'PT12H']);
  });

  it('takes the year of a weekday and month-day written without one from the weekday (2025-01-09 is a Thursday)', () => {
    // the past tense alone would pick 2024-01-09, a Tuesday
    assert.deepEqual(one('The meeting was moved to Thursday, Jan. 9.', '2024-12-20'), ['Thursday, Jan. 9', 'DATE', '2025-01-09']);
    // a written year stays, even when the weekday does not fit it
    assert.deepEqual(one('The meeting was moved to Friday, Jan. 9, 2024.', '2024-12-20'), ['Friday, Jan. 9, 2024', 'DATE', '2024-01-09']);
  });

  it('dates a plan in a participle after its noun by the main verb that follows (2024-12-09 is a Monday)', () => {
    assert.deepEqual(one('A memorial service planned for Saturday was canceled.'), ['Saturday', 'DATE', '2024-12-07']);
    assert.deepEqual(one('A rally planned for Saturday will draw thousands.'), ['Saturday', 'DATE', '2024-12-14']);
    // "planned" is the finite verb here: a plan, ahead
    assert.deepEqual(one('Protesters planned a demonstration on Saturday and were planning more.'), ['Saturday', 'DATE', '2024-12-14']);
  });

  it('reads "the weekend of" a day as the weekend of its ISO week (1998-05-16 is a Saturday in week 20)', () => {
    assert.deepEqual(one('The summit will be held on the weekend of May 16.', '1998-03-11'), ['the weekend of May 16', 'DATE', '1998-W20-WE']);
  });

  it('reads "the second day (of ...)" as the day a stretch has reached: the publication day, or the day the clause names', () => {
    assert.deepEqual(one("It's the second day of an offensive by the army."), ['the second day', 'DATE', '2024-12-09']);
    assert.deepEqual(found('The index fell for the third straight day on Friday.'), [
      ['the third straight day', 'DATE', '2024-12-06'],
      ['Friday', 'DATE', '2024-12-06'],
    ]);
    // ahead ("would do so": "do" after a modal is no present tense): no day to give it
    assert.deepEqual(found('He vowed he would do so on his first day in office.'), []);
  });

  it('reads "a year" after "been" as a duration, not a rate', () => {
    assert.deepEqual(one('It has been a year since the attack.'), ['a year', 'DURATION', 'P1Y']);
    assert.deepEqual(found('Fees rose to $5 a year.'), []);
  });

  it('reads "the first quarter of next year" as one expression, like "of last year"', () => {
    assert.deepEqual(one('The deal should close in the first quarter of next year.'), ['the first quarter of next year', 'DATE', '2025-Q1']);
    assert.deepEqual(one('Sales fell in the third quarter of last year.'), ['the third quarter of last year', 'DATE', '2023-Q3']);
    assert.deepEqual(one('Profit rose in the fourth quarter of this year.'), ['the fourth quarter of this year', 'DATE', '2024-Q4']);
  });
});
