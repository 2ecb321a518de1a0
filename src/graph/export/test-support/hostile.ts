/** A small network with hostile labels, shared by the exporter tests. */
import type { NetworkExport } from '../types.js';

export const HOSTILE = 'Tony "<The Knife>" & \'Co\'\u0001\u0000\u001f\ud800 =cmd|\' /C calc\'!A0\n\t\uffff😀';
/** What survives XML escaping + stripping of forbidden characters. */
export const HOSTILE_XML_CLEAN = 'Tony "<The Knife>" & \'Co\' =cmd|\' /C calc\'!A0\n\t😀';

export function hostileNetwork(): NetworkExport {
  return {
    labels: [HOSTILE, 'bob', '+31 6 1234 5678'],
    directed: true,
    edges: { n: 3, src: Int32Array.from([0, 1, 2]), dst: Int32Array.from([1, 2, 0]), weight: Float64Array.from([3, 1.5, 2]) },
    nodeAttributes: {
      pagerank: Float64Array.from([0.5, 0.25, NaN]),
      community: Int32Array.from([0, 0, 1]),
      'role <x> & "y"': [HOSTILE, 'broker', 'leaf'],
    },
    edgeAttributes: { first: Float64Array.from([1e12, 2e12, 3e12]) },
  };
}
