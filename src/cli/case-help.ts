/** What every `--case` takes (the case locator, src/store/locator.ts). */
export const CASE_HELP = 'case file, or postgres://USER[:PASSWORD]@HOST:PORT/DB?case=NAME';
