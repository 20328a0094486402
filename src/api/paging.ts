/**
 * Paging always ends. A listing is followed page by page until a short page or
 * `count`, but a service (or proxy) that ignores `offset` would answer the same
 * full page forever: thousands of GETs a second and a list growing without end.
 * The guard stops a listing whose page brings no item not already listed, and
 * any listing past MAX_PAGES, as a bad response (exit 7) naming the listing.
 */
import type { NetworkError } from '../errors.js';
import { badResponse } from './errors.js';
import { text as message, type Text } from '../i18n/index.js';
import { api as M } from '../i18n/catalog/api.js';

/** Pages one listing may take (100 items each: 100,000 items, far above any project's). */
export const MAX_PAGES = 1000;

/** Checks each page of one listing. */
export interface PageGuard {
  /** Before fetching the next page: throws once the listing has taken `maxPages` pages. */
  next(): void;
  /** The page's items not listed before; throws when a full page brings none. `where` names the page (`offset 200`). */
  add<T extends { id: string }>(page: readonly T[], where: string): T[];
}

/** A guard for one listing, e.g. `pageGuard('GET', '/server-groups', 'server_groups')`. */
export function pageGuard(method: string, path: string, key: string, maxPages = MAX_PAGES): PageGuard {
  const listing = key.replace(/_/g, ' ');
  const seen = new Set<string>();
  let previous: string[] = [];
  let pages = 0;
  const bad = (why: Text): NetworkError => {
    const err = badResponse(method, path, why);
    err.details.listing = key;
    err.details.pages = pages;
    return err;
  };
  return {
    next() {
      if (pages >= maxPages) throw bad(message(M.pagingNoEnd, { listing, pages, count: seen.size }));
    },
    add(page, where) {
      pages++;
      const ids = page.map((item) => item.id);
      // Offset paging under concurrent changes may repeat an item or two: it is listed once.
      const fresh: typeof page[number][] = [];
      for (const item of page) {
        if (seen.has(item.id)) continue;
        seen.add(item.id);
        fresh.push(item);
      }
      if (page.length > 0 && fresh.length === 0) {
        const same = ids.length === previous.length && ids.every((id, i) => id === previous[i]);
        throw bad(
          same
            ? message(M.pagingRepeats, { listing, page: pages, where, count: ids.length, previous: pages - 1 })
            : message(M.pagingStuck, { listing, page: pages, where }),
        );
      }
      previous = ids;
      return fresh;
    },
  };
}
