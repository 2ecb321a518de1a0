// The iteration function of graphology-layout-forceatlas2 (CommonJS, shipped without types).
declare module 'graphology-layout-forceatlas2/iterate.js' {
  import type { LayoutSettings } from './layout-protocol';
  export default function iterate(settings: LayoutSettings, nodes: Float32Array, edges: Float32Array): unknown;
}
