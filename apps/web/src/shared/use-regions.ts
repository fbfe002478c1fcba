import { useLocale } from './i18n/locale-context.tsx';
import { loadRegions, regionLabel, type RegionIndex } from './regions.ts';
import { useApi } from './use-api.ts';

interface Regions {
  index: RegionIndex | undefined;
  /** the name in the UI language (顾村镇 / "Gucun Town"), else `fallback` (a name the API sent along), else the code */
  regionName: (code: string, fallback?: string) => string;
  /** the name with its code, bracketed as the language does: 顾村镇（310113109） / "Gucun Town (310113109)" */
  regionNameWithCode: (code: string, fallback?: string) => string;
}

/** The region index (cached after the first load) and name lookups in the UI language. */
export function useRegions(): Regions {
  const { locale, aside } = useLocale();
  const { data } = useApi('regions', () => loadRegions());
  const regionName = (code: string, fallback?: string) => {
    const region = data?.byCode.get(code);
    return region ? regionLabel(region, locale) : (fallback ?? code);
  };
  return {
    index: data,
    regionName,
    regionNameWithCode: (code, fallback) => aside(regionName(code, fallback), code),
  };
}
