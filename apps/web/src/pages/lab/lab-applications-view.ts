import type { ApplicationFilters } from '../../api';
import { applicationQueries } from '../../api/applications';

/** Rows per page an organiser may choose (`rows` in the address); 25 unless chosen. */
export const PAGE_SIZES = [25, 50, 100] as const;
export const FILTER_KEYS = [
  'discipline',
  'careerStage',
  'organisationType',
  'country',
  'status',
  'q',
] as const;
export type SortKey = NonNullable<ApplicationFilters['sort']>;
const SORT_KEYS: readonly SortKey[] = ['started', 'name', 'status', 'submitted', 'merit'];
/** The direction a column sorts in first: the best score first, the rest A to Z / oldest first. */
export const FIRST_ORDER: Record<SortKey, 'asc' | 'desc'> = {
  started: 'asc',
  name: 'asc',
  status: 'asc',
  submitted: 'asc',
  merit: 'desc',
};

/**
 * The view of a lab's applications its address names (filters, sort, page, rows), and the
 * query of that page of rows. The applications screen reads it, and so does the lab's
 * preload (lab-routes.tsx), which asks for the same rows before the screen's code is here.
 */
export function applicationsViewOf(labId: string, params: URLSearchParams) {
  const filters: ApplicationFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) (filters as Record<string, string>)[key] = value;
  }
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = PAGE_SIZES.find((n) => String(n) === params.get('rows')) ?? PAGE_SIZES[0];
  const sortParam = params.get('sort') as SortKey | null;
  const sort: SortKey = sortParam && SORT_KEYS.includes(sortParam) ? sortParam : 'started';
  const orderParam = params.get('order');
  const order: 'asc' | 'desc' =
    orderParam === 'asc' || orderParam === 'desc' ? orderParam : FIRST_ORDER[sort];
  const query = applicationQueries.ofLab(labId, { ...filters, sort, order, page, pageSize });
  return { filters, page, pageSize, sort, order, query };
}
