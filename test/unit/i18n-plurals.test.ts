// English sentences about a count read right for one and for more ("1 person", "2 persons"),
// whether the screen passes the count as a number or already formatted ('1', '1,234'); Korean
// has one form and stays as it was. Runs the renderer's i18next setup with the real resources.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { messages } from '../../src/shared/i18n';
import { formattedCountPlurals, pluralTemplate } from '../../src/shared/i18n/plural';

async function translator(lng: 'ko' | 'en') {
  const i18n = i18next.createInstance();
  await i18n.use(formattedCountPlurals).init({
    resources: { ko: { translation: messages.ko }, en: { translation: messages.en } },
    lng,
    fallbackLng: 'ko',
    interpolation: { escapeValue: false },
    postProcess: ['formattedCountPlurals'],
  });
  return i18n.t.bind(i18n) as (key: string, options?: Record<string, unknown>) => string;
}

describe('plurals', () => {
  it('English: one and more, numeric and formatted counts', async () => {
    const t = await translator('en');
    expect(t('grid.place.done', { count: 1 })).toBe('Assigned 1 person.');
    expect(t('grid.place.done', { count: 2 })).toBe('Assigned 2 persons.');
    expect(t('grid.place.intro', { count: 1, county: 'Wonsan-si', cohort: '2027 spring' })).toBe('1 person · Wonsan-si · 2027 spring');
    expect(t('grid.delete.title', { count: '1' })).toBe('Delete 1 row?');
    expect(t('grid.delete.title', { count: '1,234' })).toBe('Delete 1,234 rows?');
    expect(t('grid.paste.rejected', { count: 1 })).toBe('Nothing was pasted: 1 cell is not valid. Fix it and paste again.');
    expect(t('grid.fill.done', { count: '2' })).toBe('Filled 2 cells.');
    expect(t('import.commit.buttonValid', { count: '1' })).toBe('Import only the 1 valid row');
    expect(t('import.commit.buttonValid', { count: '97' })).toBe('Import only the 97 valid rows');
    expect(t('import.intake.allSheets', { count: 1 })).toBe('Read the 1 sheet with this header');
    expect(t('import.intake.allSheets', { count: 17 })).toBe('Read all 17 sheets with this header');
    expect(t('import.history.cohortRows', { count: 1, formatted: '1' })).toBe('1 row');
    expect(t('import.history.cohortRows', { count: 1200, formatted: '1,200' })).toBe('1,200 rows');
    expect(t('export.done.title', { count: '1' })).toBe('1 file made');
    expect(t('export.done.title', { count: '12' })).toBe('12 files made');
  });

  it('Korean: the one form, whatever the count', async () => {
    const t = await translator('ko');
    expect(t('grid.place.done', { count: 1 })).toBe('1명을 배치했습니다.');
    expect(t('grid.place.done', { count: 2 })).toBe('2명을 배치했습니다.');
    expect(t('grid.delete.title', { count: '1' })).toBe('1행을 지울까요?');
    expect(t('import.history.cohortRows', { count: 1, formatted: '1' })).toBe('1행');
  });

  it('main-side text picks the same forms', () => {
    expect(pluralTemplate(messages.en.grid.place, 'done', 1, 'en')).toBe('Assigned {{count}} person.');
    expect(pluralTemplate(messages.en.grid.place, 'done', '3', 'en')).toBe('Assigned {{count}} persons.');
    expect(pluralTemplate(messages.ko.grid.place, 'done', 1, 'ko')).toBe('{{count}}명을 배치했습니다.');
  });
});
