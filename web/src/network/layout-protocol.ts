/** Messages between the page and the ForceAtlas2 worker. */
export interface LayoutSettings {
  linLogMode: boolean;
  outboundAttractionDistribution: boolean;
  adjustSizes: boolean;
  edgeWeightInfluence: number;
  scalingRatio: number;
  strongGravityMode: boolean;
  gravity: number;
  slowDown: number;
  barnesHutOptimize: boolean;
  barnesHutTheta: number;
}

export type LayoutRequest =
  | {
      type: 'start';
      /** Echoed in every update, so updates of an earlier run are ignored. */
      run: number;
      /** The library's NodeMatrix / EdgeMatrix (graphToByteArrays), transferred. */
      nodes: Float32Array;
      edges: Float32Array;
      settings: LayoutSettings;
      /** Iterations between two position updates. */
      chunk: number;
      maxIterations: number;
      /** Settled when the mean move per node and iteration falls below this share of the layout's spread. */
      settleBelow: number;
    }
  | { type: 'stop' };

export interface LayoutUpdate {
  type: 'positions';
  run: number;
  /** x, y per node in graph order. */
  xy: Float32Array;
  iterations: number;
  moved: number;
  settled: boolean;
  ms: number;
}
