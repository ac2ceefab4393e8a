/** The package's root folder. */
export declare const root: string
/** True when dist/.build-stamp is newer than every file under src, checks, dashboards and migrations of `dir` (default: this package). */
export declare function distIsFresh(dir?: string): boolean
