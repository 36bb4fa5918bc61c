import { describe, expect, it } from '@jest/globals';
import { coverSubjectSchema, productCategorySchema, type CoverSubjectKind } from '@xiaoan/shared';
import { kindsByCategory, PRODUCT_KINDS, productKindOfCategory, productKindUi } from '.';

// The registry's types already fail to compile on a missing kind, or a catalogue category sold by no kind
// or by two; these run the same rules where jest sees them (it does not type-check), and catch what a type
// cannot: an entry filed under another kind's key.
describe('product kind registry', () => {
  const kinds = coverSubjectSchema.options.map((option) => option.shape.kind.value);

  it('has one entry per kind of the shared subject union, filed under its own kind', () => {
    expect(Object.keys(PRODUCT_KINDS).sort()).toEqual([...kinds].sort());
    for (const kind of kinds) expect(PRODUCT_KINDS[kind].kind).toBe(kind);
  });

  it('sells every catalogue category from exactly one kind', () => {
    for (const category of productCategorySchema.options) {
      expect(Object.values(PRODUCT_KINDS).filter((ui) => ui.category === category)).toHaveLength(1);
      expect(productKindOfCategory(category).category).toBe(category);
    }
  });

  it('draws each catalogue category on the home list with the icon, tag and tone of the kind that sells it', () => {
    expect(productKindOfCategory('flight_delay').categoryMeta).toEqual({ icon: '✈️', label: '出行保障', tone: 'sky' });
    expect(productKindOfCategory('heat').categoryMeta).toEqual({ icon: '☀️', label: '高温补贴', tone: 'sun' });
    expect(productKindOfCategory('rain').categoryMeta).toEqual({ icon: '🌧️', label: '出游保障', tone: 'rain' });
  });

  it('refuses a registry in which no kind sells a catalogue category', () => {
    const withoutRain = kinds.filter((kind) => kind !== 'rain').map((kind) => productKindUi<CoverSubjectKind>(kind));
    expect(() => kindsByCategory(withoutRain)).toThrow('no product kind sells category rain');
  });

  it('refuses a registry in which two kinds sell the same catalogue category', () => {
    const rainAsHeat = { ...productKindUi('rain'), category: 'heat' as const };
    expect(() => kindsByCategory([...kinds.map(productKindUi), rainAsHeat])).toThrow(
      'category heat is sold by both heat and rain',
    );
  });
});
