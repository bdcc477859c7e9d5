/**
 * @module web/screens/countries/registry-fetch
 * Reading a whole registry list through its pages (`next` cursor), for the map, which needs every
 * record in force on a date; the registries are small (hundreds of records).
 */
import type { ApiClient, Query } from '../../api/client.ts';
import type { Page, RegistryRecord } from '../../api/types.ts';

/** Every record of a list query, following `next` until the last page. */
export async function fetchAllRecords<D>(api: ApiClient, path: string, query: Query): Promise<Array<RegistryRecord<D>>> {
  const items: Array<RegistryRecord<D>> = [];
  let after: string | number | null = null;
  do {
    const { data }: { data: Page<RegistryRecord<D>> } = await api.get<Page<RegistryRecord<D>>>(path, { ...query, limit: 500, after: after ?? undefined });
    items.push(...data.items);
    after = data.next;
  } while (after !== null);
  return items;
}

let codes: Promise<string[]> | null = null;

/** The codes of every country in the registry, read once per page (the list changes with ISO 3166, not daily). */
export function countryCodes(api: ApiClient): Promise<string[]> {
  codes ??= fetchAllRecords(api, '/api/registries/countries', {}).then((records) => records.map((r) => r.key)).catch((error: unknown) => {
    codes = null;
    throw error;
  });
  return codes;
}
