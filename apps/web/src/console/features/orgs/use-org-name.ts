import { useApi } from '../../../shared/use-api.ts';
import { fetchOrgSummary } from './orgs-api.ts';

/** Names already looked up in this page's life (a filter, a tag and a select may all ask for the same unit). */
const names = new Map<number, string>();

/** The name of a unit given by id (e.g. a filter read from the URL); undefined while unknown or for no id. */
export function useOrgName(id: number | undefined): string | undefined {
  const cached = id === undefined ? undefined : names.get(id);
  const { data } = useApi(id === undefined || cached !== undefined ? null : `org-name:${id}`, (signal) =>
    fetchOrgSummary(id ?? 0, signal).then((org) => {
      names.set(org.id, org.name);
      return org;
    }),
  );
  if (cached !== undefined) return cached;
  return data && data.id === id ? data.name : undefined;
}
