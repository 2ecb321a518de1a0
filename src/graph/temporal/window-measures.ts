/** Engine measures packaged for `windows()`: PageRank and weighted strength per window. */
import { pagerank } from '../measures/pagerank.js';
import { strength } from '../measures/degree.js';
import type { WindowMeasure } from './windows.js';

export const windowPagerank: WindowMeasure = (g) => pagerank(g).scores;
export const windowStrength: WindowMeasure = (g) => strength(g, 'all');
