import { loadRegions, type RegionIndex } from './regions.ts';
import { useApi } from './use-api.ts';

/** The region index (cached after the first load) and a name lookup that falls back to the code. */
export function useRegions(): { index: RegionIndex | undefined; regionName: (code: string) => string } {
  const { data } = useApi('regions', () => loadRegions());
  return { index: data, regionName: (code) => data?.byCode.get(code)?.name ?? code };
}
