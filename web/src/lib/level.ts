/**
 * The level the network views work at when the URL does not say: persons once the analyst has
 * merged handles into at least one person (a person split over two PINs looks less central than
 * they are, and an arrest takes all their phones), accounts before that.
 */
import { fetchApi, } from './api';

export type NodeLevel = 'account' | 'person';

export function levelParam(v: string | null): NodeLevel | null {
  return v === 'person' || v === 'account' ? v : null;
}

export async function chosenLevel(asked: NodeLevel | null, signal: AbortSignal): Promise<NodeLevel> {
  if (asked) return asked;
  try {
    const p = await fetchApi('/identity/persons', { decisions: 1 }, signal);
    return p.persons.length > 0 ? 'person' : 'account';
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    return 'account';
  }
}
