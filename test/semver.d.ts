// The few functions of `semver` (no bundled types) that test/engines.test.ts uses.
declare module 'semver' {
  const semver: {
    minVersion(range: string): { version: string } | null;
    validRange(range: string): string | null;
    major(version: string): number;
    satisfies(version: string, range: string): boolean;
  };
  export default semver;
}
