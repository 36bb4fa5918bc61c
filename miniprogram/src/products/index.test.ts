import { describe, expect, it } from '@jest/globals';
import { coverSubjectSchema, productCategorySchema } from '@xiaoan/shared';
import { PRODUCT_KINDS, productKindOfCategory } from '.';

// The registry's type already fails to compile on a missing kind; this catches what a type cannot:
// an entry filed under another kind's key, or a catalogue category that no folder sells.
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
});
