import { fetchApi, } from '../../lib/api';
import { num } from '../../lib/format';
import { useApi, useCaseGeneration } from '../../lib/useApi';

/** The left nav's count of saved searches' new hits (refreshed when an ingest changes the case). */
export function WatchNavBadge() {
  const generation = useCaseGeneration();
  const { data } = useApi((signal) => fetchApi('/watch', { hits: 0 }, signal), [generation]);
  if (!data || data.newHits === 0) return null;
  return (
    <span className="nav-count nav-new" data-testid="nav-new-hits" title="new hits of saved searches">
      {num(data.newHits)} new
    </span>
  );
}
