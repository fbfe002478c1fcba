import { beforeAll, describe, expect, it, vi } from 'vitest';
import { workbenchTexts } from './workbench.i18n.ts';

// the page's module reads the stored language on load: give it the little of a browser it touches
let kindKey: (kind: string) => string | null;
beforeAll(async () => {
  vi.stubGlobal('document', { documentElement: {} });
  ({ kindKey } = await import('./workbench-page.tsx'));
});

describe('workbench item titles', () => {
  it('every kind with a text shows that text, not its raw name (the service requests\' three showed as requests.mine …)', () => {
    const kinds = Object.keys(workbenchTexts['zh-CN']).filter((k) => k.startsWith('workbench.kind.')).map((k) => k.slice('workbench.kind.'.length));
    expect(kinds).toEqual(expect.arrayContaining(['requests.mine', 'requests.queue', 'requests.overdue']));
    for (const kind of kinds) expect(kindKey(kind), kind).toBe(`workbench.kind.${kind}`);
  });

  it('a kind without a text has no key (the page shows its name)', () => {
    expect(kindKey('someday.newModule')).toBeNull();
  });
});
