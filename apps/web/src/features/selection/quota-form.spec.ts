import { describe, expect, it } from 'vitest';
import { describeQuotas, quotaFormFields, quotaFormValues, quotaRequest } from './quota-form';

const lab = {
  capacity: 30,
  taxonomy: {
    disciplines: ['AI', 'Cancer research'],
    careerStages: ['Early career', 'Senior'],
    organisationTypes: ['University'],
  },
};

describe('quotaFormValues', () => {
  it('starts empty with the lab capacity and a row per taxonomy group', () => {
    const values = quotaFormValues(lab);
    expect(values.capacity).toBe('30');
    expect(Object.keys(values.bounds.discipline)).toEqual(['AI', 'Cancer research']);
    expect(values.bounds.careerStage['Early career']).toEqual({ min: '', max: '' });
    expect(values.lottery).toBe(false);
  });

  it("refills from a stored run's quotas, keeping groups the taxonomy no longer lists", () => {
    const values = quotaFormValues(lab, {
      capacity: 12,
      quotas: {
        discipline: { AI: { min: 2, max: 6 }, Physics: { max: 1 } },
        maxPerInstitution: 2,
        mustInclude: ['id-1'],
      },
      lottery: { tolerance: 0.1 },
    });
    expect(values.capacity).toBe('12');
    expect(values.bounds.discipline.AI).toEqual({ min: '2', max: '6' });
    expect(values.bounds.discipline.Physics).toEqual({ min: '', max: '1' });
    expect(values.maxPerInstitution).toBe('2');
    expect(values.mustInclude).toEqual(['id-1']);
    expect(values).toMatchObject({ lottery: true, lotteryTolerance: '0.1' });
  });
});

describe('quotaRequest', () => {
  it('sends only what was filled in', () => {
    const values = quotaFormValues(lab);
    expect(quotaRequest(values)).toEqual({ ok: true, request: { capacity: 30 } });
  });

  it('turns the boxes into bounds, caps, lists, a lottery and a seed', () => {
    const values = quotaFormValues(lab);
    values.bounds.discipline['Cancer research'] = { min: ' 2 ', max: '' };
    values.bounds.careerStage.Senior = { min: '', max: '10' };
    values.maxPerCountry = '8';
    values.mustInclude = ['a'];
    values.mustExclude = ['b'];
    values.availabilityOverrides = ['c'];
    values.lottery = true;
    values.lotteryTolerance = '0,25';
    values.lotterySeed = 'draw';
    values.seed = ' 2027 ';
    expect(quotaRequest(values)).toEqual({
      ok: true,
      request: {
        capacity: 30,
        quotas: {
          discipline: { 'Cancer research': { min: 2 } },
          careerStage: { Senior: { max: 10 } },
          maxPerCountry: 8,
        },
        mustInclude: ['a'],
        mustExclude: ['b'],
        availabilityOverrides: ['c'],
        lottery: { tolerance: 0.25, seed: 'draw' },
        seed: '2027',
      },
    });
  });

  it('names every field in error by the path the server uses, all at once', () => {
    const values = quotaFormValues(lab);
    values.capacity = '0';
    values.bounds.discipline.AI = { min: '-1', max: '2.5' };
    values.maxPerInstitution = 'two';
    values.mustInclude = ['x'];
    values.mustExclude = ['x'];
    values.lottery = true;
    values.lotteryTolerance = '';
    const result = quotaRequest(values);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(
      [
        'capacity',
        'quotas.discipline.AI.min',
        'quotas.discipline.AI.max',
        'quotas.maxPerInstitution',
        'mustExclude',
        'lottery.tolerance',
      ].sort(),
    );
    expect(result.errors.capacity).toBe('Enter a whole number, 1 or more.');
    expect(result.errors.mustExclude).toBe('One applicant is also on the must-include list.');
    // Every one of them is a field the form routes server errors to.
    const fields = quotaFormFields(values);
    for (const field of Object.keys(result.errors)) expect(fields).toContain(field);
  });

  it('leaves contradictory but well-formed bounds to the server, which explains them', () => {
    const values = quotaFormValues(lab);
    values.bounds.discipline.AI = { min: '5', max: '2' };
    expect(quotaRequest(values)).toMatchObject({
      ok: true,
      request: { quotas: { discipline: { AI: { min: 5, max: 2 } } } },
    });
  });
});

describe('describeQuotas', () => {
  it.each([
    [{ discipline: { AI: { min: 2, max: 6 } } }, 'Discipline AI: 2–6'],
    [{ careerStage: { Senior: { max: 10 } } }, 'Career stage Senior: at most 10'],
    [{ organisationType: { Industry: { min: 1 } } }, 'Organisation type Industry: at least 1'],
    [{ discipline: { AI: { min: 3, max: 3 } } }, 'Discipline AI: exactly 3'],
    [{ maxPerInstitution: 1 }, 'At most 1 per institution'],
    [{ mustInclude: ['a', 'b'] }, '2 must be included'],
  ])('%j reads "%s"', (quotas, line) => {
    expect(describeQuotas(quotas, null)).toEqual([line]);
  });

  it('mentions the lottery', () => {
    expect(describeQuotas({}, { tolerance: 0.1 })).toEqual(['Lottery within 0.1 of the line']);
  });
});
